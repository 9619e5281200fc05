// SPDX-License-Identifier: MIT
#include "weights/ModelLoader.h"

#include "weights/Safetensors.h"
#include "weights/StateDict.h"

#include <cascadeclip/Error.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cmath>

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

ModelOptions optionsFromJson(const nlohmann::json& j)
{
    ModelOptions o;
    const auto& v = j.at("vision");
    o.vision.inputResolution = v.at("input_resolution");
    o.vision.patchSize = v.at("patch_size");
    o.vision.width = v.at("width");
    o.vision.layers = v.at("layers");
    o.vision.heads = v.at("heads");
    o.vision.outputDim = v.at("output_dim");
    o.vision.promptTokens = v.at("prompt_tokens");
    o.vision.promptDim = v.at("prompt_dim");
    o.vision.outIndices = v.at("out_indices").get<std::vector<int>>();
    const auto& h = j.at("head");
    o.head.embedDims = h.at("embed_dims");
    o.head.numLayers = h.at("num_layers");
    o.head.numHeads = h.at("num_heads");
    o.head.feedforwardDim = h.at("feedforward_dim");
    const auto& t = j.at("text");
    o.text.contextLength = t.at("context_length");
    o.text.vocabSize = t.at("vocab_size");
    o.text.width = t.at("width");
    o.text.heads = t.at("heads");
    o.text.layers = t.at("layers");
    o.text.embedDim = t.at("embed_dim");
    o.cropSize = j.at("crop_size");
    o.stride = j.at("stride");
    o.shortSide = j.at("short_side");
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
        if (dot == 0 || dot == std::string::npos || rest.find_first_not_of("0123456789") != dot)
            continue;
        count = std::max(count, std::stoi(rest.substr(0, dot)) + 1);
    }
    return count;
}

} // namespace

ModelOptions inferOptions(const std::map<std::string, torch::Tensor>& tensors,
    const std::map<std::string, std::string>& metadata, const std::string& source)
{
    if (const auto it = metadata.find(kOptionsMetadataKey); it != metadata.end()) {
        try {
            return optionsFromJson(nlohmann::json::parse(it->second));
        } catch (const nlohmann::json::exception& e) {
            throw Error(ErrorCode::WeightsMalformed,
                source + ": metadata '" + kOptionsMetadataKey + "' is not a valid architecture: " + e.what());
        }
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
    return o;
}

torch::Device resolveDevice(const std::string& name)
{
    if (name == "cpu")
        return torch::kCPU;
    if (name == "cuda" || name.rfind("cuda:", 0) == 0) {
        if (!torch::cuda::is_available())
            throw Error(ErrorCode::DeviceUnavailable, "device '" + name + "': no CUDA device is available to LibTorch");
        return torch::Device(name);
    }
    if (name == "auto" || name.empty())
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    throw Error(ErrorCode::InvalidInput, "unknown device '" + name + "' (expected auto, cpu or cuda)");
}

LoadedModel loadModel(const std::string& path, const torch::Device& device)
{
    auto file = readSafetensors(path);
    LoadedModel out;
    out.options = inferOptions(file.tensors, file.metadata, path);
    out.metadata = file.metadata;
    {
        const model::SkipInitialization uninitialised; // loadStrict overwrites every tensor or throws
        out.model = model::CascadeClip(out.options);
    }
    // Copy tensor by tensor and drop each one's file pages at once: the process never holds the model twice.
    loadStrict(*out.model, file.tensors, path, [&file](const torch::Tensor& t) { file.releasePages(t); });
    out.model->eval();
    out.model->to(device);
    spdlog::info("loadModel: {} (T={}, width={}, crop={}) on {}", path, out.options.vision.promptTokens,
        out.options.vision.width, out.options.cropSize, device.str());
    return out;
}

} // namespace cascadeclip::weights
