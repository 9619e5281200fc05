// SPDX-License-Identifier: MIT
// The readers of the files an import starts from (OpenAI's CLIP archive, an mmcv checkpoint and its config text),
// apart from the merge in Import.cpp: they need only the archive reader, not the model, so the fuzz targets link
// them alone.
#include "weights/Import.h"
#include "weights/TorchArchive.h"

#include <cascadeclip/Error.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace cascadeclip::weights {

namespace {

[[noreturn]] void malformed(const std::string& path, const std::string& why)
{
    throw Error(ErrorCode::WeightsMalformed, path + ": " + why);
}

bool startsWith(const std::string& s, std::string_view prefix)
{
    return s.rfind(prefix, 0) == 0;
}

// (Not std::string::ends_with: the fuzz build compiles this file as C++17, see tests/fuzz/CMakeLists.txt.)
bool endsWith(const std::string& s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isIdentChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

/// Position just after `name =` (first assignment or keyword argument, not `==`), or npos.
size_t findAssignment(const std::string& text, const std::string& name)
{
    for (size_t pos = text.find(name); pos != std::string::npos; pos = text.find(name, pos + 1)) {
        if (pos > 0 && (isIdentChar(text[pos - 1]) || text[pos - 1] == '.'))
            continue;
        size_t p = pos + name.size();
        if (p < text.size() && isIdentChar(text[p]))
            continue;
        while (p < text.size() && (text[p] == ' ' || text[p] == '\t'))
            ++p;
        if (p < text.size() && text[p] == '=' && (p + 1 >= text.size() || text[p + 1] != '=')) {
            ++p;
            while (p < text.size() && std::isspace(static_cast<unsigned char>(text[p])))
                ++p;
            return p;
        }
    }
    return std::string::npos;
}

/// A literal list of integers at `pos` ("[0, 1,\n 2]"); nullopt when it is anything else.
std::optional<std::vector<int>> intList(const std::string& text, size_t pos)
{
    if (pos == std::string::npos || pos >= text.size() || text[pos] != '[')
        return std::nullopt;
    const size_t end = text.find(']', pos);
    if (end == std::string::npos)
        return std::nullopt;
    std::vector<int> out;
    size_t p = pos + 1;
    while (p < end) {
        const char c = text[p];
        if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
            ++p;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
        size_t q = p;
        while (q < end && std::isdigit(static_cast<unsigned char>(text[q])))
            ++q;
        if (q - p > 6)
            return std::nullopt;
        out.push_back(std::stoi(text.substr(p, q - p)));
        p = q;
    }
    return out;
}

/// Spec 2.4: the class row kept, the grid resized bilinearly (align_corners False) to `grid` x `grid`.
torch::Tensor resizePositionalEmbedding(const torch::Tensor& pos, int grid, const std::string& path)
{
    if (pos.dim() != 2)
        malformed(path, "visual.positional_embedding has " + std::to_string(pos.dim()) + " dimensions, expected 2");
    const int64_t rows = pos.size(0) - 1;
    const auto side = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(std::max<int64_t>(rows, 0)))));
    if (rows <= 0 || side * side != rows)
        malformed(
            path, "visual.positional_embedding has " + std::to_string(pos.size(0)) + " rows, not 1 + a square grid");
    if (side == grid)
        return pos;
    const int64_t c = pos.size(1);
    namespace F = torch::nn::functional;
    auto sp = pos.slice(0, 1).reshape({1, side, side, c}).permute({0, 3, 1, 2});
    sp = F::interpolate(sp,
        F::InterpolateFuncOptions()
            .size(std::vector<int64_t> {grid, grid})
            .mode(torch::kBilinear)
            .align_corners(false));
    sp = sp.reshape({c, int64_t {grid} * grid}).permute({1, 0});
    return torch::cat({pos.slice(0, 0, 1), sp}, 0).contiguous();
}

/// Floating tensors as float32 copies that no longer reference the file's mapping.
torch::Tensor toFloat32(const torch::Tensor& t)
{
    if (t.is_floating_point())
        return t.to(torch::kFloat32, /*non_blocking=*/false, /*copy=*/true).contiguous();
    return t.clone();
}

// The text tower's keys in OpenAI's CLIP, which the checkpoint keeps under text_encoder.*.
bool isClipTextKey(const std::string& key)
{
    return startsWith(key, "transformer.") || key == "positional_embedding" || key == "text_projection"
        || startsWith(key, "token_embedding.") || startsWith(key, "ln_final.");
}

} // namespace

MmcvConfigFacts parseMmcvConfig(const std::string& text)
{
    MmcvConfigFacts facts;
    facts.baseClasses = intList(text, findAssignment(text, "base_class"));
    facts.novelClasses = intList(text, findAssignment(text, "novel_class"));
    if (const size_t p = findAssignment(text, "self_training"); p != std::string::npos) {
        if (text.compare(p, 4, "True") == 0)
            facts.selfTraining = true;
        else if (text.compare(p, 5, "False") == 0)
            facts.selfTraining = false;
    }
    if (const size_t p = findAssignment(text, "load_text_embedding"); p != std::string::npos && p < text.size()) {
        const char quote = text[p];
        if (quote == '\'' || quote == '"') {
            const size_t end = text.find(quote, p + 1);
            if (end != std::string::npos)
                facts.textEmbeddingFile = text.substr(p + 1, end - p - 1);
        }
    }
    return facts;
}

std::map<std::string, torch::Tensor> readOpenAiClip(const std::string& path, int gridSize)
{
    const TorchFile file = readTorchFile(path);
    std::map<std::string, torch::Tensor> raw;
    if (file.torchScript) {
        raw = moduleTensors(*file.root, path);
    } else if (const auto* sd = file.root->get("state_dict")) {
        raw = tensorDict(*sd, path, "state_dict");
    } else {
        raw = tensorDict(*file.root, path, "the CLIP state_dict");
    }
    if (!raw.count("visual.conv1.weight"))
        malformed(
            path, "no tensor 'visual.conv1.weight': not an OpenAI CLIP ViT model (Cascade-CLIP needs ViT-B-16.pt)");
    static const std::set<std::string> kSkipped {"input_resolution", "context_length", "vocab_size", "logit_scale"};
    std::map<std::string, torch::Tensor> out;
    for (const auto& [key, tensor] : raw) {
        if (kSkipped.count(key) || key == "attn_mask" || endsWith(key, ".attn_mask"))
            continue;
        if (startsWith(key, "visual.")) {
            const std::string rest = key.substr(7);
            auto t = toFloat32(tensor);
            if (rest == "positional_embedding")
                t = resizePositionalEmbedding(t, gridSize, path);
            out.emplace("backbone." + rest, std::move(t));
        } else if (isClipTextKey(key)) {
            out.emplace("text_encoder." + key, toFloat32(tensor));
        } else {
            malformed(path,
                "unexpected tensor '" + key + "' with shape " + c10::str(tensor.sizes())
                    + " (not part of OpenAI's CLIP ViT)");
        }
    }
    return out;
}

Checkpoint readCheckpoint(const std::string& path)
{
    const TorchFile file = readTorchFile(path);
    const pickle::Value& root = *file.root;
    if (file.torchScript)
        malformed(
            path, "a TorchScript archive, not a Cascade-CLIP checkpoint (is this the CLIP file? pass it with --clip)");
    if (!root.isDict())
        malformed(path, "holds " + root.describe() + ", not a checkpoint dict");
    Checkpoint out;
    const pickle::Value* sd = root.get("state_dict");
    if (sd == nullptr)
        sd = &root; // a bare state_dict
    out.stateDict = tensorDict(*sd, path, sd == &root ? "the checkpoint" : "state_dict");
    // DataParallel wrappers prefix every key with "module."; mmcv strips it, other savers may not.
    if (!out.stateDict.empty() && std::all_of(out.stateDict.begin(), out.stateDict.end(), [](const auto& kv) {
            return startsWith(kv.first, "module.");
        })) {
        std::map<std::string, torch::Tensor> stripped;
        for (auto& [k, v] : out.stateDict)
            stripped.emplace(k.substr(7), v);
        out.stateDict = std::move(stripped);
    }
    for (auto& [k, v] : out.stateDict)
        v = toFloat32(v);
    if (const pickle::Value* meta = root.get("meta"); meta != nullptr && meta->kind != pickle::Value::Kind::None) {
        if (!meta->isDict())
            malformed(path, "meta is " + meta->describe() + ", not a dict");
        if (const pickle::Value* classes = meta->get("CLASSES");
            classes != nullptr && classes->kind != pickle::Value::Kind::None) {
            if (!classes->isSequence())
                malformed(path, "meta['CLASSES'] is " + classes->describe() + ", expected a tuple of class names");
            for (const auto& c : classes->items) {
                if (!c->isString())
                    malformed(path, "meta['CLASSES'] holds " + c->describe() + ", expected class names (str)");
                out.classes.push_back(c->text);
            }
        }
        if (const pickle::Value* config = meta->get("config"); config != nullptr) {
            if (config->isString())
                out.config = config->text;
            else
                spdlog::warn("import: {}: meta['config'] is {}, not text; ignored", path, config->describe());
        }
    }
    return out;
}

} // namespace cascadeclip::weights
