// SPDX-License-Identifier: MIT
#pragma once
// Scratch folders and small file helpers for the core tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

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

} // namespace cascadeclip::test
