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
