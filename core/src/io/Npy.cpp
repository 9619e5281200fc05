// SPDX-License-Identifier: MIT
#include "io/Npy.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>

namespace cascadeclip::io {

namespace {

const std::map<std::string, torch::ScalarType>& descrTypes()
{
    static const std::map<std::string, torch::ScalarType> kTypes {
        {"<f2", torch::kFloat16},
        {"<f4", torch::kFloat32},
        {"<f8", torch::kFloat64},
        {"|i1", torch::kInt8},
        {"<i2", torch::kInt16},
        {"<i4", torch::kInt32},
        {"<i8", torch::kInt64},
        {"|u1", torch::kUInt8},
        {"|b1", torch::kBool},
    };
    return kTypes;
}

[[noreturn]] void bad(const std::string& path, const std::string& why)
{
    throw Error(ErrorCode::InvalidInput, path + ": not a readable .npy file: " + why);
}

} // namespace

torch::Tensor readNpy(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::InvalidInput, path + ": cannot open: " + std::strerror(errno));
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
        bad(path, "missing the \\x93NUMPY magic");
    const auto major = static_cast<unsigned char>(bytes[6]);
    size_t headerLen = 0, offset = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            bad(path, "truncated header");
        for (int i = 3; i >= 0; --i)
            headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[8 + i]);
        offset = 12;
    } else {
        bad(path, "unsupported format version " + std::to_string(major));
    }
    if (offset + headerLen > bytes.size())
        bad(path, "truncated header");
    const std::string header = bytes.substr(offset, headerLen);
    std::smatch m;
    if (!std::regex_search(header, m, std::regex(R"('descr'\s*:\s*'([^']*)')")))
        bad(path, "no 'descr' in the header");
    const std::string descr = m[1];
    const auto type = descrTypes().find(descr);
    if (type == descrTypes().end())
        bad(path, "unsupported dtype '" + descr + "'");
    if (std::regex_search(header, std::regex(R"('fortran_order'\s*:\s*True)")))
        bad(path, "Fortran order is not supported");
    if (!std::regex_search(header, m, std::regex(R"('shape'\s*:\s*\(([^)]*)\))")))
        bad(path, "no 'shape' in the header");
    std::vector<int64_t> shape;
    std::stringstream dims(m[1].str());
    std::string dim;
    int64_t numel = 1;
    while (std::getline(dims, dim, ',')) {
        if (dim.find_first_not_of(" \t") == std::string::npos)
            continue;
        try {
            const int64_t v = std::stoll(dim);
            if (v < 0)
                bad(path, "negative dimension");
            shape.push_back(v);
            numel *= v;
        } catch (const std::logic_error&) {
            bad(path, "bad dimension '" + dim + "'");
        }
    }
    auto t = torch::empty(shape, torch::TensorOptions().dtype(type->second));
    const size_t dataBytes = static_cast<size_t>(numel) * t.element_size();
    const size_t dataOffset = offset + headerLen;
    if (bytes.size() - dataOffset < dataBytes)
        bad(path,
            "data truncated: " + std::to_string(bytes.size() - dataOffset) + " of " + std::to_string(dataBytes)
                + " bytes");
    if (dataBytes > 0)
        std::memcpy(t.data_ptr(), bytes.data() + dataOffset, dataBytes);
    return t;
}

std::string npyBytes(const torch::Tensor& tensor)
{
    const auto t = tensor.detach().to(torch::kCPU).contiguous();
    std::string descr;
    for (const auto& [d, type] : descrTypes())
        if (type == t.scalar_type())
            descr = d;
    if (descr.empty())
        throw Error(ErrorCode::Internal, "npy: unsupported dtype " + std::string(c10::toString(t.scalar_type())));
    std::ostringstream h;
    h << "{'descr': '" << descr << "', 'fortran_order': False, 'shape': (";
    for (int64_t i = 0; i < t.dim(); ++i)
        h << t.size(i) << (t.dim() == 1 || i + 1 < t.dim() ? ", " : "");
    h << "), }";
    std::string header = h.str();
    // Pad with spaces so that the data starts on a 64-byte boundary; the header ends with a newline.
    const size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header.push_back('\n');
    std::string out = "\x93NUMPY";
    out.push_back('\x01');
    out.push_back('\x00');
    out.push_back(static_cast<char>(header.size() & 0xff));
    out.push_back(static_cast<char>(header.size() >> 8));
    out += header;
    out.append(static_cast<const char*>(t.data_ptr()), t.numel() * t.element_size());
    return out;
}

void writeNpy(const std::string& path, const torch::Tensor& tensor)
{
    // Atomic like every other write: a crash or a full disk never leaves a half-written array behind.
    writeFileAtomically(path, npyBytes(tensor));
}

} // namespace cascadeclip::io
