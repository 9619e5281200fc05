// SPDX-License-Identifier: MIT
// cascadeclip segment: run Cascade-CLIP on images, files, folders or file lists, writing index/colour PNGs and a
// COCO file, sharded and resumable; or on one image with every intermediate dumped for verification.
#include "Args.h"
#include "ClassInputs.h"
#include "Commands.h"
#include "Weights.h"
#include "io/Npy.h"
#include "pipeline/Inference.h"
#include "text/Templates.h"
#include "text/TextEmbedder.h"
#include "weights/ModelLoader.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/ImageFile.h>
#include <cascadeclip/Runtime.h>
#include <cascadeclip/Version.h>
#include <cascadeclip/annotation/Coco.h>
#include <cascadeclip/annotation/MaskPng.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace cascadeclip::cli {

namespace fs = std::filesystem;

namespace {

const char* const kHelp = R"(Usage: cascadeclip segment (--weights FILE | --checkpoint FILE.pth [--clip ViT-B-16.pt])
                          (--classes "a,b" | --class-names FILE.txt) [OPTIONS]
                          (--out DIR INPUT... | --dump DIR IMAGE)

Segments images with a Cascade-CLIP model. INPUT is an image, a folder of images (with --recursive, its
subfolders too) or @LIST, a text file with one image path per line.

With --out DIR, for each image NAME (its path relative to the folder it was found in, without extension):
  DIR/NAME.png        8-bit palette index mask (class index in the given order, 255 = unlabeled; 16-bit grey
                      with 65535 = unlabeled above 254 classes)
  DIR/NAME_color.png  colour rendering (legend in DIR/labelmap.txt and DIR/legend.json)
  DIR/NAME_probs.npy  [C, H, W] float16 class probabilities, with --probs
and one COCO file for the run, DIR/coco.json (DIR/coco.shard-I-of-N.json with --shard; merge them with
`cascadeclip merge-coco`). Every file is written atomically; an image whose NAME.png exists is skipped, so an
interrupted run resumes where it stopped. DIR/provenance.json records the weights, classes, template set, NGA
weights and threshold.

Model and classes:
  --weights FILE          Model weights: a bundle (`cascadeclip import`), or a .safetensors file with the
                          official checkpoint keys
  --checkpoint FILE.pth   Instead of --weights: an official Cascade-CLIP checkpoint, imported on first use into
                          a bundle in the cache folder ($CASCADECLIP_CACHE_DIR, else ~/.cache/cascadeclip) and
                          reused while the file is unchanged
  --clip FILE.pt          With --checkpoint: OpenAI's ViT-B-16.pt, for the tensors the checkpoint lacks
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
Output:
  --out DIR               Output folder for the batch outputs above
  --recursive             Descend into subfolders of folder inputs
  --threshold P           Pixels whose best probability is below P are unlabeled (default 0)
  --probs                 Also write NAME_probs.npy
  --polygons              COCO segmentations as polygons where exact (RLE otherwise)
  --shard I/N             Process only the I-th of N deterministic slices (I from 0), e.g. a Slurm array task
  --overwrite             Redo images whose outputs exist
  --dump DIR              One image: write every intermediate as .npy (input, per-window features w{k}_feat0..6,
                          global embedding, stage logits M1..M3 and their sum, per-block contributions
                          w{k}_contrib_s{1,2}_b{0,1,2}.npy (+ _bias), probs, label) plus label.png, windows.json,
                          and at the image's size stage{1,2,3}_logits.npy [C, H, W] and classes.json, which
                          `cascadeclip render` draws
Runtime:
  --device DEV            auto (CUDA when available), cpu or cuda
  --threads N             Intra-op threads (default: all cores)
  --max-pixels N          Refuse images with more pixels (JPEGs are decoded at 1/2, 1/4 or 1/8 when that fits);
                          0 = no limit (default 100000000)
)";

// Image file extensions picked up from folders.
const std::set<std::string> kImageExtensions {
    ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".jp2", ".pgm", ".ppm", ".pnm"};

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

cv::Mat readImage(const std::string& path, const ImageReadOptions& options)
{
    if (!fs::is_regular_file(path))
        throw Error(ErrorCode::ImageUnreadable, path + ": no such image file");
    ImageReadResult image = readImageFile(path, options);
    if (!image.note.empty())
        std::cerr << "cascadeclip segment: " << image.note << "\n";
    return image.bgr;
}

ImageReadOptions imageOptionsFrom(const Args& args)
{
    ImageReadOptions options;
    if (const auto text = args.value("max-pixels")) {
        if (text->empty() || text->find_first_not_of("0123456789") != std::string::npos || text->size() > 18)
            throw UsageError("--max-pixels expects a whole number of pixels (0 = no limit), got '" + *text + "'");
        options.maxPixels = std::stoull(*text);
    }
    return options;
}

/// "w{k}_": built by appending, which also sidesteps GCC 12's false -Wrestrict on `"w" + std::to_string(k)`.
std::string windowPrefix(size_t k)
{
    std::string p = "w";
    p += std::to_string(k);
    p += '_';
    return p;
}

void dumpMap(const fs::path& dir, const std::string& name, const torch::Tensor& tokens, int64_t grid)
{
    // [1, N, E] tokens -> [1, E, G, G] maps, as the official code returns them.
    io::writeNpy((dir / name).string(), tokens.transpose(1, 2).reshape({tokens.size(0), tokens.size(2), grid, grid}));
}

/// One image to segment and the output name it gets.
struct Job {
    std::string path;
    std::string name; // relative, without extension, '/'-separated
};

std::string stem(const fs::path& relative)
{
    fs::path p = relative;
    p.replace_extension();
    return p.generic_string();
}

std::vector<Job> collectJobs(const std::vector<std::string>& inputs, bool recursive)
{
    std::vector<Job> jobs;
    for (const auto& input : inputs) {
        if (!input.empty() && input[0] == '@') {
            const std::string list = input.substr(1);
            std::ifstream in(list);
            if (!in)
                throw Error(ErrorCode::InvalidInput, list + ": cannot open the file list");
            std::string line;
            while (std::getline(in, line)) {
                if (!line.empty() && line.back() == '\r')
                    line.pop_back();
                if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#')
                    continue;
                jobs.push_back({line, stem(fs::path(line).filename())});
            }
        } else if (fs::is_directory(input)) {
            const fs::path root(input);
            auto add = [&](const fs::directory_entry& e) {
                std::string ext = e.path().extension().string();
                std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
                if (e.is_regular_file() && kImageExtensions.count(ext))
                    jobs.push_back({e.path().string(), stem(fs::relative(e.path(), root))});
            };
            if (recursive)
                for (const auto& e :
                    fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied))
                    add(e);
            else
                for (const auto& e : fs::directory_iterator(root))
                    add(e);
        } else {
            jobs.push_back({input, stem(fs::path(input).filename())});
        }
    }
    // A deterministic order (the same on every machine of a sharded run), and no two images on one output.
    std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.path < b.path; });
    jobs.erase(
        std::unique(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.path == b.path; }), jobs.end());
    std::map<std::string, std::string> byName;
    for (const auto& j : jobs) {
        const auto [it, fresh] = byName.emplace(j.name, j.path);
        if (!fresh)
            throw Error(ErrorCode::InvalidInput,
                "'" + j.path + "' and '" + it->second + "' would both be written as '" + j.name
                    + ".png'; give them from their folders or rename one");
    }
    return jobs;
}

std::pair<int, int> parseShard(const std::string& text)
{
    const auto slash = text.find('/');
    try {
        if (slash != std::string::npos) {
            const int i = std::stoi(text.substr(0, slash)), n = std::stoi(text.substr(slash + 1));
            if (n >= 1 && i >= 0 && i < n)
                return {i, n};
        }
    } catch (const std::exception&) {
    }
    throw UsageError("--shard expects I/N with 0 <= I < N, got '" + text + "'");
}

/// Everything the head needs, set up once per run.
struct RunSetup {
    std::string weightsPath;
    weights::LoadedModel loaded;
    pipeline::DecodeInputs inputs;
    std::vector<std::string> names;
    std::string templateSet = "precomputed";
    torch::Device device = torch::kCPU;
    ImageReadOptions imageOptions;
};

RunSetup setUp(const Args& args)
{
    RunSetup s;
    s.imageOptions = imageOptionsFrom(args);
    s.names = classNamesFrom(args);
    if (args.has("seen") && args.has("seen-all"))
        throw UsageError("--seen and --seen-all exclude each other");
    const auto classes = static_cast<int64_t>(s.names.size());
    s.device = weights::resolveDevice(args.value("device").value_or("auto"));
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
    s.inputs.seen = seen.to(s.device);
    s.inputs.inductive = !args.has("transductive");
    if (const auto nga = args.value("nga")) {
        const auto split = nga->find(';');
        if (split == std::string::npos)
            throw UsageError("--nga expects \"w5,w6,w7;w8,w9,w10\"");
        const auto s1 = parseFloats(nga->substr(0, split), "--nga"), s2 = parseFloats(nga->substr(split + 1), "--nga");
        if (s1.size() != 3 || s2.size() != 3)
            throw UsageError("--nga expects three weights per stage");
        s.inputs.weightsS1 = torch::tensor(s1).to(s.device);
        s.inputs.weightsS2 = torch::tensor(s2).to(s.device);
    }
    s.weightsPath = weightsPathFrom(args);
    const std::string& weightsPath = s.weightsPath;
    s.loaded = weights::loadModel(weightsPath, s.device);
    if (const auto textPath = args.value("text-embeddings")) {
        s.inputs.text = io::readNpy(*textPath).to(torch::kFloat32).to(s.device);
        if (s.inputs.text.dim() != 2 || s.inputs.text.size(0) != classes)
            throw Error(ErrorCode::InvalidInput,
                *textPath + ": expected one embedding row per class name (" + std::to_string(classes) + ")");
    } else {
        const TemplateSet set = templateSetFrom(args, s.loaded.metadata);
        text::TextEmbedder embedder(s.loaded.model->text_encoder,
            text::findTokenizer(args.value("vocab").value_or(""), weightsPath, s.loaded.metadata), weightsPath);
        s.inputs.text = embedder.embed(s.names, set);
        s.templateSet = text::toString(set);
    }
    if (s.inputs.text.size(1) != s.loaded.options.vision.outputDim)
        throw Error(ErrorCode::InvalidInput,
            "class embeddings have " + std::to_string(s.inputs.text.size(1)) + " dimensions, the model expects "
                + std::to_string(s.loaded.options.vision.outputDim));
    return s;
}

std::string ngaText(RunSetup& s)
{
    const auto w1
        = (s.inputs.weightsS1.defined() ? s.inputs.weightsS1 : s.loaded.model->decode_head->weights_s1).to(torch::kCPU);
    const auto w2
        = (s.inputs.weightsS2.defined() ? s.inputs.weightsS2 : s.loaded.model->decode_head->weights_s2).to(torch::kCPU);
    std::ostringstream o;
    o << std::setprecision(9);
    for (int i = 0; i < 3; ++i)
        o << (i ? "," : "") << w1[i].item<float>();
    o << ";";
    for (int i = 0; i < 3; ++i)
        o << (i ? "," : "") << w2[i].item<float>();
    return o.str();
}

/// One image, with every intermediate written to `dump` (the verification contract).
int runDump(const Args& args, RunSetup& s, const std::string& imagePath, const fs::path& dump)
{
    const cv::Mat bgr = readImage(imagePath, s.imageOptions);
    const auto input = pipeline::preprocess(bgr, s.loaded.options.shortSide).to(s.device);
    auto cache = pipeline::encodeWindows(s.loaded.model, input, bgr.size(), {});
    std::error_code ec;
    fs::create_directories(dump, ec);
    if (ec)
        throw Error(ErrorCode::Io, dump.string() + ": cannot create the dump folder: " + ec.message());
    io::writeNpy((dump / "input.npy").string(), input);
    const int64_t grid = s.loaded.options.vision.gridSize();
    for (size_t k = 0; k < cache.features.size(); ++k) {
        const auto& f = cache.features[k];
        for (size_t i = 0; i < f.levels.size(); ++i)
            dumpMap(dump, windowPrefix(k) + "feat" + std::to_string(i) + ".npy", f.levels[i], grid);
        io::writeNpy((dump / (windowPrefix(k) + "global.npy")).string(), f.global);
    }
    s.inputs.withContributions = true;
    const auto observer = [&](size_t k, const model::CropDecode& d) {
        const std::string w = windowPrefix(k);
        for (size_t st = 0; st < d.stageLogits.size(); ++st)
            io::writeNpy((dump / (w + "M" + std::to_string(st + 1) + ".npy")).string(), d.stageLogits[st]);
        io::writeNpy((dump / (w + "Msum.npy")).string(), d.logitSum);
        // Stages 1 and 2: each block's share of the last decoder layer's logits, and the key bias's share.
        for (size_t st = 0; st < 2 && st < d.contributions.size(); ++st) {
            const std::string prefix = w + "contrib_s" + std::to_string(st + 1) + "_";
            for (size_t i = 0; i < d.contributions[st].blocks.size(); ++i)
                io::writeNpy(
                    (dump / (prefix + "b" + std::to_string(i) + ".npy")).string(), d.contributions[st].blocks[i]);
            io::writeNpy((dump / (prefix + "bias.npy")).string(), d.contributions[st].bias);
        }
    };
    std::array<torch::Tensor, 3> stages;
    const auto probs = pipeline::decodeWindows(s.loaded.model, cache, s.inputs, {}, observer, &stages).to(torch::kCPU);
    // The level views at the image's size (what `cascadeclip render` and the GUI's level views draw).
    for (size_t st = 0; st < stages.size(); ++st)
        io::writeNpy((dump / ("stage" + std::to_string(st + 1) + "_logits.npy")).string(),
            stages[st][0].to(torch::kCPU, torch::kFloat32));
    writeFileAtomically((dump / "classes.json").string(), nlohmann::json(s.names).dump() + "\n");
    cv::Mat labels, confidence;
    pipeline::labelsFromScores(probs, args.floatValue("threshold", 0.0f), labels, confidence);
    io::writeNpy((dump / "probs.npy").string(), probs);
    cv::Mat labels32;
    labels.convertTo(labels32, CV_32S);
    io::writeNpy((dump / "label.npy").string(),
        torch::from_blob(labels32.data, {labels32.rows, labels32.cols}, torch::kInt32).to(torch::kInt64));
    cv::Mat png;
    if (s.names.size() <= 255)
        labels.convertTo(png, CV_8U);
    else
        png = labels;
    std::vector<uchar> pngBytes;
    if (!cv::imencode(".png", png, pngBytes))
        throw Error(ErrorCode::Internal, (dump / "label.png").string() + ": cannot encode the label map as PNG");
    writeFileAtomically(
        (dump / "label.png").string(), {reinterpret_cast<const char*>(pngBytes.data()), pngBytes.size()});
    nlohmann::json windows = nlohmann::json::array();
    for (const auto& w : cache.windows)
        windows.push_back({{"y1", w.y1}, {"y2", w.y2}, {"x1", w.x1}, {"x2", w.x2}});
    writeFileAtomically((dump / "windows.json").string(), windows.dump() + "\n");
    std::cout << imagePath << ": " << bgr.cols << "x" << bgr.rows << ", " << cache.windows.size()
              << " window(s), dumped to " << dump.string() << "\n";
    return kExitOk;
}

/// Progress on a terminal as one rewritten line, otherwise as plain lines.
class Progress {
public:
    explicit Progress(size_t total)
        : m_total(total)
        , m_tty(::isatty(STDERR_FILENO) != 0)
    {
    }
    void step(size_t done, const std::string& name, const std::string& what)
    {
        if (m_tty) {
            const int width = 30;
            const auto filled = static_cast<int>(width * done / std::max<size_t>(m_total, 1));
            std::cerr << "\r[" << std::string(static_cast<size_t>(filled), '#')
                      << std::string(static_cast<size_t>(width - filled), '.') << "] " << done << "/" << m_total << " "
                      << what << " " << name << "\x1b[K" << std::flush;
        } else {
            std::cerr << "[" << done << "/" << m_total << "] " << what << " " << name << "\n";
        }
    }
    void finish()
    {
        if (m_tty)
            std::cerr << "\n";
    }

private:
    size_t m_total;
    bool m_tty;
};

int runBatch(const Args& args, RunSetup& s, const fs::path& out)
{
    auto jobs = collectJobs(args.positionals(), args.has("recursive"));
    std::string cocoName = "coco.json";
    if (const auto shard = args.value("shard")) {
        const auto [index, count] = parseShard(*shard);
        std::vector<Job> mine;
        for (size_t i = 0; i < jobs.size(); ++i)
            if (static_cast<int>(i % static_cast<size_t>(count)) == index)
                mine.push_back(jobs[i]);
        jobs = std::move(mine);
        cocoName = "coco.shard-" + std::to_string(index) + "-of-" + std::to_string(count) + ".json";
    }
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec)
        throw Error(ErrorCode::Io, out.string() + ": cannot create the output folder: " + ec.message());

    const auto classList = annotation::makeClassList(s.names);
    const float threshold = args.floatValue("threshold", 0.0f);
    const std::map<std::string, std::string> provenance {
        {"tool", std::string("cascadeclip ") + kVersion},
        {"weights", s.weightsPath},
        {"checkpoint", args.value("checkpoint").value_or("")},
        {"clip", args.value("clip").value_or("")},
        {"weights_options", weights::optionsToJson(s.loaded.options).dump()},
        {"classes", nlohmann::json(s.names).dump()},
        {"template_set", s.templateSet},
        {"nga", ngaText(s)},
        {"inductive", s.inputs.inductive ? "true" : "false"},
        {"threshold", std::to_string(threshold)},
    };
    writeFileAtomically((out / "provenance.json").string(), nlohmann::json(provenance).dump(2) + "\n");
    annotation::writeCvatLabelmap((out / "labelmap.txt").string(), classList);
    annotation::writeLegendJson((out / "legend.json").string(), classList);

    const bool overwrite = args.has("overwrite"), probsOut = args.has("probs");
    std::vector<annotation::CocoImage> cocoImages;
    size_t done = 0, skipped = 0, failed = 0;
    int exitCode = kExitOk;
    Progress progress(jobs.size());
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < jobs.size(); ++i) {
        const Job& job = jobs[i];
        const fs::path indexPng = out / (job.name + ".png");
        try {
            if (!overwrite && fs::exists(indexPng)) {
                // Done by an earlier (interrupted) run: keep it, and still list it in this run's COCO file.
                cocoImages.push_back({fs::path(job.path).filename().string(),
                    annotation::readIndexPng(indexPng.string(), classList.size())});
                ++skipped;
                progress.step(i + 1, job.name, "skipped");
                continue;
            }
            const cv::Mat bgr = readImage(job.path, s.imageOptions);
            const auto input = pipeline::preprocess(bgr, s.loaded.options.shortSide).to(s.device);
            auto cache = pipeline::encodeWindows(s.loaded.model, input, bgr.size(), {});
            const auto probs = pipeline::decodeWindows(s.loaded.model, cache, s.inputs, {}).to(torch::kCPU);
            cv::Mat labels, confidence;
            pipeline::labelsFromScores(probs, threshold, labels, confidence);
            fs::create_directories(indexPng.parent_path());
            annotation::writeColorPng((out / (job.name + "_color.png")).string(), labels, classList);
            if (probsOut)
                writeFileAtomically(
                    (out / (job.name + "_probs.npy")).string(), io::npyBytes(probs[0].to(torch::kFloat16)));
            // The index mask last: its presence marks the image as done.
            annotation::writeIndexPng(indexPng.string(), labels, classList);
            cocoImages.push_back({fs::path(job.path).filename().string(), labels});
            ++done;
            progress.step(i + 1, job.name, "segmented");
        } catch (const Error& e) {
            ++failed;
            progress.finish();
            std::cerr << "cascadeclip segment: " << e.what() << "\n";
            const bool inputProblem = e.code() == ErrorCode::ImageUnreadable || e.code() == ErrorCode::InvalidInput;
            exitCode = std::max(exitCode, inputProblem ? kExitInput : kExitRuntime);
            if (!inputProblem)
                break; // a disk or device failure would repeat for every image
        } catch (const std::exception& e) {
            // LibTorch (c10::Error, e.g. out of memory on a huge image), OpenCV or the allocator: this image
            // failed, the next may not.
            ++failed;
            progress.finish();
            std::cerr << "cascadeclip segment: " << job.path << ": " << e.what() << "\n";
            exitCode = std::max(exitCode, kExitRuntime);
        }
    }
    progress.finish();
    annotation::CocoExportOptions coco;
    coco.polygons = args.has("polygons");
    coco.provenance = provenance;
    annotation::writeCoco((out / cocoName).string(), cocoImages, classList, coco);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "segmented " << done << ", skipped " << skipped << " (already done), failed " << failed << " of "
              << jobs.size() << " image(s) in " << std::fixed << std::setprecision(1) << seconds << " s; "
              << (out / cocoName).string() << "\n";
    return exitCode;
}

int run(const std::vector<std::string>& argv)
{
    const Args args(argv,
        {"weights", "checkpoint", "clip", "text-embeddings", "classes", "class-names", "template", "vocab", "seen",
            "nga", "dump", "device", "threads", "out", "threshold", "shard", "max-pixels"},
        {"seen-all", "transductive", "recursive", "probs", "polygons", "overwrite"});
    const auto dump = args.value("dump");
    const auto out = args.value("out");
    if (dump.has_value() == out.has_value())
        throw UsageError("give either --out DIR (batch outputs) or --dump DIR (one image, every intermediate)");
    if (args.positionals().empty())
        throw UsageError("no input image, folder or @list given");
    if (dump && args.positionals().size() != 1)
        throw UsageError("--dump takes exactly one IMAGE");
    const float threshold = args.floatValue("threshold", 0.0f);
    if (threshold < 0.0f || threshold > 1.0f)
        throw UsageError("--threshold must lie in [0, 1]");

    setComputeThreads(args.intValue("threads", 0));
    c10::InferenceMode inference;
    RunSetup setup = setUp(args);
    if (dump)
        return runDump(args, setup, args.positionals()[0], *dump);
    return runBatch(args, setup, *out);
}

} // namespace

const Command kSegmentCommand {"segment", "Segment images, folders or lists with a model and class names", kHelp, run};

} // namespace cascadeclip::cli
