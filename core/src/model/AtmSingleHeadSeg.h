// SPDX-License-Identifier: MIT
#pragma once
// decode_head.* : ATMSingleHeadSeg (models/decode_heads/decode_seg.py) with three TPN decoders and
// Neighborhood Gaussian Aggregation (NGA).
// Legend: B batch, C classes, N = G*G tokens, E embed dims (512), h heads, d = E/h.

#include "model/Transformer.h"
#include "ops/SmallGemm.h"

#include <cascadeclip/ModelOptions.h>

#include <torch/torch.h>

namespace cascadeclip::model {

/// The decoder's cross-attention (`Attention` in decode_seg.py): separate q, k, v, proj with bias.
/// Keys and values enter the products already projected by k and v but WITHOUT their biases, in the layouts that
/// the products read directly (packKeys, packValues, packLastKeys). The biases need no work of memory size: the key
/// bias adds the same q_h . b_k,h to every score of a row, which softmax cancels; the value bias comes out of the
/// weighted sum whole, since softmax rows sum to one; and it is one [B, C, 1] column of the last layer's logits
/// (keyBiasLogits). On CPU fp32 the products run on the packed small-GEMM kernel (ops::gemmPacked), with keys
/// packed per head as [B, h, ceil(N/64), d, 64], values as [B, h, ceil(d/64), N, 64] and the last layer's keys as
/// [B, ceil(N/64), E, 64]; elsewhere they are batched matmuls on [B, h, N, d] keys, [B, h, d, N] values and
/// [B, N, E] last-layer keys.
struct CrossAttentionImpl : torch::nn::Module {
    CrossAttentionImpl(int dims, int heads);

    /// Head-averaged pre-softmax logits mean_h(q_h . k_h) * d^-0.5 of projected queries `q` [B, C, E] over the
    /// `tokens` keys of `keys` (packLastKeys), the key bias included -> [B, C, N].
    torch::Tensor meanLogits(const torch::Tensor& q, const torch::Tensor& keys, int64_t tokens);
    /// The same without the key bias's share.
    torch::Tensor keyLogits(const torch::Tensor& q, const torch::Tensor& keys, int64_t tokens);
    /// The key bias's share mean_h(q_h . b_k,h) * d^-0.5 -> [B, C, 1].
    torch::Tensor keyBiasLogits(const torch::Tensor& q);

    /// The attention scores q_h k_h^T d^-0.5 of q [B, C, E] over keys (packKeys) of `tokens` tokens, without the
    /// key bias, in a layout of the path's own ([B, C, h, N] on the packed path, [B, h, C, N] elsewhere): they
    /// are linear in the keys, so a weighted sum of them is the scores of the weighted keys.
    torch::Tensor scores(const torch::Tensor& q, const torch::Tensor& keys, int64_t tokens);

    /// softmax(scores) v_h + b_v with the heads merged, before proj: scores as scores() makes them, values
    /// (packValues) -> [B, C, E].
    torch::Tensor weighted(const torch::Tensor& scores, const torch::Tensor& values, int64_t tokens);

    /// The layouts above, from [B, N, E] projections.
    torch::Tensor packKeys(const torch::Tensor& key) const;
    torch::Tensor packValues(const torch::Tensor& value) const;
    torch::Tensor packLastKeys(const torch::Tensor& key) const;

    int heads;
    double scale;
    // *.multihead_attn.{q,k,v,proj}
    Linear q {nullptr}, k {nullptr}, v {nullptr}, proj {nullptr};
};
TORCH_MODULE(CrossAttention);

/// x @ weight^T + bias for the head's class queries: x [..., in] with few rows (the classes) takes the packed-weight
/// kernel (ops::gemmPacked; weights packed once into `packs`), anything else fastLinear().
torch::Tensor queryLinear(ops::PackCache& packs, const torch::Tensor& x, const Linear& layer);

/// TPN_DecoderLayer: post-norm cross-attention + FFN. self_attn and norm1 only hold checkpoint keys.
struct TpnDecoderLayerImpl : torch::nn::Module {
    explicit TpnDecoderLayerImpl(const HeadOptions& options);

    /// One full layer: query [B, C, E], memory [B, N, E] -> updated query [B, C, E].
    torch::Tensor forward(const torch::Tensor& query, const torch::Tensor& memory);

    /// The same layer from already projected keys and values of `tokens` tokens (memory W_k^T, memory W_v^T, no
    /// bias), packed as CrossAttentionImpl's products take them.
    torch::Tensor forwardProjected(
        const torch::Tensor& query, const torch::Tensor& keys, const torch::Tensor& values, int64_t tokens);

    /// The same layer from its attention scores (CrossAttentionImpl::scores of q(query)).
    torch::Tensor forwardScored(
        const torch::Tensor& query, const torch::Tensor& scores, const torch::Tensor& values, int64_t tokens);

    // *.layers.{l}.self_attn (unused)
    MultiheadAttention self_attn {nullptr};
    // *.layers.{l}.multihead_attn
    CrossAttention multihead_attn {nullptr};
    // *.layers.{l}.linear1, linear2
    Linear linear1 {nullptr}, linear2 {nullptr};
    // *.layers.{l}.norm1 (unused), norm2, norm3
    torch::nn::LayerNorm norm1 {nullptr}, norm2 {nullptr}, norm3 {nullptr};
    /// Packed copies of q, proj, linear1 and linear2 (see queryLinear).
    std::shared_ptr<ops::PackCache> packs = std::make_shared<ops::PackCache>();
};
TORCH_MODULE(TpnDecoderLayer);

struct TpnDecoderImpl : torch::nn::Module {
    explicit TpnDecoderImpl(const HeadOptions& options);

    /// The stage mask: head-averaged pre-softmax logits of the LAST layer, [B, C, N]. The last layer's
    /// value, projection and FFN are dead at inference and skipped (spec section 4.3).
    torch::Tensor forward(torch::Tensor query, const torch::Tensor& memory);

    // decode_head.cascade_decoders.{s}.layers.{l}
    torch::nn::ModuleList layers;
    std::vector<TpnDecoderLayer> decoderLayers;
};
TORCH_MODULE(TpnDecoder);

/// The key and value projections of each block feeding a stage, for every decoder layer, without bias:
/// keys[l][i] = L_i W_k(l)^T, values[l][i] = L_i W_v(l)^T (values only for layers before the last).
/// The projections are linear in the memory, so a stage's keys for any NGA weights are sum_i w_i keys[l][i]
/// (plus the bias, which the attention adds itself): re-decoding with new weights needs no projection of the
/// memory. Layouts: as CrossAttentionImpl's products take them (packKeys, packValues; packLastKeys for the last
/// layer), so that mixing them yields the products' operands.
struct StageProjections {
    std::vector<std::vector<torch::Tensor>> keys;
    std::vector<std::vector<torch::Tensor>> values;
    int64_t tokens = 0; // N
};

/// What a stage's decode computes before the NGA weights matter, for one descriptor (classes and crop): the first
/// decoder layer's query does not depend on them, and its scores are linear in the keys, so they are kept per
/// block and a new weight only mixes them. Made by the first decode, reused while the descriptor is unchanged.
struct StageQueryCache {
    torch::Tensor descriptor; // [B, C, 2 Et] what it was made for
    torch::Tensor query; // [B, C, E] the first layer's input query (after q_proj)
    std::vector<torch::Tensor> scores; // per block: the first layer's attention scores (CrossAttentionImpl::scores)
};

/// The last decoder layer's logits of a stage split by block: logits = sum_i contributions[i] + bias.
struct StageContributions {
    std::vector<torch::Tensor> blocks; // [B, C, N] each: w_i * mean_h(q_h . k_h(L_i)) * scale
    torch::Tensor bias; // [B, C, 1]: mean_h(q_h . b_k,h) * scale
};

struct AtmSingleHeadSegImpl : torch::nn::Module {
    AtmSingleHeadSegImpl(const HeadOptions& options, int textDim);

    /// Relationship descriptor concat(t * g, t): text [C, Et], global [B, Et] -> [B, C, 2 Et].
    static torch::Tensor descriptor(const torch::Tensor& text, const torch::Tensor& global);

    /// NGA memory of a stage: ((0 + w0 La) + w1 Lb) + w2 Lc, each L [B, N, E], weights [3].
    static torch::Tensor aggregate(
        const torch::Tensor& weights, const torch::Tensor& la, const torch::Tensor& lb, const torch::Tensor& lc);

    /// Stage logits M1, M2, M3, each [B, C, N], from the seven levels [B, N, E] and the descriptor.
    /// weightsS1/weightsS2 [3] override the learned NGA weights when defined.
    std::vector<torch::Tensor> stageLogits(const std::vector<torch::Tensor>& levels, const torch::Tensor& descriptor,
        const torch::Tensor& weightsS1 = {}, const torch::Tensor& weightsS2 = {});

    /// Projections of the blocks of `stage` (0, 1: three blocks; 2: the last block alone).
    StageProjections projectBlocks(size_t stage, const std::vector<torch::Tensor>& blocks);

    /// Stage logits [B, C, N] from cached projections with NGA weights `weights` [3] (ignored for stage 2, the
    /// single block). `contributions`, when given, receives the last layer's per-block split; `queries`, when given,
    /// holds the stage's first-layer work for its descriptor (made or remade here when the descriptor differs).
    torch::Tensor stageLogitsProjected(size_t stage, const torch::Tensor& descriptor, const StageProjections& p,
        const torch::Tensor& weights, StageContributions* contributions = nullptr, StageQueryCache* queries = nullptr);

    HeadOptions options;
    // decode_head.weights_s1, weights_s2 [3]: unnormalised learnable NGA weights
    torch::Tensor weights_s1, weights_s2;
    // decode_head.q_projs.{0..2}: Linear(2 Et -> E)
    torch::nn::ModuleList q_projs;
    std::vector<Linear> qProjs;
    std::shared_ptr<ops::PackCache> qProjPacks = std::make_shared<ops::PackCache>();
    // decode_head.cascade_decoders.{0..2}
    torch::nn::ModuleList cascade_decoders;
    std::vector<TpnDecoder> decoders;
};
TORCH_MODULE(AtmSingleHeadSeg);

/// Both undefined, or equal in shape, type, device and every value: the key of the decode caches.
bool sameValues(const torch::Tensor& a, const torch::Tensor& b);

/// Initial NGA weights exp(-d^2 / 2 sigma^2) for d = 2, 1, 0 (the code's gaussian() with sigma 1).
torch::Tensor gaussianNgaWeights(double sigma = 1.0);

} // namespace cascadeclip::model
