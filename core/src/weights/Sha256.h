// SPDX-License-Identifier: MIT
#pragma once
// SHA-256 (FIPS 180-4), for the provenance of imported files. Self-contained: OpenSSL is not linked.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cascadeclip::weights {

class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    /// The digest as 64 lowercase hex digits; the object must not be updated afterwards.
    std::string hexDigest();

    /// Whether the CPU's SHA extensions are used (about 10x faster than the portable code).
    static bool hardwareAccelerated();
    /// Tests only: use the portable code even where the SHA extensions exist (process-wide, not thread-safe).
    static void setPortableOnly(bool portable);

private:
    void blocks(const uint8_t* p, size_t count);
    void portableBlock(const uint8_t* p);
    std::array<uint32_t, 8> m_h;
    std::array<uint8_t, 64> m_buffer {};
    size_t m_buffered = 0;
    uint64_t m_length = 0;
};

/// SHA-256 of a whole file, as hex. Throws Error(WeightsNotFound) naming the file when it cannot be read.
std::string sha256File(const std::string& path);

} // namespace cascadeclip::weights
