// SPDX-License-Identifier: MIT
// COCO RLE against pycocotools' own C code: tests/fixtures/rle_reference.json holds the counts strings, runs,
// areas and boxes that cocoapi's maskApi.c computed for masks this file regenerates (see tests/fixtures/README.md).
#include "FixtureMasks.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/Rle.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <string>

using namespace cascadeclip;
using namespace cascadeclip::annotation;

namespace {

const nlohmann::json& reference()
{
    static const nlohmann::json doc
        = nlohmann::json::parse(readFileBytes(CASCADECLIP_SOURCE_DIR "/tests/fixtures/rle_reference.json"));
    return doc;
}

bool sameMask(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::countNonZero(a != b) == 0;
}

} // namespace

TEST(Rle, MatchesPycocotoolsReference)
{
    const auto& cases = reference().at("cases");
    ASSERT_GE(cases.size(), 30u);
    for (const auto& r : cases) {
        const test::FixtureMask c = test::FixtureMask::fromJson(r);
        SCOPED_TRACE(c.name);
        const cv::Mat mask = c.generate();
        const Rle rle = Rle::encode(mask);
        EXPECT_EQ(rle.height, c.h);
        EXPECT_EQ(rle.width, c.w);
        EXPECT_EQ(rle.toString(), r.at("counts").get<std::string>());
        EXPECT_EQ(rle.counts.size(), r.at("runs_count").get<std::size_t>());
        if (r.contains("runs")) {
            EXPECT_EQ(rle.counts, r.at("runs").get<std::vector<std::uint32_t>>());
        }
        EXPECT_EQ(rle.area(), r.at("area").get<std::uint64_t>());
        const auto bbox = rle.toBbox();
        EXPECT_EQ(std::vector<double>(bbox.begin(), bbox.end()), r.at("bbox").get<std::vector<double>>());

        // Decoding the reference string gives the reference runs and the original mask back.
        const Rle parsed = Rle::fromString(r.at("counts").get<std::string>(), c.h, c.w);
        EXPECT_EQ(parsed.counts, rle.counts);
        EXPECT_TRUE(sameMask(parsed.decode(), mask));
        EXPECT_TRUE(sameMask(rle.decode(), mask));
    }
}

TEST(Rle, RoundTripsRandomMasks)
{
    cv::RNG rng(1234);
    for (int i = 0; i < 200; ++i) {
        const int h = rng.uniform(1, 40);
        const int w = rng.uniform(1, 40);
        cv::Mat mask(h, w, CV_8UC1);
        rng.fill(mask, cv::RNG::UNIFORM, 0, 2);
        const Rle rle = Rle::encode(mask);
        const Rle back = Rle::fromString(rle.toString(), h, w);
        ASSERT_EQ(back.counts, rle.counts) << "mask " << i;
        ASSERT_TRUE(sameMask(back.decode(), mask)) << "mask " << i;
        ASSERT_EQ(rle.area(), static_cast<std::uint64_t>(cv::countNonZero(mask)));
    }
}

TEST(Rle, EncodeIsColumnMajorAndStartsWithZeros)
{
    // 2x3 mask, row-major [[0,1,1],[1,0,1]]: column-major order is 0,1 | 1,0 | 1,1.
    cv::Mat mask = (cv::Mat_<std::uint8_t>(2, 3) << 0, 1, 1, 1, 0, 1);
    EXPECT_EQ(Rle::encode(mask).counts, (std::vector<std::uint32_t> {1, 2, 1, 2}));
    // A mask that starts with a foreground pixel has a leading zero count (the docstring's [0 6 1] case).
    cv::Mat first = (cv::Mat_<std::uint8_t>(1, 3) << 255, 0, 0);
    EXPECT_EQ(Rle::encode(first).counts, (std::vector<std::uint32_t> {0, 1, 2}));
}

TEST(Rle, EncodeClassSelectsOneClass)
{
    cv::Mat labels = (cv::Mat_<std::uint16_t>(2, 2) << 3, 0xFFFF, 3, 7);
    const Rle rle = Rle::encodeClass(labels, 3);
    EXPECT_EQ(rle.counts, (std::vector<std::uint32_t> {0, 2, 2}));
    EXPECT_EQ(rle.area(), 2u);
}

TEST(Rle, LabelMapEncodingEqualsPerClassEncoding)
{
    cv::RNG rng(99);
    for (int i = 0; i < 100; ++i) {
        const int h = rng.uniform(1, 30);
        const int w = rng.uniform(1, 30);
        const int classes = rng.uniform(1, 6);
        cv::Mat labels(h, w, CV_16UC1);
        // Few distinct values so runs get long and cross columns; the value `classes` stands for kUnlabeled.
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const int v = rng.uniform(0, 8) == 0 ? rng.uniform(0, classes + 1) : (x * 7 / w) % (classes + 1);
                labels.at<std::uint16_t>(y, x) = v == classes ? kUnlabeled : static_cast<std::uint16_t>(v);
            }
        const std::vector<Rle> all = Rle::encodeLabelMap(labels, static_cast<std::size_t>(classes));
        ASSERT_EQ(all.size(), static_cast<std::size_t>(classes));
        for (int c = 0; c < classes; ++c) {
            const Rle single = Rle::encodeClass(labels, static_cast<std::uint16_t>(c));
            if (single.area() == 0) {
                EXPECT_TRUE(all[c].counts.empty()) << "map " << i << " class " << c;
                continue;
            }
            EXPECT_EQ(all[c].counts, single.counts) << "map " << i << " class " << c;
            EXPECT_EQ(all[c].height, h);
            EXPECT_EQ(all[c].width, w);
        }
    }
}

TEST(Rle, ParsesUncompressedCounts)
{
    const Rle rle = Rle::fromCounts({0, 6, 1}, 7, 1);
    EXPECT_EQ(rle.area(), 6u);
    EXPECT_EQ(rle.toString(), Rle::encode(rle.decode()).toString());
}

TEST(Rle, RejectsMalformedCounts)
{
    const auto expectError = [](auto&& call, const std::string& fragment) {
        try {
            call();
            ADD_FAILURE() << "no error, expected: " << fragment;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::InvalidInput);
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
    };
    // Counts that exceed h*w (cvat#9460), counts that fall short, and characters outside 48..111.
    expectError([] { Rle::fromCounts({5, 10}, 3, 3); }, "sum to 15 pixels but size [3, 3] has 9");
    expectError([] { Rle::fromCounts({5}, 3, 3); }, "sum to 5");
    expectError([] { Rle::fromString("0f1", 3, 3); }, "RLE count 1 decodes to 54, outside 0..9");
    expectError([] { Rle::fromString("32", 3, 3); }, "sum to 5 pixels");
    expectError([] { Rle::fromString("0 1", 3, 3); }, "invalid character at position 1");
    expectError([] { Rle::fromString("0p", 3, 3); }, "invalid character");
    // 'P' (80 = 48 + 32) sets the continuation bit on the last character.
    expectError([] { Rle::fromString("0P", 3, 3); }, "ends inside a count (character 1)");
    // '@' (64 = 48 + 16): no continuation, sign bit set: the first count would be -16.
    expectError([] { Rle::fromString("@", 3, 3); }, "decodes to -16");
    expectError([] { Rle::fromString("", 0, -1); }, "negative");
}

TEST(Rle, EmptyImage)
{
    const Rle rle = Rle::encode(cv::Mat(0, 0, CV_8UC1));
    EXPECT_EQ(rle.counts, (std::vector<std::uint32_t> {0}));
    EXPECT_EQ(rle.toString(), "0");
    EXPECT_EQ(rle.toBbox(), (std::array<double, 4> {0, 0, 0, 0}));
    EXPECT_TRUE(Rle::fromString("0", 0, 0).decode().empty());
}
