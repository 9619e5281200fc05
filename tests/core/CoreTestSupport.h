// SPDX-License-Identifier: MIT
#pragma once
// Helpers shared by the core tests: a self-removing temporary folder and an error-message expectation.

#include <cascadeclip/Error.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace cascadeclip::test {

/// A fresh folder under the system temp dir, removed with everything in it when the object goes.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "cascadeclip-test")
        : m_path(std::filesystem::temp_directory_path()
            / (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<uintptr_t>(this))))
    {
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

/// Expects `fn` to throw Error with `code` and every fragment in its message.
template <typename Fn> void expectError(Fn fn, ErrorCode code, const std::vector<std::string>& fragments)
{
    try {
        fn();
        ADD_FAILURE() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        for (const auto& f : fragments)
            EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << "'" << f << "' not in: " << e.what();
    }
}

} // namespace cascadeclip::test
