// SPDX-License-Identifier: MIT
#pragma once
// The architecture of a weights file: ModelOptions as the JSON a bundle's metadata stores, or as the tensors'
// shapes imply. Apart from ModelLoader so that bundle parsing needs no model code.

#include <cascadeclip/ModelOptions.h>

#include <nlohmann/json_fwd.hpp>
#include <torch/torch.h>

#include <map>
#include <string>

namespace cascadeclip::weights {

/// Metadata key holding the architecture as JSON (written by the bundle importer and the test generator).
inline constexpr const char* kOptionsMetadataKey = "cascadeclip.options";

nlohmann::json optionsToJson(const ModelOptions& options);
/// Throws nlohmann::json::exception for a missing key and std::invalid_argument for a value that is not an int.
ModelOptions optionsFromJson(const nlohmann::json& json);

/// The architecture of a set of official-layout tensors: from the metadata when present, otherwise derived
/// from the shapes with CLIP's conventions (64-dim heads; T from the prompts; grid from the positional
/// embedding). Throws Error(WeightsMalformed) naming `source` when a defining tensor is missing or odd, or a size
/// is implausible (zero, inconsistent, or larger than any model: building it would exhaust memory).
ModelOptions inferOptions(const std::map<std::string, torch::Tensor>& tensors,
    const std::map<std::string, std::string>& metadata, const std::string& source);

} // namespace cascadeclip::weights
