// SPDX-License-Identifier: MIT
#include "weights/Import.h"

#include "model/CascadeClip.h"
#include "text/BpeTokenizer.h"
#include "weights/ModelLoader.h"
#include "weights/Sha256.h"
#include "weights/StateDict.h"
#include "weights/TorchArchive.h"

#include <cascadeclip/Error.h>

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>
#include <zlib.h>

namespace cascadeclip::weights {

namespace {

// OpenAI publishes ViT-B-16.pt under its SHA-256 (the folder of its download address).
constexpr const char* kOpenAiViTB16Sha256 = "5806e77cd80f8b59890b7e101eabd078d9fb84e6937f9e85e4ecb61988df416f";
// A vocabulary file larger than this is not CLIP's (the real one is 1.3 MB compressed, 1.6 MB of text).
constexpr size_t kMaxVocabBytes = 64u << 20;

[[noreturn]] void malformed(const std::string& path, const std::string& why)
{
    throw Error(ErrorCode::WeightsMalformed, path + ": " + why);
}

bool startsWith(const std::string& s, std::string_view prefix)
{
    return s.rfind(prefix, 0) == 0;
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

// Spec 6.2: the unseen classes of the three datasets, by class count, for checkpoints without a config.
const std::map<size_t, std::vector<int>>& knownUnseen()
{
    static const std::map<size_t, std::vector<int>> kUnseen {
        {20, {15, 16, 17, 18, 19}},
        {59, {0, 2, 3, 7, 9, 13, 17, 19, 31, 37}},
        {171, {19, 23, 28, 29, 36, 51, 76, 88, 94, 112, 133, 136, 137, 157, 160}},
    };
    return kUnseen;
}

std::string fileName(const std::string& path)
{
    return std::filesystem::path(path).filename().string();
}

std::string joinInts(const std::vector<int>& v)
{
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
        if (i > 0)
            out += ',';
        out += std::to_string(v[i]);
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

/// The groups the import log reports a source for.
const char* groupOf(const std::string& key)
{
    if (startsWith(key, "text_encoder."))
        return "text encoder";
    if (startsWith(key, "decode_head."))
        return "decode head";
    if (startsWith(key, "backbone.prompt") || startsWith(key, "backbone.deep_prompt")
        || startsWith(key, "backbone.proj_layers") || startsWith(key, "backbone.ln_layers."))
        return "prompts and read-out layers";
    return "CLIP image encoder";
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
        if (kSkipped.count(key) || key == "attn_mask" || key.ends_with(".attn_mask"))
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

std::string readVocabularyText(const std::string& path)
{
    if (!std::filesystem::is_regular_file(path))
        throw Error(ErrorCode::WeightsNotFound, path + ": vocabulary file not found");
    // gzread passes files that are not gzip through unchanged, so this reads .gz and plain text alike.
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr)
        throw Error(ErrorCode::WeightsNotFound, path + ": cannot open the vocabulary");
    std::string text;
    std::vector<char> buffer(1 << 16);
    while (true) {
        const int n = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()));
        if (n < 0) {
            int code = 0;
            const std::string why = gzerror(file, &code);
            gzclose(file);
            malformed(path, "cannot decompress the vocabulary: " + why);
        }
        if (n == 0)
            break;
        text.append(buffer.data(), static_cast<size_t>(n));
        if (text.size() > kMaxVocabBytes) {
            gzclose(file);
            malformed(path, "larger than any CLIP vocabulary (" + std::to_string(kMaxVocabBytes) + " bytes)");
        }
    }
    int code = 0;
    const std::string why = gzerror(file, &code);
    gzclose(file);
    if (code != Z_OK && code != Z_STREAM_END)
        malformed(path, "the vocabulary is damaged: " + why);
    (void)text::BpeTokenizer::fromVocabText(text, path); // throws naming the line when it is not a vocabulary
    return text;
}

ImportedModel importModel(const ImportRequest& request)
{
    using Clock = std::chrono::steady_clock;
    const auto say = [&](const std::string& line) {
        spdlog::info("import: {}", line);
        if (request.progress)
            request.progress(line);
    };
    const auto seconds = [](Clock::time_point since) {
        return fmt::format("{:.1f} s", std::chrono::duration<double>(Clock::now() - since).count());
    };
    if (request.checkpointPath.empty())
        throw Error(
            ErrorCode::InvalidInput, "import: no checkpoint given (the official .pth holds the trained tensors)");

    // The vocabulary first: a wrong file should fail before minutes of reading weights.
    std::string vocabulary;
    if (!request.vocabPath.empty())
        vocabulary = readVocabularyText(request.vocabPath);

    auto t0 = Clock::now();
    say("reading checkpoint " + request.checkpointPath);
    Checkpoint ckpt = readCheckpoint(request.checkpointPath);
    say("checkpoint: " + std::to_string(ckpt.stateDict.size()) + " tensors, " + std::to_string(ckpt.classes.size())
        + " class names (" + seconds(t0) + ")");

    ImportedModel out;
    std::map<std::string, std::string> origin; // key -> file it came from
    for (auto& [key, tensor] : ckpt.stateDict) {
        if (isIgnoredCheckpointKey(key))
            continue;
        origin[key] = fileName(request.checkpointPath);
        out.tensors.emplace(key, std::move(tensor));
    }
    ckpt.stateDict.clear();

    if (!request.clipPath.empty()) {
        t0 = Clock::now();
        // The grid the checkpoint's positional embedding uses (spec 2.4: 32 x 32 for 512 crops).
        int grid = ModelOptions::official().vision.gridSize();
        if (const auto it = out.tensors.find("backbone.positional_embedding");
            it != out.tensors.end() && it->second.dim() == 2 && it->second.size(0) > 1) {
            grid = static_cast<int>(std::llround(std::sqrt(static_cast<double>(it->second.size(0) - 1))));
        }
        say("reading CLIP " + request.clipPath);
        auto clip = readOpenAiClip(request.clipPath, grid);
        size_t differing = 0, shared = 0;
        for (auto& [key, tensor] : clip) {
            const auto it = out.tensors.find(key);
            if (it == out.tensors.end()) {
                origin[key] = fileName(request.clipPath);
                out.tensors.emplace(key, std::move(tensor));
                continue;
            }
            ++shared;
            if (it->second.sizes() != tensor.sizes() || !torch::equal(it->second, tensor))
                ++differing;
        }
        say("CLIP: " + std::to_string(clip.size()) + " tensors (" + seconds(t0) + ")");
        if (differing > 0)
            spdlog::warn("import: {} of the {} CLIP tensors the checkpoint also holds differ from {} (kept the "
                         "checkpoint's; was it trained from another CLIP?)",
                differing, shared, request.clipPath);
    }

    // Which file each group came from.
    std::map<std::string, std::map<std::string, size_t>> groups;
    for (const auto& [key, file] : origin)
        ++groups[groupOf(key)][file];
    for (const auto& [group, files] : groups) {
        std::string line = group;
        const char* separator = ": ";
        for (const auto& [file, count] : files) {
            line += separator;
            line += std::to_string(count);
            line += " tensors from ";
            line += file;
            separator = "; ";
        }
        say(line);
    }

    t0 = Clock::now();
    out.options = inferOptions(out.tensors, {}, request.checkpointPath);
    {
        // The strict load names every missing, unexpected or mis-shaped tensor, so the bundle always loads.
        torch::NoGradGuard noGrad;
        auto check = [&] {
            const model::SkipInitialization uninitialised; // only the keys and shapes are checked
            return model::CascadeClip(out.options);
        }();
        try {
            loadStrict(*check, out.tensors,
                request.checkpointPath + (request.clipPath.empty() ? "" : " + " + request.clipPath));
        } catch (const Error& e) {
            if (request.clipPath.empty() && !out.tensors.count("text_encoder.token_embedding.weight"))
                throw Error(e.code(),
                    std::string(e.what()) + " (the checkpoint lacks the CLIP tensors: give --clip ViT-B-16.pt)");
            throw;
        }
    }
    say("checked against the model: T=" + std::to_string(out.options.vision.promptTokens) + ", "
        + std::to_string(out.tensors.size()) + " tensors (" + seconds(t0) + ")");

    BundleInfo& info = out.info;
    info.vocabulary = std::move(vocabulary);
    info.classNames = ckpt.classes;
    const size_t classCount = info.classNames.size();
    const MmcvConfigFacts facts = parseMmcvConfig(ckpt.config);

    // Seen classes: override, else the config's base_class, else its novel_class complement, else the
    // dataset's official split.
    std::vector<int> seen;
    std::string seenFrom;
    auto complement = [&](const std::vector<int>& unseen) {
        std::vector<int> s;
        for (int i = 0; i < static_cast<int>(classCount); ++i) {
            if (std::find(unseen.begin(), unseen.end(), i) == unseen.end())
                s.push_back(i);
        }
        return s;
    };
    if (request.seenAll) {
        for (int i = 0; i < static_cast<int>(classCount); ++i)
            seen.push_back(i);
        seenFrom = "--seen-all";
    } else if (request.seen) {
        seen = *request.seen;
        seenFrom = "--seen";
    } else if (facts.baseClasses) {
        seen = *facts.baseClasses;
        seenFrom = "the config's base_class";
    } else if (facts.novelClasses) {
        seen = complement(*facts.novelClasses);
        seenFrom = "the config's novel_class";
    } else if (const auto it = knownUnseen().find(classCount); it != knownUnseen().end()) {
        seen = complement(it->second);
        seenFrom = "the official " + std::to_string(classCount) + "-class split";
    } else {
        seenFrom = "nothing (no config split)";
        if (classCount > 0)
            spdlog::warn(
                "import: {}: no seen/unseen split in the checkpoint; none seen (use --seen)", request.checkpointPath);
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (int i : seen) {
        if (i < 0 || (classCount > 0 && i >= static_cast<int>(classCount)))
            throw Error(request.seen ? ErrorCode::InvalidInput : ErrorCode::WeightsMalformed,
                request.checkpointPath + ": seen class index " + std::to_string(i) + " (from " + seenFrom
                    + ") is outside the " + std::to_string(classCount) + " classes");
    }
    if (classCount == 0 && !seen.empty())
        throw Error(ErrorCode::InvalidInput,
            request.checkpointPath + ": the checkpoint names no classes, so seen indices mean nothing");
    info.seenIndices = seen;
    say("classes: " + std::to_string(classCount) + ", seen " + std::to_string(seen.size()) + " [" + joinInts(seen)
        + "] from " + seenFrom);

    if (request.inductive) {
        info.inductive = *request.inductive;
    } else if (facts.selfTraining) {
        info.inductive = !*facts.selfTraining;
    } else {
        info.inductive = true;
        spdlog::warn("import: {}: the config does not say self_training; assuming the inductive setting "
                     "(use --transductive to change)",
            request.checkpointPath);
    }
    say(std::string("setting: ") + (info.inductive ? "inductive" : "transductive")
        + (request.inductive         ? " (override)"
                : facts.selfTraining ? " (config self_training)"
                                     : " (default)"));

    std::string templatesFrom;
    if (request.templateSet) {
        info.templateSet = *request.templateSet;
        templatesFrom = "override";
    } else if (facts.textEmbeddingFile.find("single") != std::string::npos) {
        info.templateSet = TemplateSet::Single;
        templatesFrom = fileName(facts.textEmbeddingFile);
    } else if (facts.textEmbeddingFile.find("multi") != std::string::npos) {
        info.templateSet = TemplateSet::Multi;
        templatesFrom = fileName(facts.textEmbeddingFile);
    } else if (classCount == 59 || classCount == 171) {
        info.templateSet = TemplateSet::Multi;
        templatesFrom = std::to_string(classCount) + " classes";
    } else {
        info.templateSet = TemplateSet::Single;
        templatesFrom = classCount == 20 ? "20 classes" : "default";
    }
    say(std::string("templates: ") + (info.templateSet == TemplateSet::Multi ? "multi" : "single") + " ("
        + templatesFrom + ")");

    const auto w1 = out.tensors.at("decode_head.weights_s1");
    const auto w2 = out.tensors.at("decode_head.weights_s2");
    for (int i = 0; i < 3; ++i) {
        info.ngaStage1[static_cast<size_t>(i)] = w1[i].item<float>();
        info.ngaStage2[static_cast<size_t>(i)] = w2[i].item<float>();
    }

    t0 = Clock::now();
    info.sources.push_back({"checkpoint", fileName(request.checkpointPath), sha256File(request.checkpointPath)});
    if (!request.clipPath.empty()) {
        info.sources.push_back({"clip", fileName(request.clipPath), sha256File(request.clipPath)});
        say(info.sources.back().sha256 == kOpenAiViTB16Sha256
                ? "CLIP: the SHA-256 matches OpenAI's published ViT-B-16.pt"
                : "CLIP: not byte-identical to OpenAI's published ViT-B-16.pt (a re-saved or different file)");
    }
    if (!request.vocabPath.empty())
        info.sources.push_back({"vocab", fileName(request.vocabPath), sha256File(request.vocabPath)});
    say("hashed the sources (" + seconds(t0) + ")");
    return out;
}

} // namespace cascadeclip::weights
