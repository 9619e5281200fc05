// SPDX-License-Identifier: MIT
// readImageFile/decodeImage: what OpenCV alone would accept silently or crash on, each with a message naming
// the file and the reason; the pixel limit refuses or downsamples before decoding.
#include "TestFiles.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/ImageFile.h>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <string>
#include <vector>

using namespace cascadeclip;

namespace {

std::string encode(const cv::Mat& image, const std::string& ext)
{
    std::vector<uchar> bytes;
    EXPECT_TRUE(cv::imencode(ext, image, bytes));
    return {bytes.begin(), bytes.end()};
}

cv::Mat noise(int rows, int cols, int type)
{
    cv::Mat m(rows, cols, type);
    cv::randu(m, cv::Scalar::all(0), cv::Scalar::all(CV_MAT_DEPTH(type) == CV_16U ? 65535 : 255));
    return m;
}

/// The message of the Error that `f` throws; fails the test when it throws none.
template <typename F> std::string errorOf(F f)
{
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::ImageUnreadable);
        return e.what();
    }
    ADD_FAILURE() << "no Error thrown";
    return {};
}

} // namespace

TEST(ImageFile, ConvertsEveryPixelFormatToBgr8)
{
    for (const int type : {CV_8UC1, CV_16UC1, CV_8UC3, CV_16UC3, CV_8UC4}) {
        const ImageReadResult r = decodeImage(encode(noise(30, 40, type), ".png"), "x.png");
        EXPECT_EQ(r.bgr.type(), CV_8UC3) << type;
        EXPECT_EQ(r.bgr.size(), cv::Size(40, 30)) << type;
        EXPECT_TRUE(r.note.empty());
    }
    const ImageReadResult one = decodeImage(encode(noise(1, 1, CV_8UC3), ".png"), "one.png");
    EXPECT_EQ(one.bgr.size(), cv::Size(1, 1));
}

TEST(ImageFile, EmptyGifAndGarbageNameTheFileAndReason)
{
    EXPECT_EQ(errorOf([] { decodeImage("", "empty.png"); }), "empty.png: the file is empty (0 bytes)");
    EXPECT_NE(errorOf([] {
        decodeImage(std::string("GIF89a\x01\x00\x01\x00", 10), "a.gif");
    }).find("a.gif: GIF images cannot be decoded"),
        std::string::npos);
    EXPECT_NE(errorOf([] { decodeImage("hello, world", "notes.jpg"); }).find("notes.jpg: not a readable image"),
        std::string::npos);
}

TEST(ImageFile, TruncatedPngAndJpegAreRefused)
{
    const cv::Mat image = noise(48, 64, CV_8UC3);
    for (const std::string ext : {".png", ".jpg"}) {
        const std::string whole = encode(image, ext);
        EXPECT_NO_THROW(decodeImage(whole, "whole" + ext));
        for (const std::size_t keep : {std::size_t {5}, std::size_t {30}, whole.size() / 2, whole.size() - 3}) {
            const std::string message = errorOf([&] { decodeImage(whole.substr(0, keep), "cut" + ext); });
            EXPECT_EQ(message.rfind("cut" + ext + ": ", 0), 0u) << message;
        }
        EXPECT_NE(errorOf([&] { decodeImage(whole.substr(0, whole.size() / 2), "cut" + ext); }).find("truncated"),
            std::string::npos);
    }
}

TEST(ImageFile, PixelLimitRefusesOrDownsamples)
{
    ImageReadOptions options;
    options.maxPixels = 5000;
    const cv::Mat image = noise(100, 200, CV_8UC3);
    EXPECT_EQ(errorOf([&] { decodeImage(encode(image, ".png"), "big.png", options); }),
        "big.png: 200x100 (20000 pixels) is over the limit of 5000 pixels; raise the maximum pixel count to open it");
    const ImageReadResult r = decodeImage(encode(image, ".jpg"), "big.jpg", options);
    EXPECT_EQ(r.bgr.size(), cv::Size(100, 50)); // 1/2 gives 5000 pixels, which the limit allows
    EXPECT_EQ(r.sourceWidth, 200);
    EXPECT_EQ(r.sourceHeight, 100);
    EXPECT_EQ(r.note, "big.jpg: 200x100 (20000 pixels) is over the limit of 5000 pixels; decoded at 1/2 size");
    options.allowDownsample = false;
    EXPECT_NE(errorOf([&] { decodeImage(encode(image, ".jpg"), "big.jpg", options); }).find("raise the maximum"),
        std::string::npos);
    options.allowDownsample = true;
    options.maxPixels = 100; // even 1/8 is over
    EXPECT_NE(errorOf([&] { decodeImage(encode(image, ".jpg"), "big.jpg", options); }).find("over the limit"),
        std::string::npos);
    options.maxPixels = 0; // no limit
    EXPECT_EQ(decodeImage(encode(image, ".png"), "big.png", options).bgr.size(), cv::Size(200, 100));
}

TEST(ImageFile, ReadsFilesAndNamesMissingOnes)
{
    const test::TempDir dir;
    const std::string path = (dir.path() / "x.png").string();
    test::writeText(path, encode(noise(3, 4, CV_8UC3), ".png"));
    EXPECT_EQ(readImageFile(path).bgr.size(), cv::Size(4, 3));
    EXPECT_NE(errorOf([&] { readImageFile((dir.path() / "absent.png").string()); }).find("absent.png: cannot open"),
        std::string::npos);
}
