// SPDX-License-Identifier: MIT
#pragma once
// Builds a CascadeClip module for a weights file and loads it strictly.

#include "model/CascadeClip.h"
#include "weights/Architecture.h"

#include <cascadeclip/ModelOptions.h>

#include <nlohmann/json_fwd.hpp>
#include <torch/torch.h>

#include <map>
#include <string>

namespace cascadeclip::weights {

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
