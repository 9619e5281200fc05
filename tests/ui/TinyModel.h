// SPDX-License-Identifier: MIT
#pragma once
// A tiny random Cascade-CLIP bundle for GUI tests on the real model (kept apart from Qt code: LibTorch headers).

#include <string>

namespace cascadeclip::test {

/// Writes `tiny.safetensors` (random weights, seed fixed; classes cat, dog, sofa) and the CLIP vocabulary beside it
/// into `dir`. Returns the weights path, or an empty string when the vocabulary `vocabPath` does not exist.
std::string writeTinyModel(const std::string& dir, const std::string& vocabPath);

} // namespace cascadeclip::test
