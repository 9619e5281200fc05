// SPDX-License-Identifier: MIT
#pragma once
// backbone.* : VPTCLIPVisionTransformer (models/backbone/img_encoder.py), CLIP ViT-B/16 with VPT-deep prompts.
// Legend: B batch, W width (768), T prompt tokens, G grid side (32), N = G*G patches, E output dim (512).

#include "model/Transformer.h"

#include <cascadeclip/ModelOptions.h>

#include <torch/torch.h>

namespace cascadeclip::model {

/// The encoder's read-outs for one batch of crops.
struct VisionFeatures {
    /// Seven token maps, each [B, N, E], L2-normalised per token: blocks 5..10 (through prompt_norm,
    /// ln_layers[k], proj_layers[k]) and the final block (through prompt_norm, ln_post, proj). Token order is
    /// row-major over the G x G grid.
    std::vector<torch::Tensor> levels;
    /// [B, E] L2-normalised global (CLS) embedding.
    torch::Tensor global;
};

struct VptClipVisionTransformerImpl : torch::nn::Module {
    explicit VptClipVisionTransformerImpl(const VisionOptions& options);

    /// image: [B, 3, S, S] normalised RGB crops, S a multiple of the patch size -> VisionFeatures
    VisionFeatures forward(const torch::Tensor& image);

    VisionOptions options;

    // backbone.conv1
    PatchEmbedding conv1 {nullptr};
    // backbone.class_embedding [W], backbone.positional_embedding [1 + G*G, W]
    torch::Tensor class_embedding, positional_embedding;
    // backbone.ln_pre, backbone.ln_post
    torch::nn::LayerNorm ln_pre {nullptr}, ln_post {nullptr};
    // backbone.proj [W, E]
    torch::Tensor proj;
    // backbone.transformer.resblocks.{0..11}
    Transformer transformer {nullptr};
    // backbone.ln_layers.{0..5}: identity-affine, frozen (spec section 11.3)
    torch::nn::ModuleList ln_layers;
    std::vector<torch::nn::LayerNorm> lnLayers;
    // backbone.proj_layers [6, W, E]: random and frozen in training; always loaded (spec section 11.2)
    torch::Tensor proj_layers;
    // backbone.prompt_embeddings [1, T, W], backbone.deep_prompt_embeddings [layers-1, T, W]
    torch::Tensor prompt_embeddings, deep_prompt_embeddings;
    // backbone.prompt_proj
    Linear prompt_proj {nullptr};
    // backbone.prompt_norm (eps 1e-6)
    torch::nn::LayerNorm prompt_norm {nullptr};

private:
    torch::Tensor positionalEmbeddingFor(int64_t gridH, int64_t gridW) const;
};
TORCH_MODULE(VptClipVisionTransformer);

/// t / ||t|| over the last dimension, without epsilon (spec section 11.21).
torch::Tensor l2Normalize(const torch::Tensor& t);

} // namespace cascadeclip::model
