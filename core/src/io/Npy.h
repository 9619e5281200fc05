// SPDX-License-Identifier: MIT
#pragma once
// NumPy .npy files (format version 1.0-3.0, little-endian, C order): float16/32/64, int8-64, uint8, bool.

#include <torch/torch.h>

#include <string>

namespace cascadeclip::io {

/// Reads a .npy file into a CPU tensor of its stored dtype. Throws Error(InvalidInput) naming the file and the
/// reason (not .npy, Fortran order, big-endian, unsupported dtype, truncated).
torch::Tensor readNpy(const std::string& path);

/// The .npy bytes of a tensor (made contiguous, on the CPU).
std::string npyBytes(const torch::Tensor& tensor);

/// Writes a tensor as .npy. Throws Error(Io) naming the file.
void writeNpy(const std::string& path, const torch::Tensor& tensor);

} // namespace cascadeclip::io
