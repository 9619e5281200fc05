// SPDX-License-Identifier: MIT
// cascadeclip render: the level views of the desktop application, from a `segment --dump` folder, without a screen.
#include "Args.h"
#include "Commands.h"
#include "io/Npy.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/MaskPng.h>
#include <cascadeclip/render/Render.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace cascadeclip::cli {

namespace fs = std::filesystem;

namespace {

const char* const kHelp = R"(Usage: cascadeclip render --dump DIR --view VIEW [OPTIONS] -o FILE.png

Draws one level of a segmentation from a folder written by `cascadeclip segment --dump DIR IMAGE`, with the
colours of the desktop application's level views.

Views:
  stage1                  Labels of stage 1 (blocks 5-7, NGA-mixed): the argmax of its own logits
  stage2                  Labels of stage 2 (blocks 8-10, NGA-mixed)
  stage3                  Labels of stage 3 (the final block)
  fused                   The model's labels (label.npy: the sum of the stages, sigmoid, seen shift, threshold)
  heatmap:CLASS[:prob|logit]
                          One class's probability (default; range 0..1) or logit (range: the map's own) as a
                          heatmap with a colour bar; CLASS is a class name of the dump or its index
Label views are written as 8-bit palette PNGs (pixel = class index, 255 = unlabeled, palette = class colours);
heatmaps as RGB PNGs.

Options:
  --dump DIR              Folder written by `cascadeclip segment --dump`
  --view VIEW             See above
  --stage S               Level of a heatmap: 1, 2, 3 or fused (default fused)
  --threshold P           Stage label views: pixels whose best stage probability is below P are unlabeled
                          (default 0)
  --range LO,HI           Heatmap: the values at the ends of the colour bar (default: 0,1 for probabilities, the
                          map's own range for logits)
  -o, --output FILE.png   Output picture
)";

/// A dump file that must exist; names the folder and how to make it when missing.
fs::path dumpFile(const fs::path& dir, const std::string& name)
{
    const fs::path p = dir / name;
    if (!fs::is_regular_file(p))
        throw Error(ErrorCode::InvalidInput,
            p.string() + ": missing; write the dump with `cascadeclip segment --dump " + dir.string()
                + " IMAGE` of this version");
    return p;
}

/// [C, H, W] or [1, C, H, W] float maps -> one CV_32FC1 per class.
std::vector<cv::Mat> classMaps(const fs::path& path)
{
    auto t = io::readNpy(path.string());
    if (t.dim() == 4 && t.size(0) == 1)
        t = t[0];
    if (t.dim() != 3)
        throw Error(ErrorCode::InvalidInput,
            path.string() + ": expected [C, H, W] class maps, got " + std::to_string(t.dim()) + " dimensions");
    t = t.to(torch::kFloat32).contiguous();
    std::vector<cv::Mat> maps;
    for (int64_t c = 0; c < t.size(0); ++c)
        maps.push_back(
            cv::Mat(static_cast<int>(t.size(1)), static_cast<int>(t.size(2)), CV_32FC1, t[c].data_ptr<float>())
                .clone());
    return maps;
}

std::vector<std::string> classNames(const fs::path& dir)
{
    const fs::path path = dumpFile(dir, "classes.json");
    std::ifstream in(path);
    try {
        return nlohmann::json::parse(in).get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::InvalidInput, path.string() + ": not a JSON list of class names: " + e.what());
    }
}

cv::Mat fusedLabels(const fs::path& dir)
{
    const fs::path path = dumpFile(dir, "label.npy");
    const auto t = io::readNpy(path.string());
    if (t.dim() != 2)
        throw Error(ErrorCode::InvalidInput, path.string() + ": expected an [H, W] label map");
    const auto l = t.to(torch::kInt32).contiguous();
    cv::Mat labels(static_cast<int>(l.size(0)), static_cast<int>(l.size(1)), CV_16UC1);
    const int32_t* v = l.data_ptr<int32_t>();
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x) {
            const int32_t value = v[static_cast<size_t>(y) * labels.cols + x];
            labels.at<std::uint16_t>(y, x) = value < 0 || value >= kUnlabeled ? kUnlabeled : std::uint16_t(value);
        }
    return labels;
}

std::vector<cv::Mat> stageLogits(const fs::path& dir, int stage)
{
    return classMaps(dumpFile(dir, "stage" + std::to_string(stage) + "_logits.npy"));
}

render::ValueRange parseRange(const std::string& text)
{
    const auto comma = text.find(',');
    try {
        if (comma != std::string::npos) {
            const float lo = std::stof(text.substr(0, comma));
            const float hi = std::stof(text.substr(comma + 1));
            if (lo < hi)
                return {lo, hi};
        }
    } catch (const std::exception&) {
    }
    throw UsageError("--range expects LO,HI with LO < HI, got '" + text + "'");
}

void writePng(const std::string& path, const cv::Mat& bgr)
{
    std::vector<unsigned char> bytes;
    if (!cv::imencode(".png", bgr, bytes))
        throw Error(ErrorCode::Io, path + ": cannot encode the picture");
    writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

int run(const std::vector<std::string>& argv)
{
    std::vector<std::string> normalized;
    for (const auto& a : argv)
        normalized.push_back(a == "-o" ? "--output" : a);
    const Args args(normalized, {"dump", "view", "stage", "threshold", "range", "output"}, {});
    if (!args.positionals().empty())
        throw UsageError("unexpected argument '" + args.positionals().front() + "'");
    const std::string view = args.required("view");
    const std::string output = args.required("output");
    const fs::path dir = args.required("dump");

    // Parse the view before touching the disk: a typo is a usage error whatever the folder holds.
    int labelStage = 0; // 1..3, or 4 = fused
    std::string heatClass, quantity = "prob";
    if (view == "stage1" || view == "stage2" || view == "stage3")
        labelStage = view.back() - '0';
    else if (view == "fused")
        labelStage = 4;
    else if (view.rfind("heatmap:", 0) == 0) {
        heatClass = view.substr(8);
        if (const auto colon = heatClass.rfind(':'); colon != std::string::npos) {
            const std::string q = heatClass.substr(colon + 1);
            if (q == "prob" || q == "logit") {
                quantity = q;
                heatClass = heatClass.substr(0, colon);
            }
        }
        if (heatClass.empty())
            throw UsageError("--view heatmap:CLASS needs a class name");
    } else {
        throw UsageError("unknown view '" + view + "'; expected stage1, stage2, stage3, fused or heatmap:CLASS");
    }
    const std::string stageText = args.value("stage").value_or("fused");
    int heatStage = 4;
    if (stageText == "1" || stageText == "2" || stageText == "3")
        heatStage = stageText[0] - '0';
    else if (stageText != "fused" && stageText != "4")
        throw UsageError("--stage expects 1, 2, 3 or fused, got '" + stageText + "'");
    if (args.has("stage") && labelStage != 0)
        throw UsageError("--stage applies to heatmaps; the label views name their stage (stage1, ..., fused)");
    const float threshold = args.floatValue("threshold", 0.0f);
    if (threshold < 0.0f || threshold > 1.0f)
        throw UsageError("--threshold must lie in [0, 1]");

    if (!fs::is_directory(dir))
        throw Error(ErrorCode::InvalidInput, dir.string() + ": no such dump folder");
    const std::vector<std::string> names = classNames(dir);

    if (labelStage != 0) {
        cv::Mat labels;
        if (labelStage == 4) {
            labels = fusedLabels(dir);
        } else {
            const std::vector<cv::Mat> logits = stageLogits(dir, labelStage);
            if (logits.size() != names.size())
                throw Error(ErrorCode::InvalidInput,
                    (dir / "classes.json").string() + " names " + std::to_string(names.size())
                        + " classes but the stage maps have " + std::to_string(logits.size()));
            labels = render::stageLabels(logits, threshold);
        }
        annotation::writeIndexPng(output, labels, annotation::makeClassList(names));
        std::cout << output << ": " << view << ", " << labels.cols << "x" << labels.rows << ", " << names.size()
                  << " classes\n";
        return kExitOk;
    }

    size_t index = names.size();
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == heatClass)
            index = i;
    if (index == names.size() && !heatClass.empty() && heatClass.find_first_not_of("0123456789") == std::string::npos
        && heatClass.size() < 9)
        index = std::stoul(heatClass);
    if (index >= names.size()) {
        std::string known;
        for (const auto& n : names)
            known += (known.empty() ? "" : ", ") + n;
        throw Error(ErrorCode::InvalidInput,
            (dir / "classes.json").string() + ": no class '" + heatClass + "' (the dump has: " + known + ")");
    }
    cv::Mat map;
    if (heatStage == 4) {
        if (quantity == "prob") {
            const auto probs = classMaps(dumpFile(dir, "probs.npy"));
            if (index >= probs.size())
                throw Error(ErrorCode::InvalidInput, (dir / "probs.npy").string() + ": fewer maps than classes");
            map = probs[index];
        } else {
            std::vector<cv::Mat> stages;
            for (int s = 1; s <= 3; ++s) {
                const auto logits = stageLogits(dir, s);
                if (index >= logits.size())
                    throw Error(
                        ErrorCode::InvalidInput, "stage " + std::to_string(s) + " logits: fewer maps than classes");
                stages.push_back(logits[index]);
            }
            map = render::sum(stages);
        }
    } else {
        const auto logits = stageLogits(dir, heatStage);
        if (index >= logits.size())
            throw Error(ErrorCode::InvalidInput, "stage logits: fewer maps than classes");
        map = quantity == "prob" ? render::sigmoid(logits[index]) : logits[index];
    }
    render::ValueRange range = quantity == "prob" ? render::kProbabilityRange : render::finiteRange(map);
    if (const auto r = args.value("range"))
        range = parseRange(*r);
    std::string title = names[index];
    title += quantity == "prob" ? " - probability, " : " - logit, ";
    title += heatStage == 4 ? std::string("fused") : "stage " + std::to_string(heatStage);
    writePng(output, render::heatmapWithColorBar(map, range, title));
    std::cout << output << ": " << title << ", range " << render::formatValue(range.min) << " .. "
              << render::formatValue(range.max) << "\n";
    return kExitOk;
}

} // namespace

const Command kRenderCommand {
    "render", "Draw stage, fused or heatmap views from a `segment --dump` folder", kHelp, run};

} // namespace cascadeclip::cli
