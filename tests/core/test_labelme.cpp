// SPDX-License-Identifier: MIT
// labelme JSON: import of a file as labelme writes it (tests/fixtures/labelme_sample.json, made by
// make_labelme_sample.py with PIL), export in labelme 5 "mask" shape form, exact round trip, malformed input.
#include "Mutations.h"
#include "TestFiles.h"
#include "annotation/Base64.h"
#include "annotation/Png.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/Labelme.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

using namespace cascadeclip;
using namespace cascadeclip::annotation;
using cascadeclip::test::TempDir;
using cascadeclip::test::writeText;
using Json = nlohmann::json;

namespace {

const std::string kSample = CASCADECLIP_SOURCE_DIR "/tests/fixtures/labelme_sample.json";

bool same(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::countNonZero(a != b) == 0;
}

template <typename Call> void expectError(Call&& call, const std::vector<std::string>& fragments)
{
    try {
        call();
        ADD_FAILURE() << "no error, expected: " << fragments.front();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidInput) << e.what();
        for (const std::string& f : fragments)
            EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << "missing \"" << f << "\" in: " << e.what();
    }
}

} // namespace

TEST(Labelme, ImportsWhatLabelmeWrites)
{
    const ClassList classes = makeClassList({"road", "car", "tree", "sign"});
    const LabelmeDocument doc = readLabelme(kSample, classes);
    EXPECT_EQ(doc.imagePath, "street.jpg");
    EXPECT_EQ(doc.skippedShapes, 1); // the point
    ASSERT_EQ(doc.labels.size(), cv::Size(20, 15));
    EXPECT_EQ(doc.classes.size(), 4u);

    const auto at = [&](int x, int y) { return doc.labels.at<std::uint16_t>(y, x); };
    cv::Mat expected(15, 20, CV_16UC1, cv::Scalar(kUnlabeled));
    expected(cv::Rect(0, 0, 20, 4)).setTo(0); // road polygon, vertices on pixel centres 0..19 x 0..3
    expected(cv::Rect(3, 1, 6, 5)).setTo(1); // car rectangle (3.2, 1.4)-(8, 5) -> pixels 3..8 x 1..5
    expected(cv::Rect(2, 10, 5, 1)).setTo(2); // tree: the 1-bit mask patch at (2, 10)
    expected(cv::Rect(2, 10, 1, 4)).setTo(2);
    expected.at<std::uint16_t>(13, 6) = 2;
    expected.at<std::uint16_t>(0, 17) = 3; // sign: the 8-bit patch at (17, 0), painted over road
    expected.at<std::uint16_t>(0, 19) = 3;
    expected.at<std::uint16_t>(1, 18) = 3;
    cv::Mat circle = doc.labels == 3;
    circle(cv::Rect(17, 0, 3, 2)).setTo(0);
    EXPECT_EQ(at(15, 9), 3); // the circle: centre (15, 9), radius 2
    EXPECT_EQ(at(13, 9), 3);
    EXPECT_EQ(at(17, 9), 3);
    EXPECT_EQ(at(15, 7), 3);
    EXPECT_EQ(at(15, 11), 3);
    EXPECT_EQ(at(13, 7), kUnlabeled);
    EXPECT_EQ(at(12, 9), kUnlabeled);
    expected.setTo(3, circle);
    EXPECT_TRUE(same(doc.labels, expected)) << doc.labels;
}

TEST(Labelme, UnknownLabelsFailOrAreAdded)
{
    expectError(
        [] {
            readLabelme(kSample, makeClassList({"road", "car"}));
        },
        {kSample + ": shapes[2].label: unknown label \"sign\""});
    const LabelmeDocument doc = readLabelme(kSample, makeClassList({"road", "car"}), true);
    ASSERT_EQ(doc.classes.size(), 4u);
    EXPECT_EQ(doc.classes[2].name, "sign");
    EXPECT_EQ(doc.classes[3].name, "tree");
    EXPECT_EQ(doc.labels.at<std::uint16_t>(10, 2), 3);
}

TEST(Labelme, ExportsMaskShapesAndRoundTrips)
{
    TempDir dir;
    const ClassList classes = makeClassList({"background", "person", "bike", "absent"});
    cv::Mat labels(30, 40, CV_16UC1, cv::Scalar(0));
    cv::circle(labels, cv::Point(12, 14), 7, cv::Scalar(1), cv::FILLED);
    cv::rectangle(labels, cv::Rect(8, 12, 9, 3), cv::Scalar(kUnlabeled), cv::FILLED); // a hole of unlabeled
    cv::rectangle(labels, cv::Rect(25, 2, 10, 20), cv::Scalar(2), cv::FILLED);
    labels.at<std::uint16_t>(29, 39) = 2; // a second, far-away part of bike
    const std::string path = dir.file("image.json");
    writeLabelme(path, labels, classes, "image.jpg");

    const Json doc = Json::parse(test::readText(path));
    EXPECT_EQ(doc["version"], kLabelmeVersion);
    EXPECT_EQ(doc["flags"], Json::object());
    EXPECT_EQ(doc["imagePath"], "image.jpg");
    EXPECT_TRUE(doc["imageData"].is_null());
    EXPECT_EQ(doc["imageHeight"], 30);
    EXPECT_EQ(doc["imageWidth"], 40);
    ASSERT_EQ(doc["shapes"].size(), 3u); // "absent" has no pixels, so no shape
    const Json& bike = doc["shapes"][2];
    EXPECT_EQ(bike["label"], "bike");
    EXPECT_EQ(bike["shape_type"], "mask");
    EXPECT_TRUE(bike["group_id"].is_null());
    EXPECT_EQ(bike["description"], "");
    EXPECT_EQ(bike["points"], Json::parse("[[25.0, 2.0], [39.0, 29.0]]"));
    const png::Image patch = png::decode(base64::decode(bike["mask"].get<std::string>()));
    EXPECT_EQ(patch.colorType, png::ColorType::Grey);
    EXPECT_EQ(patch.pixels.size(), cv::Size(15, 28)); // inclusive corners
    EXPECT_EQ(patch.pixels.at<std::uint8_t>(27, 14), 1);
    EXPECT_EQ(patch.pixels.at<std::uint8_t>(27, 13), 0);

    // labelme decodes patches with Pillow: it must see a grey image of 0/1 values.
    writeText(dir.file("patch.png"), base64::decode(bike["mask"].get<std::string>()));
    const Json pil = test::readWithPillow(dir.file("patch.png"));
    if (!pil.is_null()) {
        EXPECT_EQ(pil["mode"], "L");
        EXPECT_EQ(pil["size"], Json::array({15, 28}));
        EXPECT_EQ(pil["pixels"][27 * 15 + 14], 1);
        EXPECT_EQ(pil["pixels"][0], 1);
        EXPECT_EQ(pil["pixels"][27 * 15 + 13], 0);
    }

    const LabelmeDocument back = readLabelme(path, classes);
    EXPECT_TRUE(same(back.labels, labels));
    EXPECT_EQ(back.imagePath, "image.jpg");
}

TEST(Labelme, MalformedFilesGiveErrorsNamingTheFileAndShape)
{
    TempDir dir;
    const ClassList classes = makeClassList({"a"});
    const Json good = makeLabelmeJson((cv::Mat_<std::uint16_t>(3, 3) << 0, 0, 0, 0, 0, 0, 0, 0, 0), classes, "i.png");
    const auto check = [&](const std::string& name, const Json& doc, const std::string& fragment) {
        SCOPED_TRACE(name);
        const std::string path = dir.file(name);
        writeText(path, doc.dump());
        expectError([&] { readLabelme(path, classes); }, {path + ": ", fragment});
    };
    Json doc = good;
    doc["shapes"][0]["mask"] = "not base64!";
    check("bad_base64.json", doc, "shapes[0].mask: invalid base64 character");
    doc = good;
    doc["shapes"][0]["mask"] = base64::encode("GIF89a");
    check("not_png.json", doc, "shapes[0].mask: not a PNG file");
    doc = good;
    doc["shapes"][0]["points"] = Json::parse("[[1.0, 1.0], [3.0, 3.0]]");
    check("outside.json", doc, "shapes[0].mask: the 3x3 patch at (1, 1) does not fit the 3x3 image");
    doc = good;
    doc["shapes"][0]["shape_type"] = "polygon";
    doc["shapes"][0]["points"] = Json::parse("[[1.0, 1.0], [2.0, 2.0]]");
    check("short_polygon.json", doc, "shapes[0].points: a polygon needs at least 3 points");
    doc["shapes"][0]["shape_type"] = "ellipse";
    check("ellipse.json", doc, "shapes[0].shape_type: unsupported shape type \"ellipse\"");
    doc = good;
    doc["shapes"][0]["points"][0] = Json::parse("[1.0]");
    check("point.json", doc, "shapes[0].points[0]: a point is [x, y]");
    doc = good;
    doc["imageWidth"] = -3;
    check("negative.json", doc, "image size -3x3 out of range");
    doc = good;
    doc.erase("imageHeight");
    check("no_height.json", doc, "missing key \"imageHeight\"");
    const std::string garbage = dir.file("garbage.json");
    writeText(garbage, "\x89PNG not json");
    expectError([&] { readLabelme(garbage, classes); }, {garbage + ": not valid JSON"});
    const std::string huge = dir.file("huge_number.json");
    writeText(huge, "{\"imageHeight\": 1e999999}");
    expectError([&] { readLabelme(huge, classes); }, {huge + ": not valid JSON", "number overflow"});
}

TEST(Labelme, MutatedDocumentsLoadOrFailWithError)
{
    const ClassList classes = makeClassList({"road", "car", "tree", "sign"});
    const Json sample = Json::parse(test::readText(kSample));
    cv::RNG rng(77);
    int rejected = 0;
    for (int i = 0; i < 600; ++i) {
        const Json doc = test::mutateJson(sample, rng);
        try {
            parseLabelme(doc, "mutated.json", classes, false);
        } catch (const Error& e) {
            ++rejected;
            ASSERT_EQ(std::string(e.what()).rfind("mutated.json: ", 0), 0u) << e.what();
        }
    }
    EXPECT_GT(rejected, 100);
}
