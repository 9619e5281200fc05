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

} // namespace cascadeclip::test
