// SPDX-License-Identifier: MIT
#pragma once
// Helpers shared by the fuzz targets: the parsers under test read paths, so the input goes into a file first.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace cascadeclip::fuzz {

/// A private folder for this process, made once and removed at exit.
inline const std::string& scratchDir()
{
    static const std::string dir = [] {
        std::string pattern = "/tmp/cascadeclip-fuzz-XXXXXX";
        if (mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            std::abort();
        }
        return pattern;
    }();
    return dir;
}

/// Writes `size` bytes to `name` inside scratchDir() (replacing it) and returns the path.
inline std::string writeScratch(const std::string& name, const void* data, std::size_t size)
{
    const std::string path = scratchDir() + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || (size > 0 && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
        std::perror(path.c_str());
        std::abort();
    }
    return path;
}

} // namespace cascadeclip::fuzz
