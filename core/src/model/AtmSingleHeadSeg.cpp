// SPDX-License-Identifier: MIT
#include "model/AtmSingleHeadSeg.h"

#include <cmath>

namespace cascadeclip::model {

torch::Tensor gaussianNgaWeights(double sigma)
{
    const auto d = torch::tensor({2.0f, 1.0f, 0.0f});
    return torch::exp(-0.5 * (d / sigma).pow(2));
}

CrossAttentionImpl::CrossAttentionImpl(int dims, int heads_)
    : heads(heads_)
    , scale(1.0 / std::sqrt(static_cast<double>(dims / heads_)))
{
    q = register_module("q", torch::nn::Linear(dims, dims));
    k = register_module("k", torch::nn::Linear(dims, dims));
    v = register_module("v", torch::nn::Linear(dims, dims));
    proj = register_module("proj", torch::nn::Linear(dims, dims));
}

torch::Tensor CrossAttentionImpl::logits(const torch::Tensor& query, const torch::Tensor& projectedKey)
{
    const int64_t b = query.size(0), c = query.size(1), n = projectedKey.size(1), e = query.size(2), d = e / heads;
    const auto qh = q->forward(query).view({b, c, heads, d}).transpose(1, 2); // [B, h, C, d]
    const auto kh = projectedKey.view({b, n, heads, d}).transpose(1, 2); // [B, h, N, d]
    return torch::matmul(qh, kh.transpose(-2, -1)) * scale; // [B, h, C, N]
}

TpnDecoderLayerImpl::TpnDecoderLayerImpl(const HeadOptions& o)
{
    self_attn = register_module("self_attn", MultiheadAttention(o.embedDims, o.numHeads));
    multihead_attn = register_module("multihead_attn", CrossAttention(o.embedDims, o.numHeads));
    linear1 = register_module("linear1", torch::nn::Linear(o.embedDims, o.feedforwardDim));
    linear2 = register_module("linear2", torch::nn::Linear(o.feedforwardDim, o.embedDims));
    norm1 = register_module("norm1", makeLayerNorm(o.embedDims));
    norm2 = register_module("norm2", makeLayerNorm(o.embedDims));
    norm3 = register_module("norm3", makeLayerNorm(o.embedDims));
}

torch::Tensor TpnDecoderLayerImpl::forward(
    const torch::Tensor& query, const torch::Tensor& memory, torch::Tensor* logitsOut)
{
    auto& attn = *multihead_attn;
    const auto a = attn.logits(query, attn.k->forward(memory)); // [B, h, C, N]
    if (logitsOut)
        *logitsOut = a.sum(1) / attn.heads;
    const int64_t b = query.size(0), c = query.size(1), e = query.size(2), n = memory.size(1);
    const auto vh = attn.v->forward(memory).view({b, n, attn.heads, e / attn.heads}).transpose(1, 2); // [B, h, N, d]
    const auto x = attn.proj->forward(torch::matmul(a.softmax(-1), vh).transpose(1, 2).reshape({b, c, e}));
    auto tgt = norm2(query + x);
    return norm3(tgt + linear2(torch::relu(linear1(tgt))));
}

TpnDecoderImpl::TpnDecoderImpl(const HeadOptions& o)
{
    layers = register_module("layers", torch::nn::ModuleList());
    for (int l = 0; l < o.numLayers; ++l) {
        decoderLayers.emplace_back(o);
        layers->push_back(decoderLayers.back());
    }
}

torch::Tensor TpnDecoderImpl::forward(torch::Tensor query, const torch::Tensor& memory)
{
    for (size_t l = 0; l + 1 < decoderLayers.size(); ++l)
        query = decoderLayers[l](query, memory);
    auto& attn = *decoderLayers.back()->multihead_attn;
    return attn.logits(query, attn.k->forward(memory)).sum(1) / attn.heads; // [B, C, N]
}

AtmSingleHeadSegImpl::AtmSingleHeadSegImpl(const HeadOptions& o, int textDim)
    : options(o)
{
    TORCH_CHECK(o.stages == 3, "Cascade-CLIP has three stages");
    weights_s1 = register_parameter("weights_s1", gaussianNgaWeights());
    weights_s2 = register_parameter("weights_s2", gaussianNgaWeights());
    q_projs = register_module("q_projs", torch::nn::ModuleList());
    cascade_decoders = register_module("cascade_decoders", torch::nn::ModuleList());
    for (int s = 0; s < o.stages; ++s) {
        qProjs.emplace_back(2 * textDim, o.embedDims);
        q_projs->push_back(qProjs.back());
        decoders.emplace_back(o);
        cascade_decoders->push_back(decoders.back());
    }
}

torch::Tensor AtmSingleHeadSegImpl::descriptor(const torch::Tensor& text, const torch::Tensor& global)
{
    const int64_t b = global.size(0);
    const auto t = text.unsqueeze(0); // [1, C, Et]
    return torch::cat({global.unsqueeze(1) * t, t.expand({b, -1, -1})}, -1); // [B, C, 2 Et]
}

torch::Tensor AtmSingleHeadSegImpl::aggregate(
    const torch::Tensor& w, const torch::Tensor& la, const torch::Tensor& lb, const torch::Tensor& lc)
{
    // Same association as Python's sum() over the generator (spec section 11.5).
    return (w[0] * la + w[1] * lb) + w[2] * lc;
}

std::vector<torch::Tensor> AtmSingleHeadSegImpl::stageLogits(const std::vector<torch::Tensor>& levels,
    const torch::Tensor& descriptor, const torch::Tensor& weightsS1, const torch::Tensor& weightsS2)
{
    TORCH_CHECK(levels.size() == 7, "the head needs seven levels, got ", levels.size());
    const auto& w1 = weightsS1.defined() ? weightsS1 : weights_s1;
    const auto& w2 = weightsS2.defined() ? weightsS2 : weights_s2;
    const torch::Tensor memories[3] = {
        aggregate(w1, levels[0], levels[1], levels[2]),
        aggregate(w2, levels[3], levels[4], levels[5]),
        levels[6],
    };
    std::vector<torch::Tensor> out;
    for (size_t s = 0; s < 3; ++s)
        out.push_back(decoders[s](qProjs[s](descriptor), memories[s]));
    return out;
}

} // namespace cascadeclip::model
