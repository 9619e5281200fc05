// SPDX-License-Identifier: MIT
#include "TinyModel.h"

#include "model/CascadeClip.h"
#include "text/TextEmbedder.h"
#include "weights/ModelLoader.h"
#include "weights/Safetensors.h"

#include <cascadeclip/ModelOptions.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace cascadeclip::test {

std::string writeTinyModel(const std::string& dir, const std::string& vocabPath)
{
    namespace fs = std::filesystem;
    if (!fs::exists(vocabPath))
        return {};
    fs::create_directories(dir);
    torch::manual_seed(11);
    model::CascadeClip m(ModelOptions::tiny());
    std::map<std::string, torch::Tensor> state;
    for (const auto& p : m->named_parameters())
        state[p.key()] = p.value().detach();
    const std::map<std::string, std::string> meta {
        {weights::kOptionsMetadataKey, weights::optionsToJson(ModelOptions::tiny()).dump()},
        {"cascadeclip.classes", R"(["cat","dog","sofa"])"},
        {"cascadeclip.seen", "[0,1]"},
    };
    const fs::path weights = fs::path(dir) / "tiny.safetensors";
    std::ofstream(weights, std::ios::binary) << weights::safetensorsBytes(state, meta);
    fs::copy_file(vocabPath, fs::path(dir) / text::kVocabFileName, fs::copy_options::overwrite_existing);
    return weights.string();
}

} // namespace cascadeclip::test
