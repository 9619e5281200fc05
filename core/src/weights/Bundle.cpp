// SPDX-License-Identifier: MIT
#include "weights/Bundle.h"

#include "weights/Architecture.h"
#include "weights/Safetensors.h"

#include <cascadeclip/Error.h>

#include <nlohmann/json.hpp>

namespace cascadeclip::weights {

std::map<std::string, std::string> bundleMetadata(const ModelOptions& options, const BundleInfo& info)
{
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& s : info.sources)
        sources.push_back({{"role", s.role}, {"file", s.name}, {"sha256", s.sha256}});
    std::map<std::string, std::string> meta {
        {"format", "pt"}, // what the safetensors Python package expects of PyTorch tensors
        {kFormatVersionKey, kBundleFormatVersion},
        {kOptionsMetadataKey, optionsToJson(options).dump()},
        {kClassesKey, nlohmann::json(info.classNames).dump()},
        {kSeenKey, nlohmann::json(info.seenIndices).dump()},
        {kInductiveKey, info.inductive ? "true" : "false"},
        {kTemplateSetKey, info.templateSet == TemplateSet::Multi ? "multi" : "single"},
        {kNgaKey, nlohmann::json {info.ngaStage1, info.ngaStage2}.dump()},
        {kSourcesKey, sources.dump()},
    };
    if (!info.vocabulary.empty())
        meta[kVocabKey] = info.vocabulary;
    return meta;
}

BundleInfo readBundleInfo(const std::map<std::string, std::string>& metadata, const std::string& source)
{
    auto bad = [&](const std::string& key, const std::string& why) -> Error {
        return Error(ErrorCode::WeightsMalformed, source + ": bundle metadata '" + key + "' " + why);
    };
    const auto version = metadata.find(kFormatVersionKey);
    if (version == metadata.end())
        throw Error(ErrorCode::WeightsMalformed,
            source + ": not a Cascade-CLIP model bundle (no '" + kFormatVersionKey
                + "' metadata); make one with 'cascadeclip import'");
    if (version->second != kBundleFormatVersion)
        throw bad(kFormatVersionKey,
            "is '" + version->second + "'; this program reads version " + kBundleFormatVersion
                + " (made by a newer Cascade-CLIP Studio?)");
    auto json = [&](const char* key) -> nlohmann::json {
        const auto it = metadata.find(key);
        if (it == metadata.end())
            throw bad(key, "is missing");
        try {
            return nlohmann::json::parse(it->second);
        } catch (const nlohmann::json::exception& e) {
            throw bad(key, std::string("is not JSON: ") + e.what());
        }
    };
    BundleInfo info;
    try {
        info.classNames = json(kClassesKey).get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception&) {
        throw bad(kClassesKey, "is not a JSON array of strings");
    }
    try {
        info.seenIndices = json(kSeenKey).get<std::vector<int>>();
    } catch (const nlohmann::json::exception&) {
        throw bad(kSeenKey, "is not a JSON array of integers");
    }
    for (int i : info.seenIndices) {
        if (i < 0 || (!info.classNames.empty() && i >= static_cast<int>(info.classNames.size())))
            throw bad(kSeenKey, "holds index " + std::to_string(i) + ", outside the class list");
    }
    const auto inductive = metadata.find(kInductiveKey);
    if (inductive == metadata.end() || (inductive->second != "true" && inductive->second != "false"))
        throw bad(kInductiveKey, "must be \"true\" or \"false\"");
    info.inductive = inductive->second == "true";
    const auto templates = metadata.find(kTemplateSetKey);
    if (templates == metadata.end() || (templates->second != "single" && templates->second != "multi"))
        throw bad(kTemplateSetKey, "must be \"single\" or \"multi\"");
    info.templateSet = templates->second == "multi" ? TemplateSet::Multi : TemplateSet::Single;
    try {
        const auto nga = json(kNgaKey).get<std::vector<std::vector<float>>>();
        if (nga.size() != 2 || nga[0].size() != 3 || nga[1].size() != 3)
            throw bad(kNgaKey, "must be [[w5, w6, w7], [w8, w9, w10]]");
        std::copy(nga[0].begin(), nga[0].end(), info.ngaStage1.begin());
        std::copy(nga[1].begin(), nga[1].end(), info.ngaStage2.begin());
    } catch (const nlohmann::json::exception&) {
        throw bad(kNgaKey, "must be [[w5, w6, w7], [w8, w9, w10]]");
    }
    if (metadata.count(kSourcesKey)) {
        try {
            for (const auto& s : json(kSourcesKey))
                info.sources.push_back({s.at("role"), s.at("file"), s.at("sha256")});
        } catch (const nlohmann::json::exception&) {
            throw bad(kSourcesKey, "is not a list of {role, file, sha256}");
        }
    }
    if (const auto vocab = metadata.find(kVocabKey); vocab != metadata.end())
        info.vocabulary = vocab->second;
    return info;
}

void fillModelInfo(const BundleInfo& info, ModelInfo& out)
{
    out.classNames = info.classNames;
    out.seenIndices = info.seenIndices;
    out.inductive = info.inductive;
    out.templateSet = info.templateSet;
    out.ngaStage1 = info.ngaStage1;
    out.ngaStage2 = info.ngaStage2;
    for (const auto& s : info.sources) {
        if (s.role == "checkpoint")
            out.weightsId = s.sha256.substr(0, 12);
    }
}

void writeBundle(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
    const ModelOptions& options, const BundleInfo& info)
{
    std::map<std::string, torch::Tensor> fp32;
    for (const auto& [name, t] : tensors)
        fp32.emplace(name, t.scalar_type() == torch::kFloat32 ? t : t.to(torch::kFloat32));
    writeSafetensors(path, fp32, bundleMetadata(options, info));
}

} // namespace cascadeclip::weights
