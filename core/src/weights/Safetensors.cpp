// SPDX-License-Identifier: MIT
#include "weights/Safetensors.h"

#include <cascadeclip/Error.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <memory>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cascadeclip::weights {

namespace {

// Headers larger than this are not plausible for a model and would only be an attack on memory.
constexpr uint64_t kMaxHeaderBytes = 100ull << 20;

struct Mapping {
    void* data = MAP_FAILED;
    size_t size = 0;
    ~Mapping()
    {
        if (data != MAP_FAILED)
            munmap(data, size);
    }
};

[[noreturn]] void malformed(const std::string& source, const std::string& why)
{
    throw Error(ErrorCode::WeightsMalformed, source + ": not a valid safetensors file: " + why);
}

struct DType {
    torch::ScalarType type;
    size_t bytes;
};

DType dtypeFor(const std::string& name, const std::string& source, const std::string& key)
{
    static const std::map<std::string, DType> kTypes {
        {"F64", {torch::kFloat64, 8}},
        {"F32", {torch::kFloat32, 4}},
        {"F16", {torch::kFloat16, 2}},
        {"BF16", {torch::kBFloat16, 2}},
        {"I64", {torch::kInt64, 8}},
        {"I32", {torch::kInt32, 4}},
        {"I16", {torch::kInt16, 2}},
        {"I8", {torch::kInt8, 1}},
        {"U8", {torch::kUInt8, 1}},
        {"BOOL", {torch::kBool, 1}},
    };
    const auto it = kTypes.find(name);
    if (it == kTypes.end())
        malformed(source, "tensor '" + key + "' has unsupported dtype '" + name + "'");
    return it->second;
}

/// Parses the header and builds tensors over `data` (owned by `keepAlive`, or copied when it is null).
SafetensorsFile parse(
    const uint8_t* bytes, size_t size, const std::string& source, const std::shared_ptr<Mapping>& keepAlive)
{
    if (size < 8)
        malformed(source, "the file is " + std::to_string(size) + " bytes, shorter than the 8-byte header length");
    uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i)
        headerLen = (headerLen << 8) | bytes[i];
    if (headerLen > kMaxHeaderBytes || headerLen > size - 8)
        malformed(
            source, "header length " + std::to_string(headerLen) + " exceeds the file size " + std::to_string(size));

    nlohmann::json header;
    try {
        header = nlohmann::json::parse(bytes + 8, bytes + 8 + headerLen);
    } catch (const nlohmann::json::exception& e) {
        malformed(source, std::string("header is not JSON (") + e.what() + ")");
    }
    if (!header.is_object())
        malformed(source, "header is not a JSON object");

    const uint8_t* dataStart = bytes + 8 + headerLen;
    const uint64_t dataSize = size - 8 - headerLen;
    SafetensorsFile out;
    for (const auto& [key, entry] : header.items()) {
        if (key == "__metadata__") {
            if (!entry.is_object())
                malformed(source, "__metadata__ is not an object");
            for (const auto& [mk, mv] : entry.items()) {
                if (!mv.is_string())
                    malformed(source, "metadata '" + mk + "' is not a string");
                out.metadata[mk] = mv.get<std::string>();
            }
            continue;
        }
        if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape")
            || !entry.contains("data_offsets") || !entry["dtype"].is_string() || !entry["shape"].is_array()
            || !entry["data_offsets"].is_array() || entry["data_offsets"].size() != 2)
            malformed(source, "tensor '" + key + "' lacks dtype, shape or data_offsets");
        const DType dt = dtypeFor(entry["dtype"].get<std::string>(), source, key);
        std::vector<int64_t> shape;
        uint64_t numel = 1;
        for (const auto& d : entry["shape"]) {
            if (!d.is_number_unsigned())
                malformed(source, "tensor '" + key + "' has a non-integer dimension");
            const uint64_t v = d.get<uint64_t>();
            if (v > 0 && numel > std::numeric_limits<uint64_t>::max() / v / 8)
                malformed(source, "tensor '" + key + "' is impossibly large");
            numel *= v;
            shape.push_back(static_cast<int64_t>(v));
        }
        const auto& offsets = entry["data_offsets"];
        if (!offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned())
            malformed(source, "tensor '" + key + "' has invalid data_offsets");
        const uint64_t begin = offsets[0].get<uint64_t>(), end = offsets[1].get<uint64_t>();
        if (begin > end || end > dataSize)
            malformed(source,
                "tensor '" + key + "' data [" + std::to_string(begin) + ", " + std::to_string(end)
                    + ") lies outside the " + std::to_string(dataSize) + " data bytes (truncated file?)");
        if (end - begin != numel * dt.bytes)
            malformed(source,
                "tensor '" + key + "' has " + std::to_string(end - begin) + " bytes for " + std::to_string(numel)
                    + " elements of " + std::to_string(dt.bytes) + " bytes");
        const uint8_t* ptr = dataStart + begin;
        const auto opts = torch::TensorOptions().dtype(dt.type);
        torch::Tensor t;
        const bool aligned = reinterpret_cast<uintptr_t>(ptr) % dt.bytes == 0;
        if (keepAlive && aligned && numel > 0) {
            t = torch::from_blob(
                const_cast<uint8_t*>(ptr), shape, [keepAlive](void*) {}, opts);
        } else {
            t = torch::empty(shape, opts);
            if (numel > 0)
                std::memcpy(t.data_ptr(), ptr, numel * dt.bytes);
        }
        out.tensors.emplace(key, std::move(t));
    }
    return out;
}

} // namespace

SafetensorsFile readSafetensors(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::WeightsNotFound, path + ": cannot open: " + std::strerror(errno));
    struct stat st { };
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(ErrorCode::WeightsNotFound, path + ": not a regular file");
    }
    auto mapping = std::make_shared<Mapping>();
    mapping->size = static_cast<size_t>(st.st_size);
    if (mapping->size > 0) {
        mapping->data = mmap(nullptr, mapping->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (mapping->data == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            throw Error(ErrorCode::WeightsNotFound, path + ": cannot map: " + std::strerror(err));
        }
    }
    ::close(fd);
    const auto* bytes = static_cast<const uint8_t*>(mapping->size > 0 ? mapping->data : nullptr);
    auto file = parse(bytes, mapping->size, path, mapping);
    file.mappedBegin = bytes;
    file.mappedSize = mapping->size;
    return file;
}

void SafetensorsFile::releasePages(const torch::Tensor& tensor) const
{
    if (!mappedBegin || !tensor.defined() || !tensor.is_cpu())
        return;
    const auto begin = reinterpret_cast<uintptr_t>(tensor.data_ptr());
    const auto end = begin + tensor.nbytes();
    const auto mapBegin = reinterpret_cast<uintptr_t>(mappedBegin);
    if (begin < mapBegin || end > mapBegin + mappedSize)
        return; // a copy, not a view of the file
    // Only whole pages inside the tensor: a page shared with a neighbour may still be needed.
    static const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    const uintptr_t first = (begin + page - 1) / page * page, last = end / page * page;
    if (last > first)
        madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

namespace {

/// The header (length prefix + padded JSON) and the contiguous CPU tensors in file order.
std::pair<std::string, std::vector<torch::Tensor>> layout(
    const std::map<std::string, torch::Tensor>& tensors, const std::map<std::string, std::string>& metadata)
{
    static const std::map<torch::ScalarType, std::string> kCodes {
        {torch::kFloat64, "F64"},
        {torch::kFloat32, "F32"},
        {torch::kFloat16, "F16"},
        {torch::kBFloat16, "BF16"},
        {torch::kInt64, "I64"},
        {torch::kInt32, "I32"},
        {torch::kInt16, "I16"},
        {torch::kInt8, "I8"},
        {torch::kUInt8, "U8"},
        {torch::kBool, "BOOL"},
    };
    nlohmann::json header = nlohmann::json::object();
    std::vector<torch::Tensor> ordered;
    uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        auto t = tensor.detach().to(torch::kCPU).contiguous();
        const auto code = kCodes.find(t.scalar_type());
        if (code == kCodes.end())
            throw Error(ErrorCode::Internal, "safetensors: unsupported dtype for '" + name + "'");
        const uint64_t bytes = static_cast<uint64_t>(t.numel()) * t.element_size();
        header[name]
            = {{"dtype", code->second}, {"shape", t.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        ordered.push_back(std::move(t));
    }
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::string json = header.dump();
    json.append((8 - json.size() % 8) % 8, ' '); // keep the data 8-byte aligned
    std::string prefix;
    for (int i = 0; i < 8; ++i)
        prefix.push_back(static_cast<char>((static_cast<uint64_t>(json.size()) >> (8 * i)) & 0xff));
    return {prefix + json, std::move(ordered)};
}

} // namespace

std::string safetensorsBytes(
    const std::map<std::string, torch::Tensor>& tensors, const std::map<std::string, std::string>& metadata)
{
    auto [out, ordered] = layout(tensors, metadata);
    for (const auto& t : ordered)
        out.append(static_cast<const char*>(t.data_ptr()), t.numel() * t.element_size());
    return out;
}

void writeSafetensors(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
    const std::map<std::string, std::string>& metadata)
{
    const auto [header, ordered] = layout(tensors, metadata);
    // Write next to the target, flush to disk, then rename: a crash leaves the old file or the new one.
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(ErrorCode::Io, temp + ": cannot create: " + std::strerror(errno));
    auto fail = [&](const std::string& what) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        throw Error(ErrorCode::Io, path + ": " + what + ": " + std::strerror(err));
    };
    auto writeAll = [&](const char* p, size_t n) {
        while (n > 0) {
            const ssize_t w = ::write(fd, p, std::min<size_t>(n, size_t {1} << 30));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                fail("cannot write");
            p += w;
            n -= static_cast<size_t>(w);
        }
    };
    writeAll(header.data(), header.size());
    for (const auto& t : ordered)
        writeAll(static_cast<const char*>(t.data_ptr()), static_cast<size_t>(t.numel()) * t.element_size());
    if (::fsync(fd) != 0)
        fail("cannot flush to disk");
    if (::close(fd) != 0) {
        ::unlink(temp.c_str());
        throw Error(ErrorCode::Io, path + ": cannot close: " + std::strerror(errno));
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        throw Error(ErrorCode::Io, path + ": cannot replace: " + std::strerror(err));
    }
    // Make the rename itself durable (best effort: some file systems refuse to sync a directory).
    std::string dir = path.substr(0, path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/'));
    if (dir.empty())
        dir = path.find('/') == 0 ? "/" : ".";
    if (const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

SafetensorsFile parseSafetensors(const void* data, size_t size, const std::string& sourceName)
{
    return parse(static_cast<const uint8_t*>(data), size, sourceName, nullptr);
}

} // namespace cascadeclip::weights
