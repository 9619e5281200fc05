// SPDX-License-Identifier: MIT
#include "TestFiles.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace cascadeclip;
using cascadeclip::test::TempDir;

namespace {

std::size_t entriesIn(const std::filesystem::path& folder)
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(folder))
        ++n;
    return n;
}

mode_t modeOf(const std::string& path)
{
    struct stat st { };
    EXPECT_EQ(::stat(path.c_str(), &st), 0);
    return st.st_mode & 07777;
}

} // namespace

TEST(AtomicFile, WritesNewFileWithDefaultMode)
{
    TempDir dir;
    const std::string path = dir.file("out.json");
    writeFileAtomically(path, std::string("{\"a\": 1}\n\0tail", 15));
    EXPECT_EQ(readFileBytes(path), std::string("{\"a\": 1}\n\0tail", 15));
    EXPECT_EQ(modeOf(path), 0644u);
    EXPECT_EQ(entriesIn(dir.path()), 1u); // no temporary file left behind
}

TEST(AtomicFile, ReplacesAndKeepsMode)
{
    TempDir dir;
    const std::string path = dir.file("out.txt");
    writeFileAtomically(path, "old content that is longer");
    ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
    writeFileAtomically(path, "new");
    EXPECT_EQ(readFileBytes(path), "new");
    EXPECT_EQ(modeOf(path), 0600u);
    writeFileAtomically(path, "");
    EXPECT_EQ(readFileBytes(path), "");
}

TEST(AtomicFile, FailureNamesPathAndLeavesOldContent)
{
    TempDir dir;
    // The target is a non-empty folder: rename fails after the temporary file was written and flushed.
    const std::string target = dir.file("taken");
    std::filesystem::create_directories(target + "/inner");
    try {
        writeFileAtomically(target, "data");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Io);
        const std::string what = e.what();
        EXPECT_EQ(what.rfind(target + ": cannot replace the file: ", 0), 0u) << what;
        EXPECT_NE(what.find("Is a directory"), std::string::npos) << what;
    }
    EXPECT_TRUE(std::filesystem::is_directory(target + "/inner"));
    EXPECT_EQ(entriesIn(dir.path()), 1u); // the temporary file was removed

    const std::string missing = dir.file("no/such/folder/out.json");
    try {
        writeFileAtomically(missing, "data");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Io);
        EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("No such file or directory"), std::string::npos) << e.what();
    }
}

TEST(AtomicFile, ReadErrorsNameThePath)
{
    TempDir dir;
    try {
        readFileBytes(dir.file("absent.png"));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::Io);
        EXPECT_EQ(std::string(e.what()), dir.file("absent.png") + ": cannot open: No such file or directory");
    }
}
