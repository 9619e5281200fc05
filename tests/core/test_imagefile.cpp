// SPDX-License-Identifier: MIT
// readImageFile/decodeImage: what OpenCV alone would accept silently or crash on, each with a message naming
// the file and the reason; the pixel limit refuses or downsamples before decoding.
#include "TestFiles.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/ImageFile.h>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

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

// The limit holds before decoding for every format OpenCV is handed: each one's header gives its size (TIFF's
// first directory, WebP's VP8/VP8L/VP8X header, PNM's and PAM's text header, JPEG's frame header).
TEST(ImageFile, EveryFormatsSizeIsReadBeforeDecoding)
{
    const cv::Mat image = noise(30, 70, CV_8UC3);
    for (const std::string ext : {".png", ".jpg", ".bmp", ".tiff", ".webp", ".ppm", ".pgm", ".pam"}) {
        SCOPED_TRACE(ext);
        cv::Mat input = image;
        if (ext == ".pgm")
            cv::cvtColor(image, input, cv::COLOR_BGR2GRAY);
        std::vector<int> params;
        if (ext == ".webp")
            params = {cv::IMWRITE_WEBP_QUALITY, 101}; // lossless: the VP8L header
        std::vector<uchar> bytes;
        ASSERT_TRUE(cv::imencode(ext, input, bytes, params));
        const std::string file(bytes.begin(), bytes.end());
        ImageReadOptions options;
        options.allowDownsample = false;
        EXPECT_EQ(decodeImage(file, "x" + ext, options).bgr.size(), cv::Size(70, 30));
        options.maxPixels = 70 * 30 - 1;
        EXPECT_EQ(errorOf([&] { decodeImage(file, "x" + ext, options); }),
            "x" + ext
                + ": 70x30 (2100 pixels) is over the limit of 2099 pixels; raise the maximum pixel count to "
                  "open it");
    }
    // Lossy WebP: the VP8 bitstream header.
    std::vector<uchar> lossy;
    ASSERT_TRUE(cv::imencode(".webp", image, lossy, {cv::IMWRITE_WEBP_QUALITY, 80}));
    ImageReadOptions options;
    options.maxPixels = 100;
    EXPECT_NE(errorOf([&] {
        decodeImage({lossy.begin(), lossy.end()}, "lossy.webp", options);
    }).find("70x30"),
        std::string::npos);
}

// libjpeg skips stray bytes between segments ("extraneous bytes before marker") and reads the frame header after
// them; the size check must find the same header, or a huge declared size would reach the decoder's allocation.
TEST(ImageFile, JpegFrameHeaderAfterStrayBytesIsStillChecked)
{
    std::vector<uchar> bytes;
    ASSERT_TRUE(cv::imencode(".jpg", noise(30, 70, CV_8UC3), bytes));
    std::string file(bytes.begin(), bytes.end());
    // Insert garbage (with a stuffed 0xFF00, which is no marker) just before the frame header.
    const std::size_t sof = file.find("\xFF\xC0");
    ASSERT_NE(sof, std::string::npos);
    file.insert(sof, std::string("\x12\x34\xFF\x00\x56", 5));
    ImageReadOptions options;
    options.allowDownsample = false;
    options.maxPixels = 2099;
    EXPECT_EQ(errorOf([&] { decodeImage(file, "stray.jpg", options); }),
        "stray.jpg: 70x30 (2100 pixels) is over the limit of 2099 pixels; raise the maximum pixel count to open it");
    options.maxPixels = 2100;
    EXPECT_EQ(decodeImage(file, "stray.jpg", options).bgr.size(), cv::Size(70, 30));
    // A frame of 40000 x 40000 behind the stray bytes is refused by the limit, before the decoder sees it.
    std::string huge = file;
    const std::size_t frame = huge.find("\xFF\xC0");
    huge.replace(frame + 5, 4, std::string("\x9C\x40\x9C\x40", 4));
    options.maxPixels = kDefaultMaxImagePixels;
    EXPECT_EQ(errorOf([&] { decodeImage(huge, "huge.jpg", options); }),
        "huge.jpg: 40000x40000 (1600000000 pixels) is over the limit of 100000000 pixels; raise the maximum pixel "
        "count to open it");
    // No frame header before the scan: refused before decoding.
    std::string noFrame(bytes.begin(), bytes.end());
    noFrame[noFrame.find("\xFF\xC0") + 1] = char(0xFE); // the frame header becomes a comment
    EXPECT_NE(errorOf([&] { decodeImage(noFrame, "noframe.jpg"); }).find("noframe.jpg: the header gives no image size"),
        std::string::npos);
}
