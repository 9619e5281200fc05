// SPDX-License-Identifier: MIT
#pragma once
// Class names -> CLIP text embeddings: prompt templates, tokenizer, text encoder, L2 normalisation, and a cache
// keyed by (name, template set, weights id), so adding one class encodes only that class.
// Legend: C classes, P prompts, L context length (77), E embedding (512).

#include "model/ClipTextEncoder.h"
#include "text/BpeTokenizer.h"

#include <cascadeclip/Segmenter.h>

#include <torch/torch.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace cascadeclip::text {

/// Not thread-safe: one instance per worker thread (it drives a LibTorch module).
class TextEmbedder {
public:
    TextEmbedder(model::ClipTextEncoder encoder, std::shared_ptr<const BpeTokenizer> tokenizer, std::string weightsId);

    /// [C, E] float32 embeddings on the encoder's device, each L2-normalised: "single" embeds `a photo of a {}`;
    /// "multi" L2-normalises each of the 15 template embeddings, averages them and normalises again (the official
    /// embedding notebook). Names are used as typed (the tokenizer cleans and lower-cases them).
    /// `strict`: a prompt longer than the 77-token context is an Error instead of a truncation with a warning.
    torch::Tensor embed(const std::vector<std::string>& names, TemplateSet set, bool strict = false);

    /// How many names the last embed() had to encode (the rest came from the cache).
    size_t lastEncodedCount() const { return m_lastEncoded; }
    size_t cacheSize() const { return m_cache.size(); }

    const BpeTokenizer& tokenizer() const { return *m_tokenizer; }

private:
    /// Encodes prompts in batches: [P, L] ids -> [P, E] unnormalised features.
    torch::Tensor encodePrompts(const std::vector<std::vector<int>>& ids);

    model::ClipTextEncoder m_encoder;
    std::shared_ptr<const BpeTokenizer> m_tokenizer;
    std::string m_weightsId;
    std::map<std::tuple<std::string, TemplateSet, std::string>, torch::Tensor> m_cache; // -> [E]
    size_t m_lastEncoded = 0;
};

/// Where the BPE vocabulary comes from: an explicit file, else `bpe_simple_vocab_16e6.txt.gz` next to the weights,
/// else the bundle's metadata (`cascadeclip.vocab`). Throws Error(WeightsNotFound) saying where to get it.
std::shared_ptr<const BpeTokenizer> findTokenizer(const std::string& explicitVocab, const std::string& weightsPath,
    const std::map<std::string, std::string>& metadata);

/// The vocabulary file name every CLIP distribution ships.
inline constexpr const char* kVocabFileName = "bpe_simple_vocab_16e6.txt.gz";
/// Bundle metadata key holding the vocabulary text.
inline constexpr const char* kVocabMetadataKey = "cascadeclip.vocab";

} // namespace cascadeclip::text
