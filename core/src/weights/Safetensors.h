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

    /// Tells the kernel that the mapped bytes behind `tensor` (one of `tensors`) will not be read again, so that
    /// a loader that has copied them out does not hold the model twice in memory. A no-op for tensors that do not
    /// view the mapping. The tensor must not be read afterwards (it would be read from the file again).
    void releasePages(const torch::Tensor& tensor) const;

    const unsigned char* mappedBegin = nullptr; // the file's mapping, when readSafetensors() made one
    size_t mappedSize = 0;
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
