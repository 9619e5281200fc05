// SPDX-License-Identifier: MIT
#pragma once
// text_encoder.* : CLIPTextEncoder (models/backbone/text_encoder.py), CLIP's text transformer.
// Legend: B prompts, L context length (77), D width (512), E embedding (512).

#include "model/Transformer.h"

#include <cascadeclip/ModelOptions.h>

#include <torch/torch.h>

namespace cascadeclip::model {

struct ClipTextEncoderImpl : torch::nn::Module {
    explicit ClipTextEncoderImpl(const TextOptions& options);

    /// ids: [B, L] int64 token ids (SOT ... EOT, zero-padded), L <= the context length (77) and at least the
    /// longest prompt -> [B, E] text features (not normalised), taken at the argmax of the ids (the EOT position).
    torch::Tensor forward(const torch::Tensor& ids);

    TextOptions options;
    // text_encoder.token_embedding
    Embedding token_embedding {nullptr};
    // text_encoder.positional_embedding [L, D]
    torch::Tensor positional_embedding;
    // text_encoder.transformer.resblocks.{0..11}
    Transformer transformer {nullptr};
    // text_encoder.ln_final
    torch::nn::LayerNorm ln_final {nullptr};
    // text_encoder.text_projection [D, E]
    torch::Tensor text_projection;
    // Causal mask: -inf above the diagonal. A plain attribute, not a checkpoint key.
    torch::Tensor causalMask;
};
TORCH_MODULE(ClipTextEncoder);

} // namespace cascadeclip::model
