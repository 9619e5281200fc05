// SPDX-License-Identifier: MIT
// The facade over model, text side and pipeline.
#include "pipeline/DeviceFallback.h"
#include "pipeline/Inference.h"
#include "text/TextEmbedder.h"
#include "weights/Bundle.h"
#include "weights/ModelLoader.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Runtime.h>
#include <cascadeclip/Segmenter.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace cascadeclip {

namespace {

/// A cheap identity for a weights file (caches, provenance): the bundle's source hash when it has one, else a
/// hash of the file name, size and safetensors header.
std::string weightsIdOf(
    const std::string& path, const std::map<std::string, std::string>& metadata, const weights::LoadedModel& loaded)
{
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const std::string& s) {
        for (const unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
    };
    if (const auto it = metadata.find("cascadeclip.sources"); it != metadata.end()) {
        mix(it->second);
    } else {
        std::error_code ec;
        mix(std::filesystem::path(path).filename().string());
        mix(std::to_string(std::filesystem::file_size(path, ec)));
        mix(weights::optionsToJson(loaded.options).dump());
    }
    std::ostringstream s;
    s << std::hex << std::setw(16) << std::setfill('0') << h;
    return s.str();
}

cv::Mat asBgr(const cv::Mat& image)
{
    if (image.empty())
        throw Error(ErrorCode::InvalidInput, "the image is empty");
    if (image.depth() != CV_8U)
        throw Error(ErrorCode::InvalidInput, "the image must have 8-bit channels");
    cv::Mat bgr;
    switch (image.channels()) {
    case 3:
        return image;
    case 1:
        cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
        return bgr;
    case 4:
        cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
        return bgr;
    default:
        throw Error(ErrorCode::InvalidInput, "the image has " + std::to_string(image.channels()) + " channels");
    }
}

class CascadeClipSegmenter final : public Segmenter {
public:
    CascadeClipSegmenter(const std::string& path, const SegmenterOptions& options)
        : m_device(weights::resolveDevice(options.device))
        , m_threads(options.threads)
    {
        setComputeThreads(m_threads);
        c10::InferenceMode inference;
        m_loaded = weights::loadModel(path, m_device);
        const auto& meta = m_loaded.metadata;
        m_info.weightsPath = path;
        m_info.weightsId = weightsIdOf(path, meta, m_loaded);
        m_info.promptTokens = m_loaded.options.vision.promptTokens;
        if (meta.count(weights::kFormatVersionKey)) {
            // A bundle: its metadata says what the checkpoint was (classes, split, setting, templates, NGA).
            weights::fillModelInfo(weights::readBundleInfo(meta, path), m_info);
        } else {
            // A bare state dict in the official key layout: no classes, the default setting, NGA from the tensors.
            const auto w1 = m_loaded.model->decode_head->weights_s1.to(torch::kCPU);
            const auto w2 = m_loaded.model->decode_head->weights_s2.to(torch::kCPU);
            for (int i = 0; i < 3; ++i) {
                m_info.ngaStage1[i] = w1[i].item<float>();
                m_info.ngaStage2[i] = w2[i].item<float>();
            }
        }
        m_info.device = m_device.str();
        try {
            m_embedder = std::make_unique<text::TextEmbedder>(
                m_loaded.model->text_encoder, text::findTokenizer("", path, meta), m_info.weightsId);
        } catch (const Error& e) {
            // Segmentation with class names needs the vocabulary; say why when it is asked for.
            m_textUnavailable = e.what();
            spdlog::warn("segmenter: {}", m_textUnavailable);
        }
    }

    const ModelInfo& info() const override { return m_info; }

    SegmentationResult segment(const cv::Mat& image, const SegmentationRequest& request, const RunHooks& hooks) override
    {
        return pipeline::runWithCpuFallback(
            m_device, [this](const std::string& why) { moveToCpu(why); },
            [&] { return segmentOnDevice(image, request, hooks); });
    }

    SegmentationResult segmentOnDevice(const cv::Mat& image, const SegmentationRequest& request, const RunHooks& hooks)
    {
        setComputeThreads(m_threads);
        c10::InferenceMode inference;
        const cv::Mat bgr = asBgr(image);
        const auto text = embed(request); // before the encoder: a bad class list fails fast
        pipeline::checkCanceled(hooks);
        m_cache = {};
        const auto input = pipeline::preprocess(bgr, m_loaded.options.shortSide).to(m_device);
        m_cache = pipeline::encodeWindows(m_loaded.model, input, bgr.size(), hooks);
        return decode(request, text, hooks);
    }

    SegmentationResult redecode(const SegmentationRequest& request, const RunHooks& hooks) override
    {
        if (m_cache.empty())
            throw Error(ErrorCode::InvalidInput, "nothing to re-decode: no image has been segmented yet");
        setComputeThreads(m_threads);
        c10::InferenceMode inference;
        return decode(request, embed(request), hooks);
    }

private:
    pipeline::DecodeInputs decodeInputs(const SegmentationRequest& request, const torch::Tensor& text) const
    {
        const auto classes = static_cast<int64_t>(request.classNames.size());
        pipeline::DecodeInputs inputs;
        inputs.text = text.to(m_device); // cached embeddings may predate a fall-back to the CPU
        inputs.inductive = request.inductive;
        auto seen = torch::zeros({classes}, torch::kBool);
        for (size_t i = 0; i < request.seen.size() && i < request.classNames.size(); ++i)
            seen[static_cast<int64_t>(i)] = static_cast<bool>(request.seen[i]);
        inputs.seen = seen.to(m_device);
        if (request.ngaStage1)
            inputs.weightsS1
                = torch::tensor(std::vector<float>(request.ngaStage1->begin(), request.ngaStage1->end())).to(m_device);
        if (request.ngaStage2)
            inputs.weightsS2
                = torch::tensor(std::vector<float>(request.ngaStage2->begin(), request.ngaStage2->end())).to(m_device);
        return inputs;
    }

    static std::vector<cv::Mat> perClassMats(const torch::Tensor& scores) // [1, C, h, w] on the CPU
    {
        const auto s = scores[0].contiguous();
        std::vector<cv::Mat> out;
        for (int64_t c = 0; c < s.size(0); ++c)
            out.push_back(
                cv::Mat(static_cast<int>(s.size(1)), static_cast<int>(s.size(2)), CV_32FC1, s[c].data_ptr<float>())
                    .clone());
        return out;
    }

    torch::Tensor embed(const SegmentationRequest& request)
    {
        if (request.classNames.empty())
            throw Error(ErrorCode::InvalidInput, "no class names to segment");
        if (!m_embedder)
            throw Error(ErrorCode::WeightsNotFound, m_textUnavailable);
        return m_embedder->embed(request.classNames, request.templateSet.value_or(m_info.templateSet));
    }

    SegmentationResult decode(const SegmentationRequest& request, const torch::Tensor& text, const RunHooks& hooks)
    {
        const auto inputs = decodeInputs(request, text);
        std::array<torch::Tensor, 3> stages;
        const auto scores = pipeline::decodeWindows(
            m_loaded.model, m_cache, inputs, hooks, {}, request.keepStageLogits ? &stages : nullptr)
                                .to(torch::kCPU);
        SegmentationResult result;
        pipeline::labelsFromScores(scores, request.threshold, result.labels, result.confidence);
        result.classNames = request.classNames;
        result.windows = static_cast<int>(m_cache.windows.size());
        if (request.keepProbabilities)
            result.probabilities = perClassMats(scores);
        if (request.keepStageLogits)
            for (size_t st = 0; st < 3; ++st)
                result.stageLogits[st] = perClassMats(stages[st]);
        return result;
    }

    PixelInspection inspect(int x, int y, const SegmentationRequest& request) override
    {
        if (m_cache.empty())
            throw Error(ErrorCode::InvalidInput, "nothing to inspect: no image has been segmented yet");
        const cv::Size original = m_cache.original, resized = m_cache.resized;
        if (x < 0 || y < 0 || x >= original.width || y >= original.height)
            throw Error(ErrorCode::InvalidInput,
                "pixel (" + std::to_string(x) + ", " + std::to_string(y) + ") lies outside the image");
        setComputeThreads(m_threads);
        c10::InferenceMode inference;
        pipeline::DecodeInputs inputs = decodeInputs(request, embed(request));
        inputs.withContributions = true;
        // Where bilinear resizing (align_corners false) samples the resized image for this original pixel.
        const double ry = std::clamp((y + 0.5) * resized.height / original.height - 0.5, 0.0, resized.height - 1.0);
        const double rx = std::clamp((x + 0.5) * resized.width / original.width - 0.5, 0.0, resized.width - 1.0);
        const auto classes = static_cast<int64_t>(request.classNames.size());
        const int64_t crop = m_loaded.options.cropSize;
        PixelInspection out;
        out.x = x;
        out.y = y;
        out.classes.resize(static_cast<size_t>(classes));
        int covering = 0;
        for (size_t k = 0; k < m_cache.windows.size(); ++k) {
            const auto& w = m_cache.windows[k];
            if (ry < w.y1 || ry > w.y2 - 1 || rx < w.x1 || rx > w.x2 - 1)
                continue;
            ++covering;
            const auto d = pipeline::decodeWindow(m_loaded.model, m_cache, k, inputs);
            const int64_t g = d.stageLogits[0].size(-1);
            // Grid position of the window-local point under the upsampling to the crop size.
            const auto sample = [&](const torch::Tensor& map) { // [1, C, G, G] -> [C]
                const double gy = std::max(0.0, (ry - w.y1 + 0.5) * g / crop - 0.5);
                const double gx = std::max(0.0, (rx - w.x1 + 0.5) * g / crop - 0.5);
                const auto y0 = static_cast<int64_t>(gy), x0 = static_cast<int64_t>(gx);
                const int64_t y1 = std::min(y0 + 1, g - 1), x1 = std::min(x0 + 1, g - 1);
                const double fy = gy - y0, fx = gx - x0;
                const auto m = map[0].to(torch::kCPU, torch::kDouble);
                return ((1 - fy) * ((1 - fx) * m.select(1, y0).select(1, x0) + fx * m.select(1, y0).select(1, x1))
                    + fy * ((1 - fx) * m.select(1, y1).select(1, x0) + fx * m.select(1, y1).select(1, x1)));
            };
            const auto sum = sample(d.logitSum);
            const auto shift = inputs.inductive ? inputs.seen.to(torch::kCPU, torch::kDouble) * model::kSeenScoreOffset
                                                : torch::zeros({classes}, torch::kDouble);
            const auto prob = torch::sigmoid(sum) - shift;
            std::array<torch::Tensor, 3> stage;
            for (size_t st = 0; st < 3; ++st)
                stage[st] = sample(d.stageLogits[st]);
            for (int64_t c = 0; c < classes; ++c) {
                auto& ci = out.classes[static_cast<size_t>(c)];
                ci.probability += static_cast<float>(prob[c].item<double>());
                ci.logit += static_cast<float>(sum[c].item<double>());
                for (size_t st = 0; st < 3; ++st) {
                    ci.stageLogits[st] += static_cast<float>(stage[st][c].item<double>());
                    ci.stageBias[st] += d.contributions[st].bias[0][c].item<float>();
                }
                for (size_t st = 0; st < 2; ++st)
                    for (size_t b = 0; b < 3; ++b)
                        ci.blockShares[st][b]
                            += static_cast<float>(sample(d.contributions[st].blocks[b])[c].item<double>());
            }
        }
        if (covering == 0)
            throw Error(ErrorCode::Internal, "no window covers the inspected pixel");
        const float n = static_cast<float>(covering);
        for (auto& ci : out.classes) {
            ci.probability /= n;
            ci.logit /= n;
            for (auto& v : ci.stageLogits)
                v /= n;
            for (auto& v : ci.stageBias)
                v /= n;
            for (auto& stage : ci.blockShares)
                for (auto& v : stage)
                    v /= n;
        }
        return out;
    }

    /// After CUDA ran out of memory: the model and everything cached move to the CPU for the rest of the session.
    void moveToCpu(const std::string& why)
    {
        spdlog::warn("segmenter: {} ran out of memory ({}); the model moves to the CPU and this image is segmented "
                     "again there (slower)",
            m_device.str(), why);
        m_cache = {};
        m_loaded.model->to(torch::kCPU);
        m_info.device = "cpu (CUDA ran out of memory)";
    }

    torch::Device m_device;
    int m_threads;
    weights::LoadedModel m_loaded;
    ModelInfo m_info;
    std::unique_ptr<text::TextEmbedder> m_embedder;
    std::string m_textUnavailable;
    pipeline::FeatureCache m_cache;
};

} // namespace

std::unique_ptr<Segmenter> Segmenter::load(const std::string& weightsPath, const SegmenterOptions& options)
{
    return std::make_unique<CascadeClipSegmenter>(weightsPath, options);
}

} // namespace cascadeclip
