// SPDX-License-Identifier: MIT
#pragma once
// Scratch folders and small file helpers for the core tests.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <zlib.h>

namespace cascadeclip::test {

/// A fresh folder per test under the build's test-artifacts folder (or the system temp folder), removed on
/// success so failures leave their files behind for inspection.
class TempDir {
public:
    TempDir()
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        const char* root = std::getenv("CASCADECLIP_ARTIFACTS");
        m_path = std::filesystem::path(root ? root : std::filesystem::temp_directory_path().string())
            / (std::string(info->test_suite_name()) + "." + info->name());
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir()
    {
        if (!::testing::Test::HasFailure())
            std::filesystem::remove_all(m_path);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline void writeText(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

inline std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// What Pillow (an independent decoder) sees in the PNG at @p path, via tests/core/read_png_with_pil.py:
/// {"mode", "size", "pixels", "palette"}. Null when python3 or Pillow is unavailable (the caller skips).
inline nlohmann::json readWithPillow(const std::string& path)
{
    const std::string command = std::string("'") + CASCADECLIP_PYTHON + "' '" + CASCADECLIP_SOURCE_DIR
        + "/tests/core/read_png_with_pil.py' '" + path + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return nullptr;
    std::string out;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        out.append(buffer, n);
    const int status = ::pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 77 || WEXITSTATUS(status) == 127)
        return nullptr;
    EXPECT_EQ(WEXITSTATUS(status), 0) << out;
    return nlohmann::json::parse(out);
}

/// Recomputes the CRC of every complete chunk of the PNG in @p bytes (after a test damaged its content).
inline void repairPngCrcs(std::string& bytes)
{
    std::size_t p = 8;
    while (p + 12 <= bytes.size()) {
        const auto byteAt
            = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
        const std::uint32_t length = byteAt(p) << 24 | byteAt(p + 1) << 16 | byteAt(p + 2) << 8 | byteAt(p + 3);
        if (length > bytes.size() - p - 12)
            return;
        const std::uint32_t crc = static_cast<std::uint32_t>(
            ::crc32(0, reinterpret_cast<const Bytef*>(bytes.data() + p + 4), static_cast<uInt>(length + 4)));
        for (int k = 0; k < 4; ++k)
            bytes[p + 8 + length + k] = static_cast<char>(crc >> (24 - 8 * k));
        p += 12 + length;
    }
}

} // namespace cascadeclip::test
