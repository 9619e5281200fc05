// SPDX-License-Identifier: MIT
#pragma once
// PyTorch's files without PyTorch: the zip format of torch.save (>= 1.6) and of TorchScript's save, read with
// our own zip reader and tolerant unpickler (torch::pickle_load cannot read OrderedDicts, numpy scalars or mmcv
// checkpoints). Tensors view the archive's stored storages; the legacy (tar/pickle) format is reported clearly.

#include "weights/Pickle.h"

#include <map>
#include <string>

namespace cascadeclip::weights {

struct TorchFile {
    pickle::ValuePtr root; // what data.pkl holds
    bool torchScript = false; // a TorchScript archive (has constants.pkl / code/)
};

/**
 * Reads a PyTorch zip archive. Throws Error(WeightsNotFound) when the file cannot be opened and
 * Error(WeightsMalformed) naming the file and the reason otherwise (legacy format, truncation, bad pickle,
 * a storage missing or too small, big-endian data).
 */
TorchFile readTorchFile(const std::string& path);

/// The tensors of a TorchScript module tree: every tensor attribute, named by its attribute path
/// ("visual.conv1.weight"). `source` names the file in errors (a cyclic or absurdly deep tree).
std::map<std::string, torch::Tensor> moduleTensors(const pickle::Value& root, const std::string& source);

/// A dict of name -> tensor (a state_dict). Throws Error(WeightsMalformed) naming `source` and `what` when it
/// is not a dict or a value is not a tensor.
std::map<std::string, torch::Tensor> tensorDict(
    const pickle::Value& dict, const std::string& source, const std::string& what);

} // namespace cascadeclip::weights
