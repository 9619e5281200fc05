// SPDX-License-Identifier: MIT
#include "model/Transformer.h"

#include <cmath>

namespace cascadeclip::model {

namespace F = torch::nn::functional;

torch::nn::LayerNorm makeLayerNorm(int width, double eps)
{
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({width}).eps(eps));
}

MultiheadAttentionImpl::MultiheadAttentionImpl(int width, int heads_)
    : heads(heads_)
{
    TORCH_CHECK(width % heads == 0, "width ", width, " is not divisible by ", heads, " heads");
    in_proj_weight = register_parameter("in_proj_weight", torch::empty({3 * width, width}));
    in_proj_bias = register_parameter("in_proj_bias", torch::zeros({3 * width}));
    out_proj = register_module("out_proj", torch::nn::Linear(width, width));
    torch::nn::init::xavier_uniform_(in_proj_weight);
}

torch::Tensor MultiheadAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& mask)
{
    const int64_t b = x.size(0), l = x.size(1), d = x.size(2), hd = d / heads;
    // [B, L, 3D] -> [3, B, H, L, hd]
    const auto qkv = F::linear(x, in_proj_weight, in_proj_bias).view({b, l, 3, heads, hd}).permute({2, 0, 3, 1, 4});
    // nn.MultiheadAttention scales q by 1/sqrt(hd) before the product.
    const auto q = qkv[0] * (1.0 / std::sqrt(static_cast<double>(hd)));
    auto scores = torch::matmul(q, qkv[1].transpose(-2, -1)); // [B, H, L, L]
    if (mask.defined())
        scores = scores + mask;
    const auto out = torch::matmul(scores.softmax(-1), qkv[2]); // [B, H, L, hd]
    return out_proj(out.transpose(1, 2).reshape({b, l, d}));
}

MlpImpl::MlpImpl(int width, int hidden)
{
    c_fc = register_module("c_fc", torch::nn::Linear(width, hidden));
    c_proj = register_module("c_proj", torch::nn::Linear(hidden, width));
}

torch::Tensor MlpImpl::forward(const torch::Tensor& x)
{
    auto h = c_fc(x);
    h = h * torch::sigmoid(1.702 * h); // QuickGELU
    return c_proj(h);
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
