// SPDX-License-Identifier: MIT
// COCO RLE against pycocotools' own C code: tests/fixtures/rle_reference.json holds the counts strings, runs,
// areas and boxes that cocoapi's maskApi.c computed for masks this file regenerates (see tests/fixtures/README.md).
#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/annotation/Rle.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <string>

using namespace cascadeclip;
using namespace cascadeclip::annotation;

namespace {

struct Case {
    std::string name;
    std::string kind;
    int h = 0;
    int w = 0;
    int a = 0;
    int b = 0;
    unsigned seed = 0;
};

// The fixture's generator (same LCG and rules as the C driver that produced the reference values).
class Lcg {
public:
    explicit Lcg(unsigned seed)
        : m_state(seed)
    {
    }
    unsigned next()
    {
        m_state = m_state * 1664525u + 1013904223u;
        return m_state >> 8;
    }

private:
    unsigned m_state;
};

cv::Mat generate(const Case& c)
{
    cv::Mat m = cv::Mat::zeros(c.h, c.w, CV_8UC1);
    Lcg rng(c.seed);
    const int h = c.h;
    const int w = c.w;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            bool v = false;
            if (c.kind == "ones")
                v = true;
            else if (c.kind == "pixel")
                v = y == c.a && x == c.b;
            else if (c.kind == "random")
                v = rng.next() % 100 < static_cast<unsigned>(c.a);
            else if (c.kind == "span") // column-major pixel index in [a, b)
                v = x * h + y >= c.a && x * h + y < c.b;
            else if (c.kind == "checker")
                v = (y / c.a + x / c.a) % 2 == 1;
            else if (c.kind == "ring") {
                const bool outer = y >= h / 4 && y < h - h / 4 && x >= w / 4 && x < w - w / 4;
                const bool hole = y >= h / 2 - h / 8 && y < h / 2 + h / 8 && x >= w / 2 - w / 8 && x < w / 2 + w / 8;
                v = outer && !hole;
            }
            m.at<std::uint8_t>(y, x) = v ? 1 : 0;
        }
    }
    if (c.kind == "rects") {
        for (int i = 0; i < c.a; ++i) {
            const int y0 = static_cast<int>(rng.next() % static_cast<unsigned>(h));
            const int x0 = static_cast<int>(rng.next() % static_cast<unsigned>(w));
            const int rh = 1 + static_cast<int>(rng.next() % static_cast<unsigned>(h / 3 + 1));
            const int rw = 1 + static_cast<int>(rng.next() % static_cast<unsigned>(w / 3 + 1));
            for (int y = y0; y < y0 + rh && y < h; ++y)
                for (int x = x0; x < x0 + rw && x < w; ++x)
                    m.at<std::uint8_t>(y, x) = 1;
        }
    }
    return m;
}

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
        const Case c {r.at("name"), r.at("kind"), r.at("h"), r.at("w"), r.at("a"), r.at("b"), r.at("seed")};
        SCOPED_TRACE(c.name);
        const cv::Mat mask = generate(c);
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
