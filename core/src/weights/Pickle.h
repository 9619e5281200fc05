// SPDX-License-Identifier: MIT
#pragma once
// A tolerant reader of the pickles PyTorch writes (torch.save and TorchScript's data.pkl, protocols 2 to 4).
// It builds plain values (None, bools, ints, floats, strings, bytes, tuples, lists, dicts, tensors) and keeps
// every other class as an opaque Object (class name, constructor arguments, state), so that the contents of an
// mmcv checkpoint's `meta` or `optimizer` never stop it. It executes nothing: callables are only recognised by
// name. Every length is checked against the bytes left; nothing is allocated from a declared size alone.

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cascadeclip::weights::pickle {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

struct Value {
    enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Set, Tensor, Storage, Global, Object };
    Kind kind = Kind::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text; // String/Bytes contents; Global/Object: "module.Name"
    std::vector<ValuePtr> items; // Tuple/List/Set; Object: constructor arguments
    std::vector<std::pair<ValuePtr, ValuePtr>> dict; // Dict entries in insertion order
    ValuePtr state; // Object: what BUILD gave it (usually an attribute dict)
    torch::Tensor tensor; // Tensor; Storage: the flat storage

    bool isString() const { return kind == Kind::String; }
    bool isDict() const { return kind == Kind::Dict; }
    bool isSequence() const { return kind == Kind::Tuple || kind == Kind::List; }
    /// Dict lookup by string key; null when absent or not a dict.
    const Value* get(std::string_view key) const;
    /// Short description for error messages: "dict", "tuple", "object numpy.dtype", ...
    std::string describe() const;
};

/// Resolves a persistent id (PyTorch: ('storage', torch.FloatStorage, key, location, numel)) to a value.
using PersistentLoader = std::function<ValuePtr(const Value& pid)>;

/**
 * Reads one pickle from `bytes`. `source` names the file (and entry) in error messages.
 * Throws Error(WeightsMalformed) naming `source`, the opcode offset and the reason for anything out of format.
 */
ValuePtr unpickle(std::string_view bytes, const std::string& source, const PersistentLoader& persistentLoad = {});

} // namespace cascadeclip::weights::pickle
