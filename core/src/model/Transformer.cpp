// SPDX-License-Identifier: MIT
#include "model/Transformer.h"

#include <cmath>

namespace cascadeclip::model {

namespace F = torch::nn::functional;

namespace {

bool g_oneDnnKernels = true;

bool useOneDnn(const torch::Tensor& x)
{
    return g_oneDnnKernels && x.device().is_cpu() && x.scalar_type() == torch::kFloat && at::hasMKLDNN()
        && at::globalContext().userEnabledMkldnn();
}

torch::Tensor conv1x1(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias, int64_t groups)
{
    const int64_t rows = x.size(0), in = x.size(1), out = weight.size(0);
    const auto image = x.view({1, rows, 1, in}).permute({0, 3, 1, 2}); // [1, G*I, R, 1] channels-last
    const auto kernel = weight.view({out, weight.size(1), 1, 1});
    const c10::optional<torch::Tensor> b = bias.defined() ? c10::optional<torch::Tensor>(bias) : c10::nullopt;
    const auto y = at::mkldnn_convolution(image, kernel, b, {0, 0}, {1, 1}, {1, 1}, groups); // [1, G*O, R, 1]
    return y.permute({0, 2, 3, 1}).reshape({rows, out});
}

} // namespace

void setOneDnnKernels(bool enabled)
{
    g_oneDnnKernels = enabled;
}

bool oneDnnKernelsEnabled()
{
    return g_oneDnnKernels;
}

torch::Tensor fastLinear(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias)
{
    // Debian's OpenBLAS 0.3.21 misdetects these CPUs and runs its Prescott kernel (docs/design.md); oneDNN
    // selects AVX-512 kernels itself: 3-4x faster on the ViT's GEMMs, fp32 throughout (docs/performance.md).
    if (!useOneDnn(x) || x.numel() == 0)
        return F::linear(x, weight, bias);
    const int64_t in = weight.size(1);
    auto sizes = x.sizes().vec();
    sizes.back() = weight.size(0);
    return conv1x1(x.reshape({-1, in}).contiguous(), weight.contiguous(), bias, 1).reshape(sizes);
}

torch::nn::LayerNorm makeLayerNorm(int width, double eps)
{
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({width}).eps(eps));
}

MultiheadAttentionImpl::MultiheadAttentionImpl(int width, int heads_)
    : heads(heads_)
{
    TORCH_CHECK(width % heads == 0, "width ", width, " is not divisible by ", heads, " heads");
    in_proj_weight = register_parameter("in_proj_weight",
        initialized({3 * width, width}, [](torch::Tensor& t) { torch::nn::init::xavier_uniform_(t); }));
    in_proj_bias = register_parameter("in_proj_bias", torch::zeros({3 * width}));
    out_proj = register_module("out_proj", Linear(width, width));
}

torch::Tensor MultiheadAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& mask)
{
    const int64_t b = x.size(0), l = x.size(1), d = x.size(2), hd = d / heads;
    // nn.MultiheadAttention scales q by 1/sqrt(hd) before the product.
    const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
    if (useOneDnn(x)) {
        // Both attention products as grouped 1x1 convolutions (one group per head), which keeps every head in
        // the packed [L, H*hd] layout: no per-head transposes of q or of the output, and oneDNN's kernels
        // instead of the misdetected BLAS for the batched products.
        const auto qkv = fastLinear(x, in_proj_weight, in_proj_bias); // [B, L, 3D]
        std::vector<torch::Tensor> outs;
        outs.reserve(static_cast<size_t>(b));
        for (int64_t i = 0; i < b; ++i) {
            const auto t = qkv[i]; // [L, 3D]
            const auto q = t.slice(1, 0, d) * scale; // [L, D]
            const auto k = t.slice(1, d, 2 * d).reshape({l, heads, hd}).transpose(0, 1).reshape({heads * l, hd});
            const auto v = t.slice(1, 2 * d).reshape({l, heads, hd}).permute({1, 2, 0}).reshape({heads * hd, l});
            auto scores = conv1x1(q, k, {}, heads).view({l, heads, l}); // [L query, H, L key]
            if (mask.defined())
                scores.add_(mask.unsqueeze(1));
            const auto probs = at::_softmax(scores, -1, false).view({l, heads * l});
            outs.push_back(conv1x1(probs, v, {}, heads)); // [L, H*hd] = [L, D]
        }
        return fastLinear(torch::stack(outs), out_proj->weight, out_proj->bias); // [B, L, D]
    }
    // [B, L, 3D] -> [3, B, H, L, hd]
    const auto qkv = F::linear(x, in_proj_weight, in_proj_bias).view({b, l, 3, heads, hd}).permute({2, 0, 3, 1, 4});
    const auto q = qkv[0] * scale;
    auto scores = torch::matmul(q, qkv[1].transpose(-2, -1)); // [B, H, L, L]
    if (mask.defined())
        scores = scores + mask;
    const auto out = torch::matmul(scores.softmax(-1), qkv[2]); // [B, H, L, hd]
    return out_proj(out.transpose(1, 2).reshape({b, l, d}));
}

MlpImpl::MlpImpl(int width, int hidden)
{
    c_fc = register_module("c_fc", Linear(width, hidden));
    c_proj = register_module("c_proj", Linear(hidden, width));
}

torch::Tensor MlpImpl::forward(const torch::Tensor& x)
{
    auto h = fastLinear(x, c_fc->weight, c_fc->bias);
    h = h * torch::sigmoid(1.702 * h); // QuickGELU
    return fastLinear(h, c_proj->weight, c_proj->bias);
}

ResidualAttentionBlockImpl::ResidualAttentionBlockImpl(int width, int heads)
{
    attn = register_module("attn", MultiheadAttention(width, heads));
    ln_1 = register_module("ln_1", makeLayerNorm(width));
    mlp = register_module("mlp", Mlp(width, width * 4));
    ln_2 = register_module("ln_2", makeLayerNorm(width));
}

torch::Tensor ResidualAttentionBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& mask)
{
    auto h = x + attn(ln_1(x), mask);
    return h + mlp(ln_2(h));
}

TransformerImpl::TransformerImpl(int width, int layers, int heads)
{
    resblocks = register_module("resblocks", torch::nn::ModuleList());
    for (int i = 0; i < layers; ++i) {
        blocks.emplace_back(width, heads);
        resblocks->push_back(blocks.back());
    }
}

torch::Tensor TransformerImpl::forward(torch::Tensor x, const torch::Tensor& mask)
{
    for (auto& block : blocks)
        x = block(x, mask);
    return x;
}

} // namespace cascadeclip::model
