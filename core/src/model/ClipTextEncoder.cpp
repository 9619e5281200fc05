// SPDX-License-Identifier: MIT
#include "model/ClipTextEncoder.h"

#include <cmath>
#include <limits>

namespace cascadeclip::model {

ClipTextEncoderImpl::ClipTextEncoderImpl(const TextOptions& o)
    : options(o)
{
    token_embedding = register_module("token_embedding", Embedding(o.vocabSize, o.width));
    positional_embedding = register_parameter("positional_embedding",
        initialized({o.contextLength, o.width}, [](torch::Tensor& t) { t.normal_(0.0, 0.01); }));
    transformer = register_module("transformer", Transformer(o.width, o.layers, o.heads));
    ln_final = register_module("ln_final", makeLayerNorm(o.width));
    const double scale = 1.0 / std::sqrt(static_cast<double>(o.width));
    text_projection = register_parameter(
        "text_projection", initialized({o.width, o.embedDim}, [scale](torch::Tensor& t) { t.normal_(0.0, scale); }));
    causalMask = torch::full({o.contextLength, o.contextLength}, -std::numeric_limits<float>::infinity()).triu(1);
}

torch::Tensor ClipTextEncoderImpl::forward(const torch::Tensor& ids)
{
    // With the causal mask, position t only sees positions <= t, so ids may be cut after the longest prompt's
    // <|endoftext|>: the pooled features are the same as with all 77 positions, for a fraction of the work.
    const int64_t l = ids.size(1);
    TORCH_CHECK(l <= positional_embedding.size(0), "more token ids than the context length");
    auto x = token_embedding(ids) + positional_embedding.slice(0, 0, l); // [B, L, D]
    x = transformer(x, causalMask.slice(0, 0, l).slice(1, 0, l).to(x.device()));
    x = ln_final(x);
    const auto eot = ids.argmax(-1); // [B]
    const auto pooled = x.index({torch::arange(x.size(0), eot.options()), eot}); // [B, D]
    return torch::matmul(pooled, text_projection); // [B, E]
}

} // namespace cascadeclip::model
