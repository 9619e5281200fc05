// SPDX-License-Identifier: MIT
#pragma once
// A read-only memory mapping of a whole file, shared by everything that views its bytes.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace cascadeclip::weights {

class MappedFile {
public:
    /// Maps `path` read-only. Throws Error(WeightsNotFound) naming the file when it cannot be opened or mapped
    /// or is not a regular file. An empty file maps to zero bytes.
    static std::shared_ptr<const MappedFile> open(const std::string& path);

    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    const uint8_t* data() const { return m_data; }
    size_t size() const { return m_size; }
    std::string_view bytes() const { return {reinterpret_cast<const char*>(m_data), m_size}; }
    const std::string& path() const { return m_path; }

private:
    MappedFile() = default;
    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
    std::string m_path;
};

} // namespace cascadeclip::weights
