// SPDX-License-Identifier: MIT
#pragma once
// Builds a CascadeClip module for a weights file and loads it strictly.

#include "model/CascadeClip.h"

#include <cascadeclip/ModelOptions.h>

#include <nlohmann/json_fwd.hpp>
#include <torch/torch.h>

#include <map>
#include <string>

namespace cascadeclip::weights {

/// Metadata key holding the architecture as JSON (written by the bundle importer and the test generator).
inline constexpr const char* kOptionsMetadataKey = "cascadeclip.options";

nlohmann::json optionsToJson(const ModelOptions& options);
ModelOptions optionsFromJson(const nlohmann::json& json);

/// The architecture of a set of official-layout tensors: from the metadata when present, otherwise derived
/// from the shapes with CLIP's conventions (64-dim heads; T from the prompts; grid from the positional
/// embedding). Throws Error(WeightsMalformed) naming `source` when a defining tensor is missing or odd.
ModelOptions inferOptions(const std::map<std::string, torch::Tensor>& tensors,
    const std::map<std::string, std::string>& metadata, const std::string& source);

struct LoadedModel {
    model::CascadeClip model {nullptr};
    ModelOptions options;
    std::map<std::string, std::string> metadata;
};

/// "auto" (CUDA when available), "cpu", "cuda" or "cuda:N". Throws Error(DeviceUnavailable) when CUDA is asked
/// for and absent, Error(InvalidInput) for another name.
torch::Device resolveDevice(const std::string& name);

/// Reads a .safetensors file with official key names and loads it strictly onto `device`, in eval mode.
LoadedModel loadModel(const std::string& path, const torch::Device& device);

} // namespace cascadeclip::weights
