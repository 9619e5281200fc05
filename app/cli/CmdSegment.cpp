// SPDX-License-Identifier: MIT
// cascadeclip segment: run Cascade-CLIP on an image, optionally dumping every intermediate for verification.
#include "Args.h"
#include "ClassInputs.h"
#include "Commands.h"
#include "io/Npy.h"
#include "pipeline/Inference.h"
#include "text/TextEmbedder.h"
#include "weights/ModelLoader.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Runtime.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace cascadeclip::cli {

namespace {

const char* const kHelp = R"(Usage: cascadeclip segment --weights FILE (--classes "a,b" | --class-names FILE.txt)
                          [--text-embeddings FILE.npy] [--template single|multi] [--vocab FILE]
                          [--seen 0,1,...|--seen-all] [--transductive] [--nga "w5,w6,w7;w8,w9,w10"]
                          [--dump DIR] [--device auto|cpu|cuda] [--threads N] IMAGE

Segments IMAGE with a Cascade-CLIP model and prints the share of pixels per class.

Options:
  --weights FILE          Model weights (.safetensors with the official checkpoint keys, or a bundle)
  --classes LIST          Comma-separated class names
  --class-names FILE      Class names, one per line (in the order of --text-embeddings when given)
  --text-embeddings FILE  Precomputed class embeddings [C, 512] (.npy, float16 or float32, used as stored, e.g.
                          the official files); without it the names go through the model's text encoder
  --template SET          single ("a photo of a {}") or multi (15 templates); default: the bundle's, else single
  --vocab FILE            bpe_simple_vocab_16e6.txt.gz (default: next to the weights, else inside the bundle)
  --seen LIST             Indices of the seen (training) classes; inductive models shift their scores by -0.1
  --seen-all              Every class is seen (cross-dataset setting)
  --transductive          No score shift for seen classes
  --nga "a,b,c;d,e,f"     NGA weights of stage 1 (blocks 5,6,7) and stage 2 (blocks 8,9,10)
  --dump DIR              Write every intermediate as .npy (input, per-window features, global embedding,
                          stage logits M1..M3 and their sum, per-block contributions to the stage 1 and 2
                          logits w{k}_contrib_s{1,2}_b{0,1,2}.npy (+ _bias), probs, label) plus label.png
                          and windows.json
  --device DEV            auto (CUDA when available), cpu or cuda
  --threads N             Intra-op threads (default: all cores)
)";

std::vector<float> parseFloats(const std::string& text, const std::string& what)
{
    std::vector<float> out;
    std::stringstream s(text);
    std::string item;
    while (std::getline(s, item, ',')) {
        try {
            size_t used = 0;
            out.push_back(std::stof(item, &used));
            if (item.find_first_not_of(" \t", used) != std::string::npos)
                throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw UsageError(what + ": '" + item + "' is not a number");
        }
    }
    return out;
}

torch::Device chooseDevice(const std::string& name)
{
    if (name == "cpu")
        return torch::kCPU;
    if (name == "cuda") {
        if (!torch::cuda::is_available())
            throw Error(ErrorCode::DeviceUnavailable, "--device cuda: no CUDA device is available to LibTorch");
        return torch::kCUDA;
    }
    if (name == "auto")
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    throw UsageError("--device must be auto, cpu or cuda, got '" + name + "'");
}

cv::Mat readImage(const std::string& path)
{
    if (!std::filesystem::is_regular_file(path))
        throw Error(ErrorCode::ImageUnreadable, path + ": no such image file");
    cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
    if (bgr.empty())
        throw Error(ErrorCode::ImageUnreadable, path + ": not a readable image (unknown format or corrupt data)");
    return bgr;
}

/// "w{k}_": built by appending, which also sidesteps GCC 12's false -Wrestrict on `"w" + std::to_string(k)`.
std::string windowPrefix(size_t k)
{
    std::string p = "w";
    p += std::to_string(k);
    p += '_';
    return p;
}

void dumpMap(const std::filesystem::path& dir, const std::string& name, const torch::Tensor& tokens, int64_t grid)
{
    // [1, N, E] tokens -> [1, E, G, G] maps, as the official code returns them.
    io::writeNpy((dir / name).string(), tokens.transpose(1, 2).reshape({tokens.size(0), tokens.size(2), grid, grid}));
}

int run(const std::vector<std::string>& argv)
{
    const Args args(argv,
        {"weights", "text-embeddings", "classes", "class-names", "template", "vocab", "seen", "nga", "dump", "device",
            "threads"},
        {"seen-all", "transductive"});
    if (args.positionals().size() != 1)
        throw UsageError("expected exactly one IMAGE");
    const std::string imagePath = args.positionals()[0];
    const std::string weightsPath = args.required("weights");
    const auto names = classNamesFrom(args);
    if (args.has("seen") && args.has("seen-all"))
        throw UsageError("--seen and --seen-all exclude each other");

    setComputeThreads(args.intValue("threads", 0));
    c10::InferenceMode inference;
    const torch::Device device = chooseDevice(args.value("device").value_or("auto"));

    const auto classes = static_cast<int64_t>(names.size());

    auto seen = torch::zeros({classes}, torch::kBool);
    if (args.has("seen-all"))
        seen.fill_(true);
    if (const auto list = args.value("seen")) {
        for (const float f : parseFloats(*list, "--seen")) {
            const auto i = static_cast<int64_t>(f);
            if (f != static_cast<float>(i) || i < 0 || i >= classes)
                throw UsageError(
                    "--seen: index " + std::to_string(f) + " is not a class index below " + std::to_string(classes));
            seen[i] = true;
        }
    }

    pipeline::DecodeInputs inputs;
    inputs.seen = seen.to(device);
    inputs.inductive = !args.has("transductive");
    if (const auto nga = args.value("nga")) {
        const auto split = nga->find(';');
        if (split == std::string::npos)
            throw UsageError("--nga expects \"w5,w6,w7;w8,w9,w10\"");
        const auto s1 = parseFloats(nga->substr(0, split), "--nga"), s2 = parseFloats(nga->substr(split + 1), "--nga");
        if (s1.size() != 3 || s2.size() != 3)
            throw UsageError("--nga expects three weights per stage");
        inputs.weightsS1 = torch::tensor(s1).to(device);
        inputs.weightsS2 = torch::tensor(s2).to(device);
    }

    const cv::Mat bgr = readImage(imagePath);
    auto loaded = weights::loadModel(weightsPath, device);
    if (const auto textPath = args.value("text-embeddings")) {
        inputs.text = io::readNpy(*textPath).to(torch::kFloat32).to(device);
        if (inputs.text.dim() != 2 || inputs.text.size(0) != classes)
            throw Error(ErrorCode::InvalidInput,
                *textPath + ": expected one embedding row per class name (" + std::to_string(classes) + ")");
    } else {
        text::TextEmbedder embedder(loaded.model->text_encoder,
            text::findTokenizer(args.value("vocab").value_or(""), weightsPath, loaded.metadata), weightsPath);
        inputs.text = embedder.embed(names, templateSetFrom(args, loaded.metadata));
    }
    if (inputs.text.size(1) != loaded.options.vision.outputDim)
        throw Error(ErrorCode::InvalidInput,
            "class embeddings have " + std::to_string(inputs.text.size(1)) + " dimensions, the model expects "
                + std::to_string(loaded.options.vision.outputDim));

    const auto input = pipeline::preprocess(bgr, loaded.options.shortSide).to(device);
    RunHooks hooks;
    auto cache = pipeline::encodeWindows(loaded.model, input, bgr.size(), hooks);

    std::optional<std::filesystem::path> dump;
    if (const auto d = args.value("dump")) {
        dump = *d;
        std::error_code ec;
        std::filesystem::create_directories(*dump, ec);
        if (ec)
            throw Error(ErrorCode::Io, *d + ": cannot create the dump folder: " + ec.message());
        io::writeNpy((*dump / "input.npy").string(), input);
        const int64_t grid = loaded.options.vision.gridSize();
        for (size_t k = 0; k < cache.features.size(); ++k) {
            const auto& f = cache.features[k];
            for (size_t i = 0; i < f.levels.size(); ++i)
                dumpMap(*dump, windowPrefix(k) + "feat" + std::to_string(i) + ".npy", f.levels[i], grid);
            io::writeNpy((*dump / (windowPrefix(k) + "global.npy")).string(), f.global);
        }
    }
    pipeline::WindowObserver observer;
    if (dump) {
        inputs.withContributions = true;
        observer = [&](size_t k, const model::CropDecode& d) {
            const std::string w = windowPrefix(k);
            for (size_t s = 0; s < d.stageLogits.size(); ++s)
                io::writeNpy((*dump / (w + "M" + std::to_string(s + 1) + ".npy")).string(), d.stageLogits[s]);
            io::writeNpy((*dump / (w + "Msum.npy")).string(), d.logitSum);
            // Stages 1 and 2: each block's share of the last decoder layer's logits, and the key bias's share.
            for (size_t st = 0; st < 2 && st < d.contributions.size(); ++st) {
                const std::string prefix = w + "contrib_s" + std::to_string(st + 1) + "_";
                for (size_t i = 0; i < d.contributions[st].blocks.size(); ++i)
                    io::writeNpy(
                        (*dump / (prefix + "b" + std::to_string(i) + ".npy")).string(), d.contributions[st].blocks[i]);
                io::writeNpy((*dump / (prefix + "bias.npy")).string(), d.contributions[st].bias);
            }
        };
    }
    const auto probs = pipeline::decodeWindows(loaded.model, cache, inputs, hooks, observer).to(torch::kCPU);
    cv::Mat labels, confidence;
    pipeline::labelsFromScores(probs, 0.0f, labels, confidence);

    if (dump) {
        io::writeNpy((*dump / "probs.npy").string(), probs);
        cv::Mat labels64;
        labels.convertTo(labels64, CV_32S);
        io::writeNpy((*dump / "label.npy").string(),
            torch::from_blob(labels64.data, {labels64.rows, labels64.cols}, torch::kInt32).to(torch::kInt64));
        cv::Mat png;
        if (classes <= 255)
            labels.convertTo(png, CV_8U);
        else
            png = labels;
        if (!cv::imwrite((*dump / "label.png").string(), png))
            throw Error(ErrorCode::Io, (*dump / "label.png").string() + ": cannot write");
        nlohmann::json windows = nlohmann::json::array();
        for (const auto& w : cache.windows)
            windows.push_back({{"y1", w.y1}, {"y2", w.y2}, {"x1", w.x1}, {"x2", w.x2}});
        std::ofstream((*dump / "windows.json").string()) << windows.dump() << "\n";
    }

    // Summary: share of pixels per class.
    std::vector<int64_t> counts(static_cast<size_t>(classes), 0);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            if (const auto l = labels.at<uint16_t>(y, x); l < classes)
                ++counts[l];
    const double total = static_cast<double>(labels.total());
    std::cout << imagePath << ": " << bgr.cols << "x" << bgr.rows << ", " << cache.windows.size() << " window(s)\n";
    for (int64_t c = 0; c < classes; ++c)
        if (counts[c] > 0)
            std::cout << "  " << names[c] << ": " << std::fixed << std::setprecision(1) << 100.0 * counts[c] / total
                      << "%\n";
    return kExitOk;
}

} // namespace

const Command kSegmentCommand {"segment", "Segment an image with a model and class names", kHelp, run};

} // namespace cascadeclip::cli
