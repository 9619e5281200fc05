// SPDX-License-Identifier: MIT
#pragma once
// Building blocks shared by the vision and text towers of CLIP (models/backbone/utils.py, OpenAI CLIP):
// nn.MultiheadAttention's parameter layout, ResidualAttentionBlock and Transformer.
// Legend: B batch, L tokens, D width.

#include "model/Layers.h"

#include <torch/torch.h>

namespace cascadeclip::model {

/// nn.MultiheadAttention(D, heads) as CLIP uses it: packed in_proj (q | k | v), out_proj, no dropout.
struct MultiheadAttentionImpl : torch::nn::Module {
    MultiheadAttentionImpl(int width, int heads);

    /// x: [B, L, D]; mask: [L, L] additive or undefined -> [B, L, D]
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask = {});

    int heads;
    // *.attn.in_proj_weight [3D, D], *.attn.in_proj_bias [3D]
    torch::Tensor in_proj_weight, in_proj_bias;
    // *.attn.out_proj
    Linear out_proj {nullptr};
};
TORCH_MODULE(MultiheadAttention);

/// CLIP's MLP: c_fc -> QuickGELU -> c_proj.
struct MlpImpl : torch::nn::Module {
    MlpImpl(int width, int hidden);
    torch::Tensor forward(const torch::Tensor& x);

    // *.mlp.c_fc, *.mlp.c_proj
    Linear c_fc {nullptr}, c_proj {nullptr};
};
TORCH_MODULE(Mlp);

/// x = x + attn(ln_1(x)); x = x + mlp(ln_2(x)). LayerNorm eps 1e-5.
struct ResidualAttentionBlockImpl : torch::nn::Module {
    ResidualAttentionBlockImpl(int width, int heads);
    /// x: [B, L, D] -> [B, L, D]
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask = {});

    // *.resblocks.{i}.attn
    MultiheadAttention attn {nullptr};
    // *.resblocks.{i}.ln_1, ln_2
    torch::nn::LayerNorm ln_1 {nullptr}, ln_2 {nullptr};
    // *.resblocks.{i}.mlp
    Mlp mlp {nullptr};
};
TORCH_MODULE(ResidualAttentionBlock);

/// A stack of residual attention blocks; the caller drives the blocks itself when it needs per-block access.
struct TransformerImpl : torch::nn::Module {
    TransformerImpl(int width, int layers, int heads);
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& mask = {});
    // *.transformer.resblocks.{i}
    torch::nn::ModuleList resblocks;
    std::vector<ResidualAttentionBlock> blocks; // the same modules, typed
};
TORCH_MODULE(Transformer);

/// Layer normalisation over the last dimension with eps.
torch::nn::LayerNorm makeLayerNorm(int width, double eps = 1e-5);

/// x @ weight^T + bias, as F::linear: x [..., in], weight [out, in], bias [out] or undefined -> [..., out].
/// On CPU fp32 with oneDNN it runs as a 1x1 convolution over a channels-last view of x (no layout copies), which
/// picks the CPU's AVX-512 kernels itself; elsewhere (CUDA, other dtypes, oneDNN off) it is F::linear.
torch::Tensor fastLinear(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias = {});

/// Whether the fast CPU kernels may run (default true): oneDNN for fastLinear() and the encoder's attention, the
/// packed small-GEMM kernel for the decode head. For A/B measurements
/// (cascadeclip-bench --baseline-kernels); not thread-safe, set it before running a model.
void setOneDnnKernels(bool enabled);
bool oneDnnKernelsEnabled();

} // namespace cascadeclip::model
