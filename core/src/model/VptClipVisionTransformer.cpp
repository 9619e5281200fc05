// SPDX-License-Identifier: MIT
#include "model/VptClipVisionTransformer.h"

#include <algorithm>
#include <cmath>

namespace cascadeclip::model {

namespace F = torch::nn::functional;

torch::Tensor l2Normalize(const torch::Tensor& t)
{
    return t / t.norm(2, -1, true);
}

VptClipVisionTransformerImpl::VptClipVisionTransformerImpl(const VisionOptions& o)
    : options(o)
{
    TORCH_CHECK(o.outIndices.size() == 6, "Cascade-CLIP needs exactly six read-out blocks");
    TORCH_CHECK(o.promptDim == o.width, "prompt_dim must equal the width");
    const int w = o.width, g = o.gridSize(), t = o.promptTokens;
    const double scale = 1.0 / std::sqrt(static_cast<double>(w));

    const auto normal = [scale](torch::Tensor& t) { t.normal_(0.0, scale); };
    conv1 = register_module("conv1", PatchEmbedding(3, w, o.patchSize));
    class_embedding = register_parameter("class_embedding", initialized({w}, normal));
    positional_embedding = register_parameter("positional_embedding", initialized({1 + g * g, w}, normal));
    ln_pre = register_module("ln_pre", makeLayerNorm(w));
    transformer = register_module("transformer", Transformer(w, o.layers, o.heads));
    ln_post = register_module("ln_post", makeLayerNorm(w));
    proj = register_parameter("proj", initialized({w, o.outputDim}, normal));

    ln_layers = register_module("ln_layers", torch::nn::ModuleList());
    for (size_t k = 0; k < o.outIndices.size(); ++k) {
        lnLayers.push_back(makeLayerNorm(w));
        ln_layers->push_back(lnLayers.back());
    }
    proj_layers = register_parameter("proj_layers", initialized({6, w, o.outputDim}, normal));

    const double v = std::sqrt(6.0 / (3.0 * o.patchSize * o.patchSize + o.promptDim));
    const auto uniform = [v](torch::Tensor& t) { t.uniform_(-v, v); };
    prompt_embeddings = register_parameter("prompt_embeddings", initialized({1, t, o.promptDim}, uniform));
    deep_prompt_embeddings
        = register_parameter("deep_prompt_embeddings", initialized({o.layers - 1, t, o.promptDim}, uniform));
    prompt_proj = register_module("prompt_proj", Linear(o.promptDim, w));
    prompt_norm = register_module("prompt_norm", makeLayerNorm(w, 1e-6));
}

torch::Tensor VptClipVisionTransformerImpl::positionalEmbeddingFor(int64_t gridH, int64_t gridW) const
{
    const int64_t stored = positional_embedding.size(0) - 1;
    const auto side = static_cast<int64_t>(std::lround(std::sqrt(static_cast<double>(stored))));
    const int64_t w = positional_embedding.size(1);
    // The forward re-interpolates the stored grid to the input grid; at 512 crops that is the identity.
    auto spatial = positional_embedding.slice(0, 1);
    if (gridH != side || gridW != side) {
        spatial = F::interpolate(spatial.reshape({1, side, side, w}).permute({0, 3, 1, 2}),
            F::InterpolateFuncOptions()
                .size(std::vector<int64_t> {gridH, gridW})
                .mode(torch::kBilinear)
                .align_corners(false))
                      .reshape({w, gridH * gridW})
                      .permute({1, 0});
    }
    // The CLS position gets class_embedding a second time (spec section 11.1).
    const auto clsPos = (positional_embedding[0] + class_embedding).reshape({1, w});
    return torch::cat({clsPos, spatial}, 0); // [1 + N, W]
}

VisionFeatures VptClipVisionTransformerImpl::forward(const torch::Tensor& image)
{
    const int64_t b = image.size(0);
    auto x = conv1(image); // [B, W, Gh, Gw]
    const int64_t w = x.size(1), gh = x.size(2), gw = x.size(3), n = gh * gw;
    const int64_t t = prompt_embeddings.size(1);
    x = x.reshape({b, w, n}).permute({0, 2, 1}); // [B, N, W]
    x = torch::cat({class_embedding.expand({b, 1, w}), x}, 1); // [B, 1 + N, W]
    x = x + positionalEmbeddingFor(gh, gw).unsqueeze(0);
    x = ln_pre(x);
    // Prompts are inserted after ln_pre and never pass through it.
    x = torch::cat(
        {x.slice(1, 0, 1), prompt_proj(prompt_embeddings).expand({b, t, w}), x.slice(1, 1)}, 1); // [B, 1+T+N, W]

    VisionFeatures out;
    std::vector<torch::Tensor> readouts;
    const auto& indices = options.outIndices;
    for (size_t i = 0; i < transformer->blocks.size(); ++i) {
        if (i > 0) {
            // Deep prompts replace the previous block's prompt outputs at every block (spec section 11.4).
            const auto deep = prompt_proj(deep_prompt_embeddings[static_cast<int64_t>(i) - 1]).expand({b, t, w});
            x = torch::cat({x.slice(1, 0, 1), deep, x.slice(1, 1 + t)}, 1);
        }
        x = transformer->blocks[i](x);
        if (std::find(indices.begin(), indices.end(), static_cast<int>(i)) != indices.end()) {
            // prompt_norm is per token, so only the spatial tokens need it for the read-outs.
            readouts.push_back(prompt_norm(x.slice(1, 1 + t)));
        }
    }
    for (size_t k = 0; k < readouts.size(); ++k) {
        // fastLinear() with the transposed projection: oneDNN instead of the misdetected BLAS (Transformer.h).
        const auto f = fastLinear(lnLayers[k](readouts[k]), proj_layers[static_cast<int64_t>(k)].t()); // [B, N, E]
        out.levels.push_back(l2Normalize(f));
    }
    // Final block: prompt_norm then CLIP's ln_post (a double LayerNorm, spec section 11.3), then proj.
    const auto projT = proj.t(); // [E, W]
    const auto cls = fastLinear(ln_post(prompt_norm(x.slice(1, 0, 1))), projT); // [B, 1, E]
    const auto last = fastLinear(ln_post(prompt_norm(x.slice(1, 1 + t))), projT); // [B, N, E]
    TORCH_CHECK(last.size(1) == n, "unexpected token count");
    out.levels.push_back(l2Normalize(last));
    out.global = l2Normalize(cls.squeeze(1));
    return out;
}

} // namespace cascadeclip::model
