// SPDX-License-Identifier: MIT
#include "weights/Architecture.h"

#include <cascadeclip/Error.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace cascadeclip::weights {

nlohmann::json optionsToJson(const ModelOptions& o)
{
    return {
        {"vision",
            {{"input_resolution", o.vision.inputResolution}, {"patch_size", o.vision.patchSize},
                {"width", o.vision.width}, {"layers", o.vision.layers}, {"heads", o.vision.heads},
                {"output_dim", o.vision.outputDim}, {"prompt_tokens", o.vision.promptTokens},
                {"prompt_dim", o.vision.promptDim}, {"out_indices", o.vision.outIndices}}},
        {"head",
            {{"embed_dims", o.head.embedDims}, {"num_layers", o.head.numLayers}, {"num_heads", o.head.numHeads},
                {"feedforward_dim", o.head.feedforwardDim}}},
        {"text",
            {{"context_length", o.text.contextLength}, {"vocab_size", o.text.vocabSize}, {"width", o.text.width},
                {"heads", o.text.heads}, {"layers", o.text.layers}, {"embed_dim", o.text.embedDim}}},
        {"crop_size", o.cropSize},
        {"stride", o.stride},
        {"short_side", o.shortSide},
    };
}

namespace {

/// An integer that fits an int (a float or a huge number would be undefined behaviour to convert).
int intValue(const nlohmann::json& value)
{
    if (!value.is_number_integer() || value.get<std::int64_t>() < std::numeric_limits<int>::min()
        || value.get<std::int64_t>() > std::numeric_limits<int>::max()
        || (value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t {std::numeric_limits<int>::max()}))
        throw std::invalid_argument("expected an integer that fits 32 bits, got " + value.dump());
    return static_cast<int>(value.get<std::int64_t>());
}

int intAt(const nlohmann::json& object, const char* key)
{
    return intValue(object.at(key));
}

} // namespace

ModelOptions optionsFromJson(const nlohmann::json& j)
{
    ModelOptions o;
    const auto& v = j.at("vision");
    o.vision.inputResolution = intAt(v, "input_resolution");
    o.vision.patchSize = intAt(v, "patch_size");
    o.vision.width = intAt(v, "width");
    o.vision.layers = intAt(v, "layers");
    o.vision.heads = intAt(v, "heads");
    o.vision.outputDim = intAt(v, "output_dim");
    o.vision.promptTokens = intAt(v, "prompt_tokens");
    o.vision.promptDim = intAt(v, "prompt_dim");
    o.vision.outIndices.clear();
    for (const auto& i : v.at("out_indices"))
        o.vision.outIndices.push_back(intValue(i));
    const auto& h = j.at("head");
    o.head.embedDims = intAt(h, "embed_dims");
    o.head.numLayers = intAt(h, "num_layers");
    o.head.numHeads = intAt(h, "num_heads");
    o.head.feedforwardDim = intAt(h, "feedforward_dim");
    const auto& t = j.at("text");
    o.text.contextLength = intAt(t, "context_length");
    o.text.vocabSize = intAt(t, "vocab_size");
    o.text.width = intAt(t, "width");
    o.text.heads = intAt(t, "heads");
    o.text.layers = intAt(t, "layers");
    o.text.embedDim = intAt(t, "embed_dim");
    o.cropSize = intAt(j, "crop_size");
    o.stride = intAt(j, "stride");
    o.shortSide = intAt(j, "short_side");
    return o;
}

namespace {

const torch::Tensor& need(const std::map<std::string, torch::Tensor>& tensors, const std::string& key, int64_t dims,
    const std::string& source)
{
    const auto it = tensors.find(key);
    if (it == tensors.end())
        throw Error(ErrorCode::WeightsMalformed,
            source + ": missing tensor '" + key + "' (is this a Cascade-CLIP checkpoint in the official key layout?)");
    if (it->second.dim() != dims)
        throw Error(ErrorCode::WeightsMalformed,
            source + ": tensor '" + key + "' has " + std::to_string(it->second.dim()) + " dimensions, expected "
                + std::to_string(dims));
    return it->second;
}

/// 1 + the largest i among keys "{prefix}{i}.*".
int countIndexed(const std::map<std::string, torch::Tensor>& tensors, const std::string& prefix)
{
    int count = 0;
    for (auto it = tensors.lower_bound(prefix); it != tensors.end() && it->first.rfind(prefix, 0) == 0; ++it) {
        const std::string rest = it->first.substr(prefix.size());
        const auto dot = rest.find('.');
        // More digits than any real layer count would overflow std::stoi: not a layer index.
        if (dot == 0 || dot == std::string::npos || dot > 4 || rest.find_first_not_of("0123456789") != dot)
            continue;
        count = std::max(count, std::stoi(rest.substr(0, dot)) + 1);
    }
    return count;
}

// Upper bounds of a plausible architecture: a file claiming more is damaged or hostile, and building its model
// would try to allocate whatever it says.
constexpr int kMaxWidth = 16384;
constexpr int kMaxLayers = 128;
constexpr int kMaxResolution = 8192;
constexpr int kMaxVocabulary = 1 << 20;

void checkRange(const std::string& source, const char* what, int value, int low, int high)
{
    if (value < low || value > high)
        throw Error(ErrorCode::WeightsMalformed,
            source + ": the architecture's " + what + " is " + std::to_string(value) + ", outside ["
                + std::to_string(low) + ", " + std::to_string(high) + "]");
}

void checkDivides(const std::string& source, const char* what, int width, int heads)
{
    if (width % heads != 0)
        throw Error(ErrorCode::WeightsMalformed,
            source + ": the architecture's " + what + " width " + std::to_string(width) + " is not a multiple of its "
                + std::to_string(heads) + " heads");
}

/// Every size within the bounds above and consistent with the others, so that building the model is safe.
const ModelOptions& checked(const ModelOptions& o, const std::string& source)
{
    const auto& v = o.vision;
    checkRange(source, "vision patch size", v.patchSize, 1, kMaxResolution);
    checkRange(source, "vision input resolution", v.inputResolution, v.patchSize, kMaxResolution);
    checkRange(source, "vision width", v.width, 1, kMaxWidth);
    checkRange(source, "vision layers", v.layers, 1, kMaxLayers);
    checkRange(source, "vision heads", v.heads, 1, v.width);
    checkDivides(source, "vision", v.width, v.heads);
    checkRange(source, "vision output dim", v.outputDim, 1, kMaxWidth);
    checkRange(source, "prompt tokens", v.promptTokens, 0, kMaxResolution);
    checkRange(source, "prompt dim", v.promptDim, 1, kMaxWidth);
    for (const int i : v.outIndices)
        checkRange(source, "read-out block index", i, 0, v.layers - 1);
    const auto& h = o.head;
    checkRange(source, "head embed dims", h.embedDims, 1, kMaxWidth);
    checkRange(source, "head layers", h.numLayers, 1, kMaxLayers);
    checkRange(source, "head heads", h.numHeads, 1, h.embedDims);
    checkDivides(source, "head", h.embedDims, h.numHeads);
    checkRange(source, "head feed-forward dim", h.feedforwardDim, 1, 4 * kMaxWidth);
    const auto& t = o.text;
    checkRange(source, "text context length", t.contextLength, 1, kMaxResolution);
    checkRange(source, "text vocabulary size", t.vocabSize, 1, kMaxVocabulary);
    checkRange(source, "text width", t.width, 1, kMaxWidth);
    checkRange(source, "text layers", t.layers, 0, kMaxLayers);
    checkRange(source, "text heads", t.heads, 1, t.width);
    checkDivides(source, "text", t.width, t.heads);
    checkRange(source, "text embed dim", t.embedDim, 1, kMaxWidth);
    checkRange(source, "crop size", o.cropSize, 1, kMaxResolution);
    checkRange(source, "stride", o.stride, 1, kMaxResolution);
    checkRange(source, "short side", o.shortSide, 1, kMaxResolution);
    return o;
}

} // namespace

ModelOptions inferOptions(const std::map<std::string, torch::Tensor>& tensors,
    const std::map<std::string, std::string>& metadata, const std::string& source)
{
    if (const auto it = metadata.find(kOptionsMetadataKey); it != metadata.end()) {
        ModelOptions o;
        try {
            o = optionsFromJson(nlohmann::json::parse(it->second));
        } catch (const std::exception& e) { // nlohmann::json::exception, or intValue's std::invalid_argument
            throw Error(ErrorCode::WeightsMalformed,
                source + ": metadata '" + kOptionsMetadataKey + "' is not a valid architecture: " + e.what());
        }
        return checked(o, source);
    }
    // Official checkpoints: everything follows from the shapes, with CLIP's 64-dimensional heads.
    ModelOptions o = ModelOptions::official();
    const auto& conv = need(tensors, "backbone.conv1.weight", 4, source);
    const auto& pos = need(tensors, "backbone.positional_embedding", 2, source);
    const auto& proj = need(tensors, "backbone.proj", 2, source);
    const auto& prompts = need(tensors, "backbone.prompt_embeddings", 3, source);
    const auto& qproj = need(tensors, "decode_head.q_projs.0.weight", 2, source);
    const auto& linear1 = need(tensors, "decode_head.cascade_decoders.0.layers.0.linear1.weight", 2, source);
    o.vision.width = static_cast<int>(conv.size(0));
    o.vision.patchSize = static_cast<int>(conv.size(2));
    const auto grid = static_cast<int>(std::lround(std::sqrt(static_cast<double>(pos.size(0) - 1))));
    if (grid * grid + 1 != pos.size(0))
        throw Error(ErrorCode::WeightsMalformed,
            source + ": backbone.positional_embedding has " + std::to_string(pos.size(0))
                + " rows, not 1 + a square grid");
    o.vision.inputResolution = grid * o.vision.patchSize;
    o.vision.layers = countIndexed(tensors, "backbone.transformer.resblocks.");
    o.vision.heads = o.vision.width / 64;
    o.vision.outputDim = static_cast<int>(proj.size(1));
    o.vision.promptTokens = static_cast<int>(prompts.size(1));
    o.vision.promptDim = static_cast<int>(prompts.size(2));
    o.head.embedDims = static_cast<int>(qproj.size(0));
    o.head.numHeads = o.head.embedDims / 64;
    o.head.numLayers = countIndexed(tensors, "decode_head.cascade_decoders.0.layers.");
    o.head.feedforwardDim = static_cast<int>(linear1.size(0));
    if (tensors.count("text_encoder.token_embedding.weight")) {
        const auto& tok = need(tensors, "text_encoder.token_embedding.weight", 2, source);
        o.text.vocabSize = static_cast<int>(tok.size(0));
        o.text.width = static_cast<int>(tok.size(1));
        o.text.heads = o.text.width / 64;
        o.text.layers = countIndexed(tensors, "text_encoder.transformer.resblocks.");
        o.text.contextLength = static_cast<int>(need(tensors, "text_encoder.positional_embedding", 2, source).size(0));
        o.text.embedDim = static_cast<int>(need(tensors, "text_encoder.text_projection", 2, source).size(1));
    }
    if (o.vision.layers < 12 || o.vision.heads <= 0 || o.head.numHeads <= 0 || o.head.numLayers <= 0)
        throw Error(ErrorCode::WeightsMalformed, source + ": the tensors do not describe a Cascade-CLIP ViT model");
    o.cropSize = o.vision.inputResolution;
    o.shortSide = o.vision.inputResolution;
    return checked(o, source);
}

} // namespace cascadeclip::weights
