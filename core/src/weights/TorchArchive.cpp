// SPDX-License-Identifier: MIT
#include "weights/TorchArchive.h"

#include "weights/MappedFile.h"
#include "weights/Zip.h"

#include <cascadeclip/Error.h>

#include <cstring>

namespace cascadeclip::weights {

namespace {

// data.pkl of a real checkpoint is a few hundred KB; anything past this is not a PyTorch file.
constexpr uint64_t kMaxPickleBytes = 1ull << 30;
// How deep a module tree may nest before it is treated as malformed (CLIP's is 6 levels).
constexpr int kMaxModuleDepth = 64;

[[noreturn]] void malformed(const std::string& path, const std::string& why)
{
    throw Error(ErrorCode::WeightsMalformed, path + ": " + why);
}

struct StorageType {
    const char* name;
    torch::ScalarType type;
};

// The storage classes torch.save and TorchScript name in persistent ids.
constexpr StorageType kStorageTypes[] = {
    {"torch.FloatStorage", torch::kFloat32},
    {"torch.HalfStorage", torch::kFloat16},
    {"torch.DoubleStorage", torch::kFloat64},
    {"torch.BFloat16Storage", torch::kBFloat16},
    {"torch.LongStorage", torch::kInt64},
    {"torch.IntStorage", torch::kInt32},
    {"torch.ShortStorage", torch::kInt16},
    {"torch.CharStorage", torch::kInt8},
    {"torch.ByteStorage", torch::kUInt8},
    {"torch.BoolStorage", torch::kBool},
    {"torch.UntypedStorage", torch::kUInt8},
};

std::string legacyMessage(const std::string& path)
{
    return path
        + ": this is the legacy (pre-1.6, non-zip) torch.save format, which is not supported; re-save it with "
          "torch>=1.6: python -c \"import torch; torch.save(torch.load('OLD', map_location='cpu'), 'NEW')\"";
}

} // namespace

TorchFile readTorchFile(const std::string& path)
{
    auto file = MappedFile::open(path);
    const std::string_view bytes = file->bytes();
    if (bytes.empty())
        malformed(path, "the file is empty");
    if (!ZipArchive::looksLikeZip(bytes)) {
        const bool tar = bytes.size() > 262 && bytes.substr(257, 5) == "ustar";
        if (tar || static_cast<uint8_t>(bytes[0]) == 0x80)
            throw Error(ErrorCode::WeightsMalformed, legacyMessage(path));
        malformed(path, "not a PyTorch file (neither a zip archive nor a pickle)");
    }
    const ZipArchive zip(file);
    // The archive's top folder is named after the file it was first saved as: find "<folder>/data.pkl".
    const ZipArchive::Entry* pkl = nullptr;
    for (const auto& e : zip.entries()) {
        const auto slash = e.name.find('/');
        if (slash != std::string::npos && e.name.compare(slash, std::string::npos, "/data.pkl") == 0) {
            pkl = &e;
            break;
        }
    }
    if (pkl == nullptr)
        malformed(path, "a zip archive without <folder>/data.pkl, so not a PyTorch file");
    const std::string prefix = pkl->name.substr(0, pkl->name.size() - std::strlen("data.pkl"));
    if (const auto* order = zip.find(prefix + "byteorder")) {
        if (zip.read(*order, 64) != "little")
            malformed(path, "big-endian tensor data is not supported");
    }
    TorchFile out;
    out.torchScript = zip.find(prefix + "constants.pkl") != nullptr;

    std::map<std::string, pickle::ValuePtr> storages;
    const pickle::PersistentLoader loader = [&](const pickle::Value& pid) -> pickle::ValuePtr {
        const auto& it = pid.items;
        if (pid.kind != pickle::Value::Kind::Tuple || it.size() < 5 || !it[0]->isString() || it[0]->text != "storage"
            || it[1]->kind != pickle::Value::Kind::Global || !it[2]->isString()
            || it[4]->kind != pickle::Value::Kind::Int)
            malformed(path, "a persistent id is not ('storage', type, key, location, numel)");
        const std::string& key = it[2]->text;
        if (const auto found = storages.find(key); found != storages.end())
            return found->second;
        const StorageType* type = nullptr;
        for (const auto& st : kStorageTypes) {
            if (it[1]->text == st.name)
                type = &st;
        }
        if (type == nullptr)
            malformed(path, "storage '" + key + "' has unsupported type " + it[1]->text);
        const int64_t numel = it[4]->integer;
        const auto* entry = zip.find(prefix + "data/" + key);
        if (entry == nullptr)
            malformed(path, "the archive lacks the data of storage '" + key + "' (" + prefix + "data/" + key + ")");
        const auto elementSize = static_cast<uint64_t>(c10::elementSize(type->type));
        if (numel < 0 || static_cast<uint64_t>(numel) > entry->size / elementSize)
            malformed(path,
                "storage '" + key + "' declares " + std::to_string(numel) + " elements but its entry has "
                    + std::to_string(entry->size) + " bytes");
        auto v = std::make_shared<pickle::Value>();
        v->kind = pickle::Value::Kind::Storage;
        const auto opts = torch::TensorOptions().dtype(type->type);
        const std::string_view data = zip.view(*entry);
        if (numel == 0) {
            v->tensor = torch::empty({0}, opts);
        } else if (reinterpret_cast<uintptr_t>(data.data()) % elementSize == 0) {
            // Zero copy: the tensor keeps the mapping alive.
            auto keep = zip.file();
            v->tensor = torch::from_blob(
                const_cast<char*>(data.data()), {numel}, [keep](void*) {}, opts);
        } else {
            v->tensor = torch::empty({numel}, opts);
            std::memcpy(v->tensor.data_ptr(), data.data(), static_cast<size_t>(numel) * elementSize);
        }
        storages.emplace(key, v);
        return v;
    };
    const std::string pickleBytes = zip.read(*pkl, kMaxPickleBytes);
    out.root = pickle::unpickle(pickleBytes, path + " (" + pkl->name + ")", loader);
    return out;
}

namespace {

void walkModule(const pickle::Value& object, const std::string& prefix, std::map<std::string, torch::Tensor>& out,
    int depth, const std::string& source)
{
    if (depth > kMaxModuleDepth)
        malformed(source,
            "the module tree nests deeper than " + std::to_string(kMaxModuleDepth) + " levels (cyclic?) at '" + prefix
                + "'");
    if (!object.state || !object.state->isDict())
        return;
    for (const auto& [key, value] : object.state->dict) {
        if (!key->isString())
            continue;
        if (value->kind == pickle::Value::Kind::Tensor)
            out.emplace(prefix + key->text, value->tensor);
        else if (value->kind == pickle::Value::Kind::Object)
            walkModule(*value, prefix + key->text + ".", out, depth + 1, source);
    }
}

} // namespace

std::map<std::string, torch::Tensor> moduleTensors(const pickle::Value& root, const std::string& source)
{
    if (root.kind != pickle::Value::Kind::Object)
        malformed(source, "the TorchScript archive holds " + root.describe() + ", not a module");
    std::map<std::string, torch::Tensor> out;
    walkModule(root, "", out, 0, source);
    return out;
}

std::map<std::string, torch::Tensor> tensorDict(
    const pickle::Value& dict, const std::string& source, const std::string& what)
{
    if (!dict.isDict())
        malformed(source, what + " is " + dict.describe() + ", not a dict of tensors");
    std::map<std::string, torch::Tensor> out;
    for (const auto& [key, value] : dict.dict) {
        if (!key->isString())
            malformed(source, what + " has a " + key->describe() + " key; expected tensor names");
        if (value->kind != pickle::Value::Kind::Tensor)
            malformed(source, what + "['" + key->text + "'] is " + value->describe() + ", not a tensor");
        out.emplace(key->text, value->tensor);
    }
    return out;
}

} // namespace cascadeclip::weights
