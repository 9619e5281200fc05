// SPDX-License-Identifier: MIT
#include "model/AtmSingleHeadSeg.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <vector>

namespace cascadeclip::model {

bool sameValues(const torch::Tensor& a, const torch::Tensor& b)
{
    if (!a.defined() || !b.defined())
        return a.defined() == b.defined();
    return a.sizes() == b.sizes() && a.scalar_type() == b.scalar_type() && a.device() == b.device()
        && torch::equal(a, b);
}

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

namespace {

/// Whether the products take the packed small-GEMM kernel: CPU fp32, fast kernels on.
bool packedKernels(const torch::Tensor& x)
{
    return oneDnnKernelsEnabled() && x.is_cpu() && x.scalar_type() == torch::kFloat32;
}

/// [B, N, ...] zero-padded along N to a multiple of the kernel's panel.
torch::Tensor padTokens(const torch::Tensor& x)
{
    const int64_t n = x.size(1), padded = (n + ops::kPanel - 1) / ops::kPanel * ops::kPanel;
    if (padded == n)
        return x;
    std::vector<int64_t> pad(static_cast<size_t>(2 * (x.dim() - 1)), 0);
    pad.back() = padded - n; // the pairs run from the last dimension to the first: N's upper end is last
    return torch::constant_pad_nd(x, pad);
}

/// A [panels, K, kPanel] slice of a packed layout as the kernel's operand (K inputs, O outputs).
ops::PackedMatrix operand(const torch::Tensor& data, int64_t k, int64_t o)
{
    // A projection packed for the other path (the fast kernels switched in between) must not be read as this one.
    TORCH_CHECK(data.dim() == 3 && data.size(1) == k && data.size(2) == ops::kPanel && data.size(0) * ops::kPanel >= o
            && data.is_contiguous(),
        "a cached projection is not in the packed kernel's layout");
    ops::PackedMatrix m;
    m.data = data;
    m.k = k;
    m.o = o;
    return m;
}

} // namespace

torch::Tensor CrossAttentionImpl::keyLogits(const torch::Tensor& qx, const torch::Tensor& keys, int64_t tokens)
{
    // sum_h (q_h . k_h) = q . k over all E: one product instead of one per head.
    const double factor = scale / heads;
    if (!packedKernels(qx))
        return torch::matmul(qx, keys.transpose(-2, -1)) * factor; // [B, C, N]
    const int64_t b = qx.size(0), c = qx.size(1), e = qx.size(2);
    const auto q = qx.contiguous();
    auto out = torch::empty({b, c, tokens}, qx.options());
    for (int64_t i = 0; i < b; ++i)
        ops::gemmPacked(q.data_ptr<float>() + i * c * e, c, e, operand(keys[i], e, tokens), nullptr,
            static_cast<float>(factor), out.data_ptr<float>() + i * c * tokens, tokens);
    return out;
}

torch::Tensor CrossAttentionImpl::keyBiasLogits(const torch::Tensor& qx)
{
    return torch::matmul(qx, k->bias.view({-1, 1})) * (scale / heads); // [B, C, 1]
}

torch::Tensor CrossAttentionImpl::meanLogits(const torch::Tensor& qx, const torch::Tensor& keys, int64_t tokens)
{
    return keyLogits(qx, keys, tokens) + keyBiasLogits(qx);
}

torch::Tensor CrossAttentionImpl::scores(const torch::Tensor& qx, const torch::Tensor& keys, int64_t tokens)
{
    const int64_t b = qx.size(0), c = qx.size(1), e = qx.size(2), d = e / heads;
    if (!packedKernels(qx)) {
        const auto qh = qx.view({b, c, heads, d}).transpose(1, 2); // [B, h, C, d]
        return torch::matmul(qh, keys.transpose(-2, -1)) * scale; // [B, h, C, N]
    }
    const auto q = qx.contiguous();
    auto out = torch::empty({b, c, heads, tokens}, qx.options());
    for (int64_t i = 0; i < b; ++i)
        for (int64_t h = 0; h < heads; ++h)
            ops::gemmPacked(q.data_ptr<float>() + i * c * e + h * d, c, e, operand(keys[i][h], d, tokens), nullptr,
                static_cast<float>(scale), out.data_ptr<float>() + (i * c * heads + h) * tokens, heads * tokens);
    return out;
}

torch::Tensor CrossAttentionImpl::weighted(const torch::Tensor& scores, const torch::Tensor& values, int64_t tokens)
{
    if (!packedKernels(scores)) {
        const int64_t b = scores.size(0), c = scores.size(2);
        return torch::matmul(scores.softmax(-1), values.transpose(-2, -1)).transpose(1, 2).reshape({b, c, -1})
            + v->bias;
    }
    const int64_t b = scores.size(0), c = scores.size(1), e = v->bias.size(0), d = e / heads;
    const auto probs = at::_softmax(scores.contiguous(), -1, false); // [B, C, h, N]
    const auto valueBias = v->bias.contiguous();
    auto out = torch::empty({b, c, e}, scores.options());
    for (int64_t i = 0; i < b; ++i)
        for (int64_t h = 0; h < heads; ++h)
            ops::gemmPacked(probs.data_ptr<float>() + (i * c * heads + h) * tokens, c, heads * tokens,
                operand(values[i][h], tokens, d), valueBias.data_ptr<float>() + h * d, 1.0f,
                out.data_ptr<float>() + i * c * e + h * d, e);
    return out;
}

torch::Tensor CrossAttentionImpl::packKeys(const torch::Tensor& key) const
{
    const int64_t b = key.size(0), n = key.size(1), e = key.size(2), d = e / heads;
    if (!packedKernels(key))
        return key.view({b, n, heads, d}).permute({0, 2, 1, 3}).contiguous(); // [B, h, N, d]
    const auto k4 = padTokens(key.view({b, n, heads, d}));
    return k4.view({b, k4.size(1) / ops::kPanel, ops::kPanel, heads, d}).permute({0, 3, 1, 4, 2}).contiguous();
}

torch::Tensor CrossAttentionImpl::packValues(const torch::Tensor& value) const
{
    const int64_t b = value.size(0), n = value.size(1), e = value.size(2), d = e / heads;
    if (!packedKernels(value))
        return value.view({b, n, heads, d}).permute({0, 2, 3, 1}).contiguous(); // [B, h, d, N]
    const int64_t panels = (d + ops::kPanel - 1) / ops::kPanel;
    auto v4 = value.view({b, n, heads, d});
    if (panels * ops::kPanel != d)
        v4 = torch::constant_pad_nd(v4, {0, panels * ops::kPanel - d});
    return v4.view({b, n, heads, panels, ops::kPanel}).permute({0, 2, 3, 1, 4}).contiguous();
}

torch::Tensor CrossAttentionImpl::packLastKeys(const torch::Tensor& key) const
{
    if (!packedKernels(key))
        return key;
    const auto k3 = padTokens(key);
    return k3.view({k3.size(0), k3.size(1) / ops::kPanel, ops::kPanel, k3.size(2)}).permute({0, 1, 3, 2}).contiguous();
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
    return forwardProjected(query, attn.packKeys(fastLinear(memory, attn.k->weight)),
        attn.packValues(fastLinear(memory, attn.v->weight)), memory.size(1));
}

torch::Tensor TpnDecoderLayerImpl::forwardProjected(
    const torch::Tensor& query, const torch::Tensor& keys, const torch::Tensor& values, int64_t tokens)
{
    auto& attn = *multihead_attn;
    return forwardScored(query, attn.scores(queryLinear(*packs, query, attn.q), keys, tokens), values, tokens);
}

torch::Tensor TpnDecoderLayerImpl::forwardScored(
    const torch::Tensor& query, const torch::Tensor& scores, const torch::Tensor& values, int64_t tokens)
{
    auto& attn = *multihead_attn;
    const auto a = attn.weighted(scores, values, tokens); // [B, C, E]
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
    return attn.meanLogits(
        queryLinear(*last.packs, query, attn.q), attn.packLastKeys(fastLinear(memory, attn.k->weight)), memory.size(1));
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
    p.tokens = blocks.front().size(1);
    auto& layers = decoders[stage]->decoderLayers;
    for (size_t l = 0; l < layers.size(); ++l) {
        auto& attn = *layers[l]->multihead_attn;
        const bool last = l + 1 == layers.size();
        std::vector<torch::Tensor> keys, values;
        for (const auto& block : blocks) {
            const auto key = fastLinear(block, attn.k->weight);
            keys.push_back(last ? attn.packLastKeys(key) : attn.packKeys(key));
            if (!last)
                values.push_back(attn.packValues(fastLinear(block, attn.v->weight)));
        }
        p.keys.push_back(std::move(keys));
        p.values.push_back(std::move(values));
    }
    return p;
}

namespace {

/// The NGA mix of one projection: ((w0 x0 + w1 x1) + w2 x2), the association of the NGA sum, elementwise over
/// blocks of any (equal) layout; a single block is returned as is. On CPU one fused pass.
torch::Tensor mixBlocks(const std::vector<torch::Tensor>& x, const torch::Tensor& w)
{
    if (x.size() == 1)
        return x[0];
    TORCH_CHECK(x.size() == 3, "an NGA stage mixes three blocks, got ", x.size());
    if (!x[0].is_cpu() || x[0].scalar_type() != torch::kFloat32)
        return (w[0] * x[0] + w[1] * x[1]) + w[2] * x[2];
    const auto wc = w.to(torch::kCPU, torch::kFloat32).contiguous();
    const float w0 = wc.data_ptr<float>()[0], w1 = wc.data_ptr<float>()[1], w2 = wc.data_ptr<float>()[2];
    const auto a = x[0].contiguous(), b = x[1].contiguous(), c = x[2].contiguous();
    auto out = torch::empty_like(a);
    const float *pa = a.data_ptr<float>(), *pb = b.data_ptr<float>(), *pc = c.data_ptr<float>();
    float* po = out.data_ptr<float>();
    at::parallel_for(0, a.numel(), 1 << 14, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            po[i] = (w0 * pa[i] + w1 * pb[i]) + w2 * pc[i];
    });
    return out;
}

} // namespace

torch::Tensor AtmSingleHeadSegImpl::stageLogitsProjected(size_t stage, const torch::Tensor& descriptor,
    const StageProjections& p, const torch::Tensor& weights, StageContributions* contributions,
    StageQueryCache* queries)
{
    auto& layers = decoders[stage]->decoderLayers;
    // The first layer's query and per-block scores depend on the descriptor alone.
    StageQueryCache local;
    StageQueryCache& first = queries ? *queries : local;
    if (!sameValues(first.descriptor, descriptor)) {
        first.descriptor = descriptor.clone(); // the caller may reuse its tensor
        first.query = queryLinear(*qProjPacks, descriptor, qProjs[stage]);
        first.scores.clear();
        if (layers.size() > 1) {
            auto& attn = *layers[0]->multihead_attn;
            const auto qx = queryLinear(*layers[0]->packs, first.query, attn.q);
            for (const auto& keys : p.keys[0])
                first.scores.push_back(attn.scores(qx, keys, p.tokens));
        }
    }
    auto query = first.query;
    for (size_t l = 0; l + 1 < layers.size(); ++l) {
        const auto values = mixBlocks(p.values[l], weights);
        query = l == 0 ? layers[0]->forwardScored(query, mixBlocks(first.scores, weights), values, p.tokens)
                       : layers[l]->forwardProjected(query, mixBlocks(p.keys[l], weights), values, p.tokens);
    }
    // The last layer's logits are linear in the keys too: one product per block, then the NGA mix of those
    // (cheaper than mixing the keys, and the per-block split is the contributions).
    auto& attn = *layers.back()->multihead_attn;
    const auto qx = queryLinear(*layers.back()->packs, query, attn.q);
    std::vector<torch::Tensor> parts;
    for (const auto& keys : p.keys.back())
        parts.push_back(attn.keyLogits(qx, keys, p.tokens)); // [B, C, N]
    const auto bias = attn.keyBiasLogits(qx); // [B, C, 1]
    if (contributions) {
        const bool single = parts.size() == 1;
        contributions->blocks.clear();
        for (size_t i = 0; i < parts.size(); ++i)
            contributions->blocks.push_back(single ? parts[i] : weights[static_cast<int64_t>(i)] * parts[i]);
        contributions->bias = bias;
    }
    return mixBlocks(parts, weights) + bias;
}

} // namespace cascadeclip::model
