// SPDX-License-Identifier: MIT
#include "model/AtmSingleHeadSeg.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <vector>

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

torch::Tensor CrossAttentionImpl::meanLogits(const torch::Tensor& qx, const torch::Tensor& key)
{
    // sum_h (q_h . k_h) = q . k over all E: one product instead of one per head.
    const double factor = scale / heads;
    if (!oneDnnApplies(qx))
        return torch::matmul(qx, key.transpose(-2, -1)) * factor; // [B, C, N]
    std::vector<torch::Tensor> out;
    for (int64_t b = 0; b < qx.size(0); ++b)
        out.push_back(fastLinear(qx[b], key[b]).mul_(factor));
    return torch::stack(out);
}

torch::Tensor CrossAttentionImpl::attend(
    const torch::Tensor& qx, const torch::Tensor& keys, const torch::Tensor& values)
{
    const int64_t b = qx.size(0), c = qx.size(1), e = qx.size(2), n = keys.size(2), d = e / heads;
    if (!oneDnnApplies(qx)) {
        const auto qh = qx.view({b, c, heads, d}).transpose(1, 2); // [B, h, C, d]
        const auto a = torch::matmul(qh, keys.transpose(-2, -1)) * scale; // [B, h, C, N]
        return torch::matmul(a.softmax(-1), values.transpose(-2, -1)).transpose(1, 2).reshape({b, c, e});
    }
    // Both products as grouped 1x1 convolutions, one group per head, on the packed [C, h*.] layouts.
    std::vector<torch::Tensor> out;
    for (int64_t i = 0; i < b; ++i) {
        auto scores = groupedConv1x1(qx[i].contiguous(), keys[i].view({heads * n, d}), {}, heads); // [C, h*N]
        scores.mul_(scale);
        const auto probs = at::_softmax(scores.view({c, heads, n}), -1, false).view({c, heads * n});
        out.push_back(groupedConv1x1(probs, values[i].view({heads * d, n}), {}, heads)); // [C, h*d]
    }
    return torch::stack(out);
}

torch::Tensor CrossAttentionImpl::packKeys(const torch::Tensor& key) const
{
    const int64_t b = key.size(0), n = key.size(1), e = key.size(2);
    return key.view({b, n, heads, e / heads}).permute({0, 2, 1, 3}).contiguous();
}

torch::Tensor CrossAttentionImpl::packValues(const torch::Tensor& value) const
{
    const int64_t b = value.size(0), n = value.size(1), e = value.size(2);
    return value.view({b, n, heads, e / heads}).permute({0, 2, 3, 1}).contiguous();
}

torch::Tensor queryLinear(ops::PackCache& packs, const torch::Tensor& x, const Linear& layer)
{
    constexpr int64_t kMaxRows = 256; // beyond this oneDNN's own packing pays off
    if (!oneDnnKernelsEnabled() || !x.is_cpu() || x.scalar_type() != torch::kFloat32 || x.numel() == 0
        || x.numel() / x.size(-1) > kMaxRows)
        return fastLinear(x, layer->weight, layer->bias);
    return ops::linearPacked(x, packs.get(layer->weight), layer->bias);
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
    auto& attn = *multihead_attn;
    return forwardProjected(query, attn.packKeys(fastLinear(memory, attn.k->weight, attn.k->bias)),
        attn.packValues(fastLinear(memory, attn.v->weight, attn.v->bias)));
}

torch::Tensor TpnDecoderLayerImpl::forwardProjected(
    const torch::Tensor& query, const torch::Tensor& keys, const torch::Tensor& values)
{
    auto& attn = *multihead_attn;
    const auto a = attn.attend(queryLinear(*packs, query, attn.q), keys, values); // [B, C, E]
    const auto x = queryLinear(*packs, a, attn.proj);
    auto tgt = norm2(query + x);
    auto hidden = queryLinear(*packs, tgt, linear1);
    hidden.relu_();
    return norm3(tgt + queryLinear(*packs, hidden, linear2));
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
    auto& last = *decoderLayers.back();
    auto& attn = *last.multihead_attn;
    return attn.meanLogits(queryLinear(*last.packs, query, attn.q), fastLinear(memory, attn.k->weight, attn.k->bias));
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
        out.push_back(decoders[s](queryLinear(*qProjPacks, descriptor, qProjs[s]), memories[s]));
    return out;
}

StageProjections AtmSingleHeadSegImpl::projectBlocks(size_t stage, const std::vector<torch::Tensor>& blocks)
{
    StageProjections p;
    auto& layers = decoders[stage]->decoderLayers;
    const bool single = blocks.size() == 1;
    for (size_t l = 0; l < layers.size(); ++l) {
        auto& attn = *layers[l]->multihead_attn;
        const bool last = l + 1 == layers.size();
        // A single block is never mixed: its bias goes in now (the last layer's stays apart for the contributions).
        const auto keyBias = single && !last ? attn.k->bias : torch::Tensor();
        const auto valueBias = single ? attn.v->bias : torch::Tensor();
        std::vector<torch::Tensor> keys, values;
        for (const auto& block : blocks) {
            const auto key = fastLinear(block, attn.k->weight, keyBias);
            keys.push_back(last ? key : attn.packKeys(key));
            if (!last)
                values.push_back(attn.packValues(fastLinear(block, attn.v->weight, valueBias)));
        }
        p.keys.push_back(std::move(keys));
        p.values.push_back(std::move(values));
    }
    return p;
}

namespace {

/// ((w0 x0 + w1 x1) + w2 x2) + bias, the association of the NGA sum, over blocks x_i viewed as [B, h, P, Q] with
/// the bias [h*Q] along Q (biasAlongQ) or [h*P] along P. On CPU one fused pass; elsewhere the same as torch ops.
torch::Tensor mixBlocks(const std::vector<torch::Tensor>& x, const torch::Tensor& w, const torch::Tensor& bias,
    int64_t heads, bool biasAlongQ)
{
    const auto& x0 = x[0];
    const int64_t q = x0.size(-1), p = x0.size(-2);
    if (!x0.is_cpu() || x0.scalar_type() != torch::kFloat32 || x.size() != 3) {
        const auto shaped = biasAlongQ ? bias.view({heads, 1, q}) : bias.view({heads, p, 1});
        const auto b = x0.dim() == 3 ? shaped.squeeze(0) : shaped;
        if (x.size() == 1)
            return x0 + b;
        return ((w[0] * x[0] + w[1] * x[1]) + w[2] * x[2]) + b;
    }
    const auto wc = w.to(torch::kCPU, torch::kFloat32).contiguous();
    const float w0 = wc.data_ptr<float>()[0], w1 = wc.data_ptr<float>()[1], w2 = wc.data_ptr<float>()[2];
    const auto a = x[0].contiguous(), b = x[1].contiguous(), c = x[2].contiguous();
    const auto bc = bias.contiguous();
    auto out = torch::empty_like(a);
    const float *pa = a.data_ptr<float>(), *pb = b.data_ptr<float>(), *pc = c.data_ptr<float>();
    const float* pbias = bc.data_ptr<float>();
    float* po = out.data_ptr<float>();
    const int64_t rows = a.numel() / q;
    at::parallel_for(0, rows, 64, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const int64_t h = (r / p) % heads, off = r * q;
            if (biasAlongQ) {
                const float* bv = pbias + h * q;
                for (int64_t i = 0; i < q; ++i)
                    po[off + i] = ((w0 * pa[off + i] + w1 * pb[off + i]) + w2 * pc[off + i]) + bv[i];
            } else {
                const float bv = pbias[h * p + r % p];
                for (int64_t i = 0; i < q; ++i)
                    po[off + i] = ((w0 * pa[off + i] + w1 * pb[off + i]) + w2 * pc[off + i]) + bv;
            }
        }
    });
    return out;
}

} // namespace

torch::Tensor AtmSingleHeadSegImpl::stageLogitsProjected(size_t stage, const torch::Tensor& descriptor,
    const StageProjections& p, const torch::Tensor& weights, StageContributions* contributions)
{
    auto& layers = decoders[stage]->decoderLayers;
    auto query = queryLinear(*qProjPacks, descriptor, qProjs[stage]);
    const bool single = p.keys[0].size() == 1;
    for (size_t l = 0; l + 1 < layers.size(); ++l) {
        auto& attn = *layers[l]->multihead_attn;
        if (single) {
            query = layers[l]->forwardProjected(query, p.keys[l][0], p.values[l][0]); // biases added at projection
            continue;
        }
        query = layers[l]->forwardProjected(query, mixBlocks(p.keys[l], weights, attn.k->bias, attn.heads, true),
            mixBlocks(p.values[l], weights, attn.v->bias, attn.heads, false));
    }
    auto& attn = *layers.back()->multihead_attn;
    const auto& lastKeys = p.keys.back();
    const auto qx = queryLinear(*layers.back()->packs, query, attn.q);
    const auto logits = attn.meanLogits(qx, mixBlocks(lastKeys, weights, attn.k->bias, 1, true));
    if (contributions) {
        // The logits are linear in the key: split them by block, plus the key bias's share.
        contributions->blocks.clear();
        for (size_t i = 0; i < lastKeys.size(); ++i) {
            auto part = attn.meanLogits(qx, lastKeys[i]); // [B, C, N]
            contributions->blocks.push_back(single ? part : weights[static_cast<int64_t>(i)] * part);
        }
        const auto bias = attn.k->bias.view({1, 1, -1}).expand({query.size(0), 1, -1});
        contributions->bias = attn.meanLogits(qx, bias); // [B, C, 1]
    }
    return logits;
}

} // namespace cascadeclip::model
