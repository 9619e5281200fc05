// SPDX-License-Identifier: MIT
// Index, colour and train-id PNGs: read back by our reader, by OpenCV and by Pillow (an independent decoder that
// reports the PNG mode), and every malformed input gives an Error naming the file.
#include "TestFiles.h"
#include "annotation/Png.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/MaskPng.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace cascadeclip;
using namespace cascadeclip::annotation;
using cascadeclip::test::readText;
using cascadeclip::test::readWithPillow;
using cascadeclip::test::TempDir;
using cascadeclip::test::writeText;

namespace {

cv::Mat randomLabels(int h, int w, int classes, std::uint64_t seed, bool withUnlabeled = true)
{
    cv::RNG rng(seed);
    cv::Mat labels(h, w, CV_16UC1);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int v = rng.uniform(0, classes + (withUnlabeled ? 1 : 0));
            labels.at<std::uint16_t>(y, x) = v == classes ? kUnlabeled : static_cast<std::uint16_t>(v);
        }
    return labels;
}

ClassList namedClasses(int count)
{
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i)
        names.push_back("class" + std::to_string(i));
    return makeClassList(names);
}

bool same(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::countNonZero(a != b) == 0;
}

template <typename Call> void expectError(Call&& call, ErrorCode code, const std::vector<std::string>& fragments)
{
    try {
        call();
        ADD_FAILURE() << "no error, expected: " << fragments.front();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        for (const std::string& f : fragments)
            EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << "missing \"" << f << "\" in: " << e.what();
    }
}

} // namespace

TEST(MaskPng, PaletteIndexPngKeepsIndicesAndVocPalette)
{
    TempDir dir;
    const ClassList classes = makeClassList({"background", "aeroplane", "bicycle", "bird", "boat"});
    const cv::Mat labels = randomLabels(23, 31, 5, 1);
    const std::string path = dir.file("mask.png");
    writeIndexPng(path, labels, classes);

    const png::Image raw = png::decode(readFileBytes(path));
    EXPECT_EQ(raw.colorType, png::ColorType::Palette);
    EXPECT_EQ(raw.bitDepth, 8);
    ASSERT_EQ(raw.palette.size(), 256u);
    EXPECT_EQ(raw.palette[0], (Rgb {0, 0, 0}));
    EXPECT_EQ(raw.palette[1], (Rgb {128, 0, 0}));
    EXPECT_EQ(raw.palette[2], (Rgb {0, 128, 0}));
    EXPECT_EQ(raw.palette[15], (Rgb {192, 128, 128})); // VOC "person"
    EXPECT_EQ(raw.palette[255], kUnlabeledColor);

    EXPECT_TRUE(same(readIndexPng(path, classes.size()), labels));
}

TEST(MaskPng, PillowReadsPaletteIndices)
{
    TempDir dir;
    ClassList classes = makeClassList({"sky", "tree", "road"});
    classes[2].color = Rgb {10, 20, 30};
    const cv::Mat labels = randomLabels(9, 14, 3, 2);
    const std::string path = dir.file("mask.png");
    writeIndexPng(path, labels, classes);
    const nlohmann::json pil = readWithPillow(path);
    if (pil.is_null())
        GTEST_SKIP() << "python3 with Pillow not available";
    EXPECT_EQ(pil["mode"], "P");
    EXPECT_EQ(pil["size"], nlohmann::json::array({14, 9}));
    std::vector<int> expected;
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x) {
            const std::uint16_t v = labels.at<std::uint16_t>(y, x);
            expected.push_back(v == kUnlabeled ? 255 : v);
        }
    EXPECT_EQ(pil["pixels"].get<std::vector<int>>(), expected);
    EXPECT_EQ(pil["palette"][1], nlohmann::json::array({128, 0, 0}));
    EXPECT_EQ(pil["palette"][2], nlohmann::json::array({10, 20, 30}));
    EXPECT_EQ(pil["palette"][255], nlohmann::json::array({224, 224, 192}));
}

TEST(MaskPng, SixteenBitAbove254Classes)
{
    TempDir dir;
    const ClassList classes = namedClasses(300);
    const cv::Mat labels = randomLabels(17, 19, 300, 3);
    const std::string path = dir.file("mask16.png");
    writeIndexPng(path, labels, classes);

    const png::Image raw = png::decode(readFileBytes(path));
    EXPECT_EQ(raw.colorType, png::ColorType::Grey);
    EXPECT_EQ(raw.bitDepth, 16);
    EXPECT_TRUE(same(readIndexPng(path, classes.size()), labels));
    // OpenCV (independent decoder) sees the same 16-bit values, 65535 for unlabeled.
    EXPECT_TRUE(same(cv::imread(path, cv::IMREAD_UNCHANGED), labels));

    const nlohmann::json pil = readWithPillow(path);
    if (pil.is_null())
        GTEST_SKIP() << "python3 with Pillow not available";
    EXPECT_EQ(pil["mode"].get<std::string>().rfind("I", 0), 0u) << pil["mode"]; // "I;16" or "I"
    EXPECT_EQ(pil["pixels"][0].get<int>(), labels.at<std::uint16_t>(0, 0));
    EXPECT_EQ(pil["pixels"][18].get<int>(), labels.at<std::uint16_t>(0, 18));

    // 254 classes still use the palette; 255 do not.
    EXPECT_EQ(
        png::decode(encodeIndexPng(randomLabels(4, 4, 254, 4), namedClasses(254))).colorType, png::ColorType::Palette);
    EXPECT_EQ(png::decode(encodeIndexPng(randomLabels(4, 4, 255, 4), namedClasses(255))).bitDepth, 16);
}

TEST(MaskPng, ReadsGreyIndexPngsFromOtherWriters)
{
    TempDir dir;
    cv::Mat grey = (cv::Mat_<std::uint8_t>(2, 3) << 0, 1, 255, 2, 2, 0);
    const std::string path = dir.file("grey.png");
    ASSERT_TRUE(cv::imwrite(path, grey));
    const cv::Mat labels = readIndexPng(path);
    const cv::Mat expected = (cv::Mat_<std::uint16_t>(2, 3) << 0, 1, kUnlabeled, 2, 2, 0);
    EXPECT_TRUE(same(labels, expected));
    expectError([&] { readIndexPng(path, 2); }, ErrorCode::InvalidInput,
        {path, "pixel (x=0, y=1) has index 2 but there are only 2 classes"});
}

TEST(MaskPng, ColourPngRoundTripsThroughBothLegends)
{
    TempDir dir;
    ClassList classes = makeClassList({"background", "cat", "dog", "sofa"});
    classes[3].color = Rgb {0, 200, 100};
    const cv::Mat labels = randomLabels(12, 10, 4, 5);
    const std::string png = dir.file("color.png");
    writeColorPng(png, labels, classes);
    writeCvatLabelmap(dir.file("labelmap.txt"), classes);
    writeLegendJson(dir.file("legend.json"), classes);

    EXPECT_EQ(readText(dir.file("labelmap.txt")),
        "# label:color_rgb:parts:actions\nbackground:0,0,0::\ncat:128,0,0::\ndog:0,128,0::\nsofa:0,200,100::\n"
        "__ignore__:224,224,192::\n");
    const ClassList fromTxt = readCvatLabelmap(dir.file("labelmap.txt"));
    const ClassList fromJson = readLegendJson(dir.file("legend.json"));
    ASSERT_EQ(fromTxt.size(), 4u);
    ASSERT_EQ(fromJson.size(), 4u);
    EXPECT_EQ(fromJson[3].name, "sofa");
    EXPECT_TRUE(same(readColorPng(png, fromTxt), labels));
    EXPECT_TRUE(same(readColorPng(png, fromJson), labels));

    // OpenCV decodes it as colour: class 1 is VOC red, in BGR order.
    const cv::Mat bgr = cv::imread(png, cv::IMREAD_UNCHANGED);
    ASSERT_EQ(bgr.type(), CV_8UC3);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            if (labels.at<std::uint16_t>(y, x) == 1) {
                EXPECT_EQ(bgr.at<cv::Vec3b>(y, x), cv::Vec3b(0, 0, 128));
            }

    // A colour PNG is never read as indices.
    expectError([&] { readIndexPng(png); }, ErrorCode::InvalidInput, {png, "8-bit RGB PNG holds colours"});
    // A colour missing from the legend is named with its pixel.
    ClassList partial = fromTxt;
    partial.pop_back();
    expectError(
        [&] { readColorPng(png, partial); }, ErrorCode::InvalidInput, {png, "0,200,100", "legend does not list"});
}

TEST(MaskPng, ColourCollisionsAreRejected)
{
    TempDir dir;
    ClassList classes = makeClassList({"a", "b"});
    classes[1].color = Rgb {0, 0, 0}; // same as class 0's VOC colour
    expectError([&] { writeCvatLabelmap(dir.file("labelmap.txt"), classes); }, ErrorCode::InvalidInput,
        {"\"a\" and \"b\" share the colour 0,0,0"});
    classes[1].color = kUnlabeledColor;
    expectError([&] { writeColorPng(dir.file("c.png"), cv::Mat::zeros(2, 2, CV_16UC1), classes); },
        ErrorCode::InvalidInput, {"uses the unlabeled colour"});
    EXPECT_FALSE(std::filesystem::exists(dir.file("labelmap.txt")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("c.png")));
}

TEST(MaskPng, TrainIdPngWithSidecar)
{
    TempDir dir;
    const ClassList classes = makeClassList({"background", "cat", "dog"});
    const cv::Mat labels = (cv::Mat_<std::uint16_t>(2, 3) << 0, 1, 2, 2, kUnlabeled, 1);
    writeTrainIdPng(dir.file("a_labelTrainIds.png"), dir.file("train_ids.json"), labels, classes, {0});

    const cv::Mat raw = cv::imread(dir.file("a_labelTrainIds.png"), cv::IMREAD_UNCHANGED);
    ASSERT_EQ(raw.type(), CV_8UC1);
    EXPECT_TRUE(same(raw, (cv::Mat_<std::uint8_t>(2, 3) << 255, 0, 1, 1, 255, 0)));
    const nlohmann::json sidecar = nlohmann::json::parse(readText(dir.file("train_ids.json")));
    EXPECT_EQ(sidecar["ignore_index"], 255);
    EXPECT_EQ(sidecar["reduce_zero_label"], false);
    EXPECT_EQ(sidecar["classes"], nlohmann::json::array({"cat", "dog"}));
    EXPECT_EQ(sidecar["class_index_of_train_id"], nlohmann::json::array({1, 2}));

    // Background and unlabeled share 255 in the file and come back as background.
    const cv::Mat back = readTrainIdPng(dir.file("a_labelTrainIds.png"), dir.file("train_ids.json"));
    EXPECT_TRUE(same(back, (cv::Mat_<std::uint16_t>(2, 3) << 0, 1, 2, 2, 0, 1)));

    // Without a background class the ids are the class indices and unlabeled stays unlabeled.
    writeTrainIdPng(dir.file("b.png"), dir.file("b.json"), labels, classes);
    EXPECT_TRUE(same(readTrainIdPng(dir.file("b.png"), dir.file("b.json")), labels));
    expectError(
        [&] { writeTrainIdPng(dir.file("c.png"), dir.file("c.json"), randomLabels(2, 2, 3, 1), namedClasses(300)); },
        ErrorCode::InvalidInput, {dir.file("c.png"), "more than 255 train ids"});
}

TEST(MaskPng, MalformedFilesGiveErrorsNamingTheFile)
{
    TempDir dir;
    const std::string good = encodeIndexPng(randomLabels(64, 64, 5, 9), namedClasses(5));

    const std::string truncated = dir.file("truncated.png");
    writeText(truncated, good.substr(0, good.size() / 2));
    expectError([&] { readIndexPng(truncated); }, ErrorCode::ImageUnreadable, {truncated, "truncated"});

    const std::string garbage = dir.file("garbage.png");
    writeText(garbage, "this is not a png at all");
    expectError([&] { readIndexPng(garbage); }, ErrorCode::ImageUnreadable, {garbage, "not a PNG file"});

    std::string corrupt = good;
    corrupt[40] = static_cast<char>(corrupt[40] ^ 0x5A); // inside IHDR/PLTE: CRC mismatch
    const std::string crc = dir.file("crc.png");
    writeText(crc, corrupt);
    expectError([&] { readIndexPng(crc); }, ErrorCode::ImageUnreadable, {crc, "invalid PNG"});

    expectError([&] { readIndexPng(dir.file("absent.png")); }, ErrorCode::Io, {dir.file("absent.png"), "No such file"});

    // Writing a label map with an index past the class list is refused before touching the file.
    const cv::Mat bad = (cv::Mat_<std::uint16_t>(1, 2) << 0, 7);
    expectError([&] { writeIndexPng(dir.file("bad.png"), bad, namedClasses(3)); }, ErrorCode::InvalidInput,
        {dir.file("bad.png"), "pixel (x=1, y=0) has class index 7"});
    EXPECT_FALSE(std::filesystem::exists(dir.file("bad.png")));
    expectError([&] { writeIndexPng(dir.file("f.png"), cv::Mat::zeros(2, 2, CV_32FC1), namedClasses(3)); },
        ErrorCode::InvalidInput, {"CV_16UC1"});
}

TEST(MaskPng, MutatedFilesLoadOrFailWithError)
{
    // Byte flips anywhere, with chunk CRCs repaired half of the time so the damage reaches the decoder proper
    // (IHDR fields, palette length, zlib stream) instead of stopping at the CRC check; and truncations.
    const std::string good = encodeIndexPng(randomLabels(32, 24, 5, 3), namedClasses(5));
    cv::RNG rng(4242);
    int rejected = 0;
    for (int i = 0; i < 1000; ++i) {
        std::string bytes = good;
        if (i % 5 == 4) {
            bytes.resize(static_cast<std::size_t>(rng.uniform(0, static_cast<int>(good.size()))));
        } else {
            for (int k = rng.uniform(1, 4); k > 0; --k)
                bytes[static_cast<std::size_t>(rng.uniform(8, static_cast<int>(bytes.size())))]
                    ^= static_cast<char>(1 << rng.uniform(0, 8));
            if (i % 2 == 0)
                test::repairPngCrcs(bytes);
        }
        try {
            decodeIndexPng(bytes, "mutated.png", std::nullopt);
        } catch (const Error& e) {
            ++rejected;
            ASSERT_EQ(std::string(e.what()).rfind("mutated.png: ", 0), 0u) << e.what();
        }
    }
    EXPECT_GT(rejected, 300);
}
