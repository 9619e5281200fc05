// SPDX-License-Identifier: MIT
#include "model/CascadeClip.h"

#include <cmath>

namespace cascadeclip::model {

namespace F = torch::nn::functional;

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
    const auto stages = decode_head->stageLogits(features.levels, descriptor, weightsS1, weightsS2);
    const int64_t b = stages[0].size(0), c = stages[0].size(1), n = stages[0].size(2);
    const auto g = static_cast<int64_t>(std::lround(std::sqrt(static_cast<double>(n))));
    TORCH_CHECK(g * g == n, "the head assumes a square token grid, got ", n, " tokens");

    CropDecode out;
    for (const auto& m : stages)
        out.stageLogits.push_back(m.view({b, c, g, g})); // token order is row-major (h, w)
    out.logitSum = (out.stageLogits[0] + out.stageLogits[1]) + out.stageLogits[2];
    // Always upsampled to the configured crop size, whatever the input (spec section 11.8).
    const int64_t s = options.cropSize;
    auto scores = torch::sigmoid(F::interpolate(out.logitSum,
        F::InterpolateFuncOptions().size(std::vector<int64_t> {s, s}).mode(torch::kBilinear).align_corners(false)));
    if (inductive && seen.defined() && seen.any().item<bool>()) {
        const auto offset = seen.to(scores.dtype()).view({1, c, 1, 1}) * kSeenScoreOffset;
        scores = scores - offset;
    }
    out.scores = scores;
    return out;
}

} // namespace cascadeclip::model
