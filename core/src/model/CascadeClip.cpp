// SPDX-License-Identifier: MIT
#include "model/CascadeClip.h"

#include "ops/Resize.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace cascadeclip::model {

void parallelTasks(int64_t count, const torch::Tensor& like, const std::function<void(int64_t)>& task)
{
    if (!like.is_cpu()) {
        for (int64_t i = 0; i < count; ++i)
            task(i);
        return;
    }
    // Grad and inference modes are thread-local: the workers take the caller's.
    const bool inference = c10::InferenceMode::is_enabled(), grad = at::GradMode::is_enabled();
    at::parallel_for(0, count, 1, [&](int64_t begin, int64_t end) {
        c10::InferenceMode inferenceGuard(inference);
        at::AutoGradMode gradGuard(grad);
        for (int64_t i = begin; i < end; ++i)
            task(i);
    });
}

CascadeClipImpl::CascadeClipImpl(const ModelOptions& o)
    : options(o)
{
    backbone = register_module("backbone", VptClipVisionTransformer(o.vision));
    decode_head = register_module("decode_head", AtmSingleHeadSeg(o.head, o.vision.outputDim));
    text_encoder = register_module("text_encoder", ClipTextEncoder(o.text));
}

CropDecode CascadeClipImpl::decode(const VisionFeatures& features, const torch::Tensor& text, const torch::Tensor& seen,
    bool inductive, const torch::Tensor& weightsS1, const torch::Tensor& weightsS2)
{
    const auto descriptor = AtmSingleHeadSegImpl::descriptor(text, features.global);
    return finish(decode_head->stageLogits(features.levels, descriptor, weightsS1, weightsS2), seen, inductive, true);
}

CropProjections CascadeClipImpl::project(const VisionFeatures& features)
{
    const auto& l = features.levels;
    return {
        decode_head->projectBlocks(0, {l[0], l[1], l[2]}),
        decode_head->projectBlocks(1, {l[3], l[4], l[5]}),
        decode_head->projectBlocks(2, {l[6]}),
    };
}

CropDecode CascadeClipImpl::decodeProjected(const torch::Tensor& global, const CropProjections& projections,
    const torch::Tensor& text, const torch::Tensor& seen, bool inductive, const torch::Tensor& weightsS1,
    const torch::Tensor& weightsS2, bool withContributions, bool withScores, StageMemo* memo)
{
    const auto descriptor = AtmSingleHeadSegImpl::descriptor(text, global);
    const torch::Tensor weights[3] = {
        weightsS1.defined() ? weightsS1 : decode_head->weights_s1,
        weightsS2.defined() ? weightsS2 : decode_head->weights_s2,
        torch::Tensor(),
    };
    std::vector<torch::Tensor> stages(3);
    std::vector<StageContributions> contributions(withContributions ? 3 : 0);
    // The stages are independent: one task each (ops inside run on their task's thread), which on CPU replaces
    // dozens of short parallel regions per stage, whose barriers and spinning cost more than the work.
    if (memo && !memo->keepQueries)
        memo->queries = {};
    std::vector<int64_t> todo;
    for (size_t k = 0; k < 3; ++k) {
        if (memo && !withContributions && sameValues(memo->text[k], text) && sameValues(memo->weights[k], weights[k]))
            stages[k] = memo->logits[k];
        else
            todo.push_back(static_cast<int64_t>(k));
    }
    parallelTasks(static_cast<int64_t>(todo.size()), global, [&](int64_t i) {
        const auto k = static_cast<size_t>(todo[static_cast<size_t>(i)]);
        stages[k] = decode_head->stageLogitsProjected(k, descriptor, projections[k], weights[k],
            withContributions ? &contributions[k] : nullptr, memo && memo->keepQueries ? &memo->queries[k] : nullptr);
    });
    if (memo && !todo.empty()) {
        const auto textCopy = text.clone(); // the caller may reuse its tensor
        for (const int64_t s : todo) {
            const auto k = static_cast<size_t>(s);
            memo->text[k] = textCopy;
            memo->weights[k] = weights[k].defined() ? weights[k].clone() : torch::Tensor(); // a parameter may change
            memo->logits[k] = stages[k];
        }
    }
    auto out = finish(std::move(stages), seen, inductive, withScores);
    const auto& grid = out.stageLogits[0].sizes();
    for (auto& c : contributions) {
        for (auto& block : c.blocks)
            block = block.view(grid);
        c.bias = c.bias.unsqueeze(-1); // [B, C, 1, 1]
    }
    out.contributions = std::move(contributions);
    return out;
}

CropDecode CascadeClipImpl::finish(
    std::vector<torch::Tensor> stages, const torch::Tensor& seen, bool inductive, bool withScores)
{
    const int64_t b = stages[0].size(0), c = stages[0].size(1), n = stages[0].size(2);
    const auto g = static_cast<int64_t>(std::lround(std::sqrt(static_cast<double>(n))));
    TORCH_CHECK(g * g == n, "the head assumes a square token grid, got ", n, " tokens");

    CropDecode out;
    for (const auto& m : stages)
        out.stageLogits.push_back(m.view({b, c, g, g})); // token order is row-major (h, w)
    out.logitSum = (out.stageLogits[0] + out.stageLogits[1]) + out.stageLogits[2];
    if (!withScores)
        return out;
    // Always upsampled to the configured crop size, whatever the input (spec section 11.8).
    const int64_t s = options.cropSize;
    auto scores = ops::resizeBilinear(out.logitSum, s, s).sigmoid_();
    if (inductive && seen.defined() && seen.any().item<bool>()) {
        const auto offset = seen.to(scores.dtype()).view({1, c, 1, 1}) * kSeenScoreOffset;
        scores.sub_(offset);
    }
    out.scores = scores;
    return out;
}

} // namespace cascadeclip::model
