// SPDX-License-Identifier: MIT
#pragma once
// Strict loading of named tensors into a module: every parameter and buffer must be present with its exact
// shape, and every tensor in the file must be used (except keys known to be irrelevant).

#include <torch/torch.h>

#include <functional>
#include <map>
#include <set>
#include <string>

namespace cascadeclip::weights {

/// Keys that official checkpoints carry but inference never uses: the loss's class weights, whose length
/// depends on the training config (spec section 11.18).
bool isIgnoredCheckpointKey(const std::string& key);

/// Copies `tensors` into the parameters and buffers of `module` (converting dtype, e.g. float16 -> float32
/// exactly). Throws Error(WeightsMalformed) naming `source`, the key and both shapes on the first problems
/// found (all missing/unexpected/mis-shaped keys are listed, up to a limit). `copied`, when given, is called
/// with each source tensor right after it has been copied (a loader frees the file's pages with it).
void loadStrict(torch::nn::Module& module, const std::map<std::string, torch::Tensor>& tensors,
    const std::string& source, const std::function<void(const torch::Tensor&)>& copied = {});

/// name -> shape of every parameter and buffer, in registration order.
std::vector<std::pair<std::string, std::vector<int64_t>>> keyManifest(const torch::nn::Module& module);

} // namespace cascadeclip::weights
