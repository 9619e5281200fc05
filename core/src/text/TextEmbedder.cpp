// SPDX-License-Identifier: MIT
#include "text/TextEmbedder.h"

#include "model/VptClipVisionTransformer.h"
#include "text/Templates.h"

#include <cascadeclip/Error.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

namespace cascadeclip::text {

namespace {

// Prompts per text-encoder forward: bounds the activations ([B, 77, 512] per layer) for long class lists.
constexpr size_t kPromptBatch = 64;

} // namespace

TextEmbedder::TextEmbedder(
    model::ClipTextEncoder encoder, std::shared_ptr<const BpeTokenizer> tokenizer, std::string weightsId)
    : m_encoder(std::move(encoder))
    , m_tokenizer(std::move(tokenizer))
    , m_weightsId(std::move(weightsId))
{
}

torch::Tensor TextEmbedder::encodePrompts(const std::vector<std::vector<int>>& ids)
{
    // Only as many positions as the longest prompt needs (see ClipTextEncoderImpl::forward).
    size_t longest = 1;
    for (const auto& prompt : ids)
        longest = std::max(longest, prompt.size());
    const auto context = static_cast<int64_t>(longest);
    const auto device = m_encoder->positional_embedding.device();
    // A token the embedding table lacks would be an index error deep inside LibTorch.
    const int64_t known = m_encoder->token_embedding->weight.size(0);
    for (const auto& prompt : ids)
        for (const int id : prompt)
            if (id < 0 || id >= known)
                throw Error(ErrorCode::InvalidInput,
                    "the model's text encoder knows " + std::to_string(known)
                        + " tokens, but the vocabulary gave token " + std::to_string(id)
                        + ": the vocabulary and the weights do not belong together");
    std::vector<torch::Tensor> parts;
    for (size_t start = 0; start < ids.size(); start += kPromptBatch) {
        const size_t end = std::min(ids.size(), start + kPromptBatch);
        auto batch = torch::zeros({static_cast<int64_t>(end - start), context}, torch::kLong);
        auto acc = batch.accessor<int64_t, 2>();
        for (size_t i = start; i < end; ++i)
            for (size_t j = 0; j < ids[i].size(); ++j)
                acc[static_cast<int64_t>(i - start)][static_cast<int64_t>(j)] = ids[i][j];
        parts.push_back(m_encoder(batch.to(device)));
    }
    return torch::cat(parts, 0);
}

torch::Tensor TextEmbedder::embed(const std::vector<std::string>& names, TemplateSet set, bool strict)
{
    const int context = m_encoder->options.contextLength;
    // Collect the prompts of the names not cached yet (each name once).
    std::vector<std::string> pending;
    std::vector<std::vector<int>> promptIds;
    for (const auto& name : names) {
        if (m_cache.count({name, set, m_weightsId}) || std::find(pending.begin(), pending.end(), name) != pending.end())
            continue;
        pending.push_back(name);
        for (const auto& prompt : promptsFor(name, set)) {
            auto tokens = m_tokenizer->tokenize(prompt, context, strict);
            if (tokens.truncated)
                spdlog::warn(
                    "text: the prompt for class '{}' is longer than {} tokens and was truncated", name, context);
            promptIds.push_back(std::move(tokens.ids));
        }
    }
    m_lastEncoded = pending.size();
    if (!pending.empty()) {
        const auto features = model::l2Normalize(encodePrompts(promptIds)); // [P, E]
        const int64_t perName = static_cast<int64_t>(promptIds.size() / pending.size());
        for (size_t i = 0; i < pending.size(); ++i) {
            auto f = features.slice(0, static_cast<int64_t>(i) * perName, static_cast<int64_t>(i + 1) * perName);
            // One template: the normalised embedding. Several: normalise each, average, normalise again.
            auto e = perName == 1 ? f[0] : model::l2Normalize(f.mean(0));
            m_cache[{pending[i], set, m_weightsId}] = e.clone();
        }
    }
    std::vector<torch::Tensor> rows;
    rows.reserve(names.size());
    for (const auto& name : names)
        rows.push_back(m_cache.at({name, set, m_weightsId}));
    if (rows.empty())
        return torch::empty({0, m_encoder->options.embedDim}, m_encoder->positional_embedding.options());
    return torch::stack(rows);
}

std::shared_ptr<const BpeTokenizer> findTokenizer(const std::string& explicitVocab, const std::string& weightsPath,
    const std::map<std::string, std::string>& metadata)
{
    if (!explicitVocab.empty())
        return std::make_shared<const BpeTokenizer>(BpeTokenizer::fromFile(explicitVocab));
    if (!weightsPath.empty()) {
        const auto beside = std::filesystem::path(weightsPath).parent_path() / kVocabFileName;
        if (std::filesystem::exists(beside))
            return std::make_shared<const BpeTokenizer>(BpeTokenizer::fromFile(beside.string()));
    }
    if (const auto it = metadata.find(kVocabMetadataKey); it != metadata.end())
        return std::make_shared<const BpeTokenizer>(BpeTokenizer::fromVocabText(it->second, weightsPath + " (bundle)"));
    throw Error(ErrorCode::WeightsNotFound,
        std::string("no CLIP BPE vocabulary: pass --vocab, or put ") + kVocabFileName + " next to " + weightsPath
            + ", or import the model into a bundle that carries it. The file ships with every CLIP distribution "
              "(e.g. the clip/ folder of github.com/openai/CLIP).");
}

} // namespace cascadeclip::text
