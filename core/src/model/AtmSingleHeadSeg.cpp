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
    q = register_module("q", Linear(dims, dims));
    k = register_module("k", Linear(dims, dims));
    v = register_module("v", Linear(dims, dims));
    proj = register_module("proj", Linear(dims, dims));
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
    linear1 = register_module("linear1", Linear(o.embedDims, o.feedforwardDim));
    linear2 = register_module("linear2", Linear(o.feedforwardDim, o.embedDims));
    norm1 = register_module("norm1", makeLayerNorm(o.embedDims));
    norm2 = register_module("norm2", makeLayerNorm(o.embedDims));
    norm3 = register_module("norm3", makeLayerNorm(o.embedDims));
}

torch::Tensor TpnDecoderLayerImpl::forward(const torch::Tensor& query, const torch::Tensor& memory)
{
    return forwardProjected(query, multihead_attn->k->forward(memory), multihead_attn->v->forward(memory));
}

torch::Tensor TpnDecoderLayerImpl::forwardProjected(
    const torch::Tensor& query, const torch::Tensor& key, const torch::Tensor& value)
{
    auto& attn = *multihead_attn;
    const auto a = attn.logits(query, key); // [B, h, C, N]
    const int64_t b = query.size(0), c = query.size(1), e = query.size(2), n = key.size(1);
    const auto vh = value.view({b, n, attn.heads, e / attn.heads}).transpose(1, 2); // [B, h, N, d]
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

StageProjections AtmSingleHeadSegImpl::projectBlocks(size_t stage, const std::vector<torch::Tensor>& blocks)
{
    StageProjections p;
    auto& layers = decoders[stage]->decoderLayers;
    for (size_t l = 0; l < layers.size(); ++l) {
        auto& attn = *layers[l]->multihead_attn;
        std::vector<torch::Tensor> keys, values;
        for (const auto& block : blocks) {
            keys.push_back(torch::matmul(block, attn.k->weight.t()));
            if (l + 1 < layers.size())
                values.push_back(torch::matmul(block, attn.v->weight.t()));
        }
        p.keys.push_back(std::move(keys));
        p.values.push_back(std::move(values));
    }
    return p;
}

namespace {

/// sum_i w_i x_i + bias, in the association of the NGA sum; a single block is x_0 + bias.
torch::Tensor mixBlocks(const std::vector<torch::Tensor>& perBlock, const torch::Tensor& w, const torch::Tensor& bias)
{
    if (perBlock.size() == 1)
        return perBlock[0] + bias;
    return ((w[0] * perBlock[0] + w[1] * perBlock[1]) + w[2] * perBlock[2]) + bias;
}

} // namespace

torch::Tensor AtmSingleHeadSegImpl::stageLogitsProjected(size_t stage, const torch::Tensor& descriptor,
    const StageProjections& p, const torch::Tensor& weights, StageContributions* contributions)
{
    auto& layers = decoders[stage]->decoderLayers;
    auto query = qProjs[stage](descriptor);
    for (size_t l = 0; l + 1 < layers.size(); ++l) {
        auto& attn = *layers[l]->multihead_attn;
        query = layers[l]->forwardProjected(
            query, mixBlocks(p.keys[l], weights, attn.k->bias), mixBlocks(p.values[l], weights, attn.v->bias));
    }
    auto& attn = *layers.back()->multihead_attn;
    const auto& lastKeys = p.keys.back();
    const auto logits = attn.logits(query, mixBlocks(lastKeys, weights, attn.k->bias)).sum(1) / attn.heads;
    if (contributions) {
        // The logits are linear in the key: split them by block, plus the key bias's share.
        contributions->blocks.clear();
        for (size_t i = 0; i < lastKeys.size(); ++i) {
            auto part = attn.logits(query, lastKeys[i]).sum(1) / attn.heads; // [B, C, N]
            contributions->blocks.push_back(lastKeys.size() == 1 ? part : weights[static_cast<int64_t>(i)] * part);
        }
        const auto bias = attn.k->bias.view({1, 1, -1}).expand({query.size(0), 1, -1});
        contributions->bias = attn.logits(query, bias).sum(1) / attn.heads; // [B, C, 1]
    }
    return logits;
}

} // namespace cascadeclip::model
