// SPDX-License-Identifier: MIT
#include "pipeline/Inference.h"

#include "ops/Resize.h"

#include <cascadeclip/Error.h>

namespace cascadeclip::pipeline {

void checkCanceled(const RunHooks& hooks)
{
    if (hooks.isCanceled && hooks.isCanceled())
        throw Canceled();
}

FeatureCache encodeWindows(
    model::CascadeClip& model, const torch::Tensor& input, cv::Size original, const RunHooks& hooks)
{
    const int crop = model->options.cropSize;
    FeatureCache cache;
    cache.original = original;
    cache.resized = {static_cast<int>(input.size(3)), static_cast<int>(input.size(2))};
    if (cache.resized.height < crop || cache.resized.width < crop)
        throw Error(ErrorCode::InvalidInput,
            "the resized image " + std::to_string(cache.resized.width) + "x" + std::to_string(cache.resized.height)
                + " is smaller than the " + std::to_string(crop) + " window");
    cache.windows = slidingWindows(cache.resized.height, cache.resized.width, crop, model->options.stride);
    const int total = static_cast<int>(cache.windows.size());
    for (size_t k = 0; k < cache.windows.size(); ++k) {
        checkCanceled(hooks);
        const Window& w = cache.windows[k];
        const auto cropTensor = input.slice(2, w.y1, w.y2).slice(3, w.x1, w.x2);
        cache.features.push_back(model->backbone(cropTensor));
        if (hooks.onProgress)
            hooks.onProgress(static_cast<int>(k) + 1, total);
    }
    return cache;
}

/// One window's decode: from the cached projections when the image is small enough to keep them (computing them
/// on the first decode), else directly from the features.
model::CropDecode decodeWindow(
    model::CascadeClip& model, FeatureCache& cache, size_t k, const DecodeInputs& in, bool withScores)
{
    const auto& features = cache.features[k];
    if (cache.windows.size() <= kMaxProjectedWindows) {
        if (cache.projections.size() <= k)
            cache.projections.push_back(model->project(features));
        if (cache.memos.size() < cache.windows.size())
            cache.memos.resize(cache.windows.size()); // (never inside decodeWindows' parallel tasks: sized before)
        int64_t blocks = 0;
        for (const auto& stage : cache.projections[k])
            blocks += static_cast<int64_t>(stage.keys.front().size());
        const int64_t queryBytes = static_cast<int64_t>(cache.windows.size()) * blocks * in.text.size(0)
            * model->options.head.numHeads * cache.projections[k][0].tokens * static_cast<int64_t>(sizeof(float));
        cache.memos[k].keepQueries = queryBytes <= kQueryCacheBudgetBytes;
        return model->decodeProjected(features.global, cache.projections[k], in.text, in.seen, in.inductive,
            in.weightsS1, in.weightsS2, in.withContributions, withScores, &cache.memos[k]);
    }
    if (in.withContributions)
        return model->decodeProjected(features.global, model->project(features), in.text, in.seen, in.inductive,
            in.weightsS1, in.weightsS2, true);
    return model->decode(features, in.text, in.seen, in.inductive, in.weightsS1, in.weightsS2);
}

torch::Tensor decodeWindows(model::CascadeClip& model, FeatureCache& cache, const DecodeInputs& inputs,
    const RunHooks& hooks, const WindowObserver& observer, std::array<torch::Tensor, 3>* stageLogits)
{
    if (cache.empty())
        throw Error(ErrorCode::InvalidInput, "decode: no encoder features are cached");
    const int64_t c = inputs.text.size(0);
    const int64_t h = cache.resized.height, w = cache.resized.width;
    const int64_t crop = model->options.cropSize;
    // On CPU float32 without an observer, the scores are formed per class plane straight from each window's
    // logit sum (ops::slideWindowScores): the same arithmetic without the [C, S, S] and [C, h, w] intermediates.
    const bool fused = !observer && inputs.text.is_cpu() && inputs.text.scalar_type() == torch::kFloat32;
    // The per-stage maps (stageLogits) are formed the same way, without the sigmoid. They start afresh: a caller
    // may hand in the array of an earlier call.
    if (stageLogits)
        *stageLogits = {};
    torch::Tensor preds, count;
    if (!fused) {
        preds = torch::zeros({1, c, h, w}, inputs.text.options()); // on the model's device
        count = torch::zeros({1, 1, h, w}, inputs.text.options());
    }
    std::vector<torch::Tensor> logitSums;
    std::array<std::vector<torch::Tensor>, 3> stageGrids;
    std::vector<ops::WindowOrigin> origins;
    std::vector<model::CropDecode> decoded;
    if (fused && cache.windows.size() <= kMaxProjectedWindows) {
        // Every window from its cached projections, one window per task (see model::parallelTasks); the
        // projections of a first decode are made here, each with all threads.
        for (size_t k = cache.projections.size(); k < cache.windows.size(); ++k) {
            checkCanceled(hooks);
            cache.projections.push_back(model->project(cache.features[k]));
        }
        cache.memos.resize(cache.windows.size());
        checkCanceled(hooks);
        decoded.resize(cache.windows.size());
        model::parallelTasks(static_cast<int64_t>(decoded.size()), inputs.text, [&](int64_t k) {
            decoded[static_cast<size_t>(k)] = decodeWindow(model, cache, static_cast<size_t>(k), inputs, false);
        });
    }
    for (size_t k = 0; k < cache.windows.size(); ++k) {
        checkCanceled(hooks);
        const Window& win = cache.windows[k];
        const auto decode = decoded.empty() ? decodeWindow(model, cache, k, inputs, !fused) : std::move(decoded[k]);
        if (observer)
            observer(k, decode);
        if (fused) {
            logitSums.push_back(decode.logitSum[0]);
            origins.push_back({win.y1, win.x1});
            if (stageLogits)
                for (size_t st = 0; st < 3; ++st)
                    stageGrids[st].push_back(decode.stageLogits[st][0]);
            continue;
        }
        preds.slice(2, win.y1, win.y2).slice(3, win.x1, win.x2) += decode.scores;
        if (stageLogits) {
            for (size_t st = 0; st < 3; ++st) {
                if (!(*stageLogits)[st].defined())
                    (*stageLogits)[st] = torch::zeros({1, c, h, w});
                (*stageLogits)[st].slice(2, win.y1, win.y2).slice(3, win.x1, win.x2)
                    += ops::resizeBilinear(decode.stageLogits[st], crop, crop).to(torch::kCPU);
            }
        }
        count.slice(2, win.y1, win.y2).slice(3, win.x1, win.x2) += 1;
    }
    const auto toOriginal
        = [&](const torch::Tensor& t) { return ops::resizeBilinear(t, cache.original.height, cache.original.width); };
    if (!fused) {
        if (stageLogits)
            for (auto& st : *stageLogits)
                st = toOriginal(st / count.to(st.device()));
        return toOriginal(preds / count);
    }
    if (stageLogits)
        for (size_t st = 0; st < 3; ++st)
            (*stageLogits)[st] = ops::slideWindowScores(
                stageGrids[st], origins, crop, h, w, {}, cache.original.height, cache.original.width, false);
    std::vector<float> offsets;
    if (inputs.inductive && inputs.seen.defined() && inputs.seen.any().item<bool>()) {
        // As finish(): seen.to(float) * 0.1 in float.
        const auto offset = (inputs.seen.to(torch::kFloat32) * model::kSeenScoreOffset).contiguous();
        offsets.assign(offset.data_ptr<float>(), offset.data_ptr<float>() + c);
    }
    return ops::slideWindowScores(logitSums, origins, crop, h, w, offsets, cache.original.height, cache.original.width);
}

void labelsFromScores(const torch::Tensor& scores, float threshold, cv::Mat& labels, cv::Mat& confidence)
{
    const auto [best, index] = scores[0].max(0); // [h, w] each
    const int h = static_cast<int>(best.size(0)), w = static_cast<int>(best.size(1));
    auto labels16 = index.to(torch::kInt32);
    labels16 = torch::where(best < threshold, torch::full_like(labels16, kUnlabeled), labels16).contiguous();
    const auto bestC = best.contiguous();
    cv::Mat(h, w, CV_32SC1, labels16.data_ptr<int32_t>()).convertTo(labels, CV_16U);
    cv::Mat(h, w, CV_32FC1, bestC.data_ptr<float>()).copyTo(confidence);
}

} // namespace cascadeclip::pipeline
