// SPDX-License-Identifier: MIT
#include "weights/ModelLoader.h"

#include "weights/Safetensors.h"
#include "weights/StateDict.h"

#include <cascadeclip/Error.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cmath>

namespace cascadeclip::weights {

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
