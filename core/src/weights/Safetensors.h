// SPDX-License-Identifier: MIT
#pragma once
// The safetensors format (https://github.com/huggingface/safetensors): 8-byte little-endian header length,
// a JSON header {name: {dtype, shape, data_offsets}, "__metadata__": {str: str}}, then the raw data.
// Reading maps the file; tensors view the mapping (copied only when misaligned).

#include <torch/torch.h>

#include <map>
#include <string>

namespace cascadeclip::weights {

struct SafetensorsFile {
    std::map<std::string, torch::Tensor> tensors; // CPU tensors in their stored dtype
    std::map<std::string, std::string> metadata; // "__metadata__"
};

/// Reads a safetensors file. Throws Error(WeightsNotFound) when it cannot be opened and
/// Error(WeightsMalformed) naming the file and the reason for anything out of format.
SafetensorsFile readSafetensors(const std::string& path);

/// Parses safetensors bytes already in memory (the same checks; tensors are copied out).
SafetensorsFile parseSafetensors(const void* data, size_t size, const std::string& sourceName);

/// The safetensors bytes of `tensors` (CPU, made contiguous; keys sorted) with `metadata`.
std::string safetensorsBytes(
    const std::map<std::string, torch::Tensor>& tensors, const std::map<std::string, std::string>& metadata = {});

/// Writes the same bytes to `path` atomically (a temporary file in the same folder, fsync, rename). Throws
/// Error(Io) naming the file and the system's reason.
void writeSafetensors(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
    const std::map<std::string, std::string>& metadata = {});

} // namespace cascadeclip::weights
