// SPDX-License-Identifier: MIT
// COCO export/import: a schema check of our own on what we write, exact round trips (RLE and polygons with the
// RLE fallback), imports of what other tools write, malformed files, and merging shards.
#include "FixtureMasks.h"
#include "Mutations.h"
#include "TestFiles.h"
#include "annotation/Polygon.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/Coco.h>
#include <cascadeclip/annotation/Rle.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <set>

using namespace cascadeclip;
using namespace cascadeclip::annotation;
using cascadeclip::test::TempDir;
using cascadeclip::test::writeText;
using Json = nlohmann::json;

namespace {

bool same(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::countNonZero(a != b) == 0;
}

bool isInt(const Json& v)
{
    return v.is_number_integer();
}

// The COCO format's required keys and types (cocodataset.org/#format-data), plus the semantic-export rules:
// unique ids, references that resolve, RLE size [h, w] equal to the image, bbox inside the image.
std::vector<std::string> cocoSchemaProblems(const Json& doc)
{
    std::vector<std::string> problems;
    const auto need = [&](bool ok, const std::string& what) {
        if (!ok)
            problems.push_back(what);
        return ok;
    };
    if (!need(doc.is_object(), "top level is not an object"))
        return problems;
    need(doc.contains("info") && doc["info"].is_object(), "info missing or not an object");
    for (const char* key : {"images", "annotations", "categories"})
        if (!need(doc.contains(key) && doc[key].is_array(), std::string(key) + " missing or not an array"))
            return problems;
    std::map<std::int64_t, std::pair<int, int>> imageSize;
    for (const Json& im : doc["images"]) {
        if (!need(isInt(im.value("id", Json())) && isInt(im.value("width", Json())) && isInt(im.value("height", Json()))
                    && im.value("file_name", Json()).is_string(),
                "image lacks id/width/height/file_name: " + im.dump()))
            continue;
        need(
            imageSize.emplace(im["id"].get<std::int64_t>(), std::pair {im["height"].get<int>(), im["width"].get<int>()})
                .second,
            "duplicate image id " + im["id"].dump());
    }
    std::set<std::int64_t> categoryIds;
    for (const Json& c : doc["categories"]) {
        if (need(isInt(c.value("id", Json())) && c.value("name", Json()).is_string()
                    && c.value("supercategory", Json()).is_string(),
                "category lacks id/name/supercategory: " + c.dump()))
            need(categoryIds.insert(c["id"].get<std::int64_t>()).second, "duplicate category id " + c["id"].dump());
    }
    std::set<std::int64_t> annotationIds;
    for (const Json& a : doc["annotations"]) {
        const std::string s = a.dump().substr(0, 120);
        if (!need(isInt(a.value("id", Json())) && isInt(a.value("image_id", Json()))
                    && isInt(a.value("category_id", Json())) && a.contains("segmentation")
                    && a.value("area", Json()).is_number() && a.value("bbox", Json()).is_array()
                    && a["bbox"].size() == 4 && isInt(a.value("iscrowd", Json())),
                "annotation lacks a required key or has a wrong type: " + s))
            continue;
        need(annotationIds.insert(a["id"].get<std::int64_t>()).second, "duplicate annotation id " + a["id"].dump());
        need(categoryIds.count(a["category_id"].get<std::int64_t>()) == 1, "unknown category_id: " + s);
        need(a["iscrowd"] == 0, "semantic regions must not be crowd: " + s);
        const auto im = imageSize.find(a["image_id"].get<std::int64_t>());
        if (!need(im != imageSize.end(), "unknown image_id: " + s))
            continue;
        for (const Json& v : a["bbox"])
            need(v.is_number(), "bbox entry not a number: " + s);
        const Json& seg = a["segmentation"];
        if (seg.is_object()) {
            need(seg.value("counts", Json()).is_string(), "RLE counts is not a compressed string: " + s);
            need(seg.value("size", Json()) == Json::array({im->second.first, im->second.second}),
                "RLE size is not [height, width] of the image: " + s);
        } else if (need(seg.is_array() && !seg.empty(), "segmentation is neither RLE nor polygons: " + s)) {
            for (const Json& poly : seg) {
                need(poly.is_array() && poly.size() >= 6 && poly.size() % 2 == 0, "bad polygon: " + s);
                for (const Json& v : poly)
                    need(v.is_number(), "polygon coordinate not a number: " + s);
            }
        }
    }
    return problems;
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

cv::Mat blobs(int h, int w, int classes, std::uint64_t seed)
{
    cv::Mat labels(h, w, CV_16UC1, cv::Scalar(kUnlabeled));
    cv::RNG rng(seed);
    for (int i = 0; i < 12; ++i) {
        const cv::Point centre(rng.uniform(0, w), rng.uniform(0, h));
        cv::circle(labels, centre, rng.uniform(1, std::max(2, h / 4)), cv::Scalar(rng.uniform(0, classes)), cv::FILLED);
    }
    return labels;
}

} // namespace

TEST(Coco, ExportFollowsTheSchemaAndRoundTrips)
{
    TempDir dir;
    const ClassList classes = makeClassList({"sky", "tree", "road", "car"});
    std::vector<CocoImage> images = {{"a.jpg", blobs(40, 60, 4, 1)}, {"b/c.png", blobs(33, 21, 4, 2)},
        {"empty.jpg", cv::Mat(5, 7, CV_16UC1, cv::Scalar(kUnlabeled))}};
    CocoExportOptions options;
    options.provenance = {{"weights", "sha256:abc"}, {"threshold", "0.35"}, {"templates", "single"}};
    const std::string path = dir.file("out.json");
    writeCoco(path, images, classes, options);

    const Json doc = Json::parse(test::readText(path));
    EXPECT_EQ(cocoSchemaProblems(doc), std::vector<std::string> {});
    EXPECT_EQ(doc["info"]["provenance"]["weights"], "sha256:abc");
    EXPECT_EQ(doc["categories"][0], Json({{"id", 1}, {"name", "sky"}, {"supercategory", "class"}}));
    EXPECT_EQ(doc["categories"][3]["id"], 4);
    ASSERT_EQ(doc["images"].size(), 3u);
    EXPECT_EQ(doc["images"][1], Json({{"id", 2}, {"width", 21}, {"height", 33}, {"file_name", "b/c.png"}}));

    // One annotation per (image, class present), with area and bbox of that class's pixels.
    std::size_t expectedAnnotations = 0;
    for (std::size_t n = 0; n < images.size(); ++n)
        for (std::uint16_t c = 0; c < classes.size(); ++c) {
            const cv::Mat mask = images[n].labels == c;
            const int area = cv::countNonZero(mask);
            if (area == 0)
                continue;
            ++expectedAnnotations;
            const cv::Rect box = cv::boundingRect(mask);
            bool found = false;
            for (const Json& a : doc["annotations"]) {
                if (a["image_id"] != static_cast<int>(n + 1) || a["category_id"] != c + 1)
                    continue;
                found = true;
                EXPECT_EQ(a["area"], area);
                EXPECT_EQ(a["bbox"], Json::array({box.x, box.y, box.width, box.height}));
                const Rle rle = Rle::fromString(a["segmentation"]["counts"].get<std::string>(), mask.rows, mask.cols);
                EXPECT_TRUE(same(rle.decode() * 255, mask));
            }
            EXPECT_TRUE(found) << "image " << n << " class " << c;
        }
    EXPECT_EQ(doc["annotations"].size(), expectedAnnotations);

    const CocoDataset back = readCoco(path);
    ASSERT_EQ(back.images.size(), 3u);
    EXPECT_EQ(back.classes.size(), 4u);
    EXPECT_EQ(back.classes[2].name, "road");
    EXPECT_EQ(back.info["provenance"]["threshold"], "0.35");
    for (std::size_t n = 0; n < images.size(); ++n) {
        EXPECT_EQ(back.images[n].fileName, images[n].fileName);
        EXPECT_TRUE(same(back.images[n].labels, images[n].labels)) << images[n].fileName;
    }
}

TEST(Coco, PolygonsFallBackToRleOnlyForHoles)
{
    TempDir dir;
    const ClassList classes = makeClassList({"ring", "plug", "dot", "box", "blobs"});
    cv::Mat labels(50, 60, CV_16UC1, cv::Scalar(kUnlabeled));
    cv::rectangle(labels, cv::Rect(5, 5, 20, 20), cv::Scalar(0), cv::FILLED); // ring ...
    cv::rectangle(labels, cv::Rect(10, 10, 6, 6), cv::Scalar(1), cv::FILLED); // ... with a hole holding a plug
    labels.at<std::uint16_t>(40, 2) = 2; // one pixel
    cv::rectangle(labels, cv::Rect(30, 3, 25, 12), cv::Scalar(3), cv::FILLED); // plain rectangle
    cv::circle(labels, cv::Point(35, 35), 8, cv::Scalar(4), cv::FILLED); // two disjoint blobs
    cv::circle(labels, cv::Point(52, 44), 4, cv::Scalar(4), cv::FILLED);
    CocoExportOptions options;
    options.polygons = true;
    const std::string path = dir.file("poly.json");
    writeCoco(path, {{"img.png", labels}}, classes, options);

    const Json doc = Json::parse(test::readText(path));
    EXPECT_EQ(cocoSchemaProblems(doc), std::vector<std::string> {});
    std::map<int, Json> segmentationOf;
    for (const Json& a : doc["annotations"])
        segmentationOf[a["category_id"].get<int>() - 1] = a["segmentation"];
    ASSERT_EQ(segmentationOf.size(), 5u);
    EXPECT_TRUE(segmentationOf[0].is_object()) << "a mask with a hole must be RLE";
    EXPECT_TRUE(segmentationOf[1].is_array());
    // Vertices run along pixel edges in COCO coordinates (pixel i spans [i, i+1)): a pixel is a unit square.
    EXPECT_EQ(segmentationOf[2], Json::parse("[[2, 40, 2, 41, 3, 41, 3, 40]]"));
    EXPECT_EQ(segmentationOf[3], Json::parse("[[30, 3, 30, 15, 55, 15, 55, 3]]"));
    ASSERT_TRUE(segmentationOf[4].is_array());
    EXPECT_EQ(segmentationOf[4].size(), 2u) << "each part gets its own polygon";

    EXPECT_TRUE(same(readCoco(path).images[0].labels, labels));
}

TEST(Coco, PycocotoolsRasterisesOurPolygonsExactly)
{
    // tests/fixtures/polygon_reference.json: for each fixture mask that exports as polygons, the polygons we write
    // and the RLE that cocoapi's rleFrPoly (what pycocotools' annToRLE runs) made of them.
    const Json reference = Json::parse(readFileBytes(CASCADECLIP_SOURCE_DIR "/tests/fixtures/polygon_reference.json"));
    ASSERT_GE(reference["cases"].size(), 15u);
    for (const Json& r : reference["cases"]) {
        const test::FixtureMask c = test::FixtureMask::fromJson(r);
        SCOPED_TRACE(c.name);
        const cv::Mat mask = c.generate();
        const auto polygons = polygon::fromMask(mask);
        ASSERT_TRUE(polygons.has_value());
        EXPECT_EQ(Json(*polygons), r["polygons"]) << "the exporter changed: regenerate the fixture";
        const Rle byPycocotools = Rle::fromString(r["frpoly_counts"].get<std::string>(), c.h, c.w);
        EXPECT_TRUE(same(byPycocotools.decode(), mask));
        EXPECT_TRUE(same(polygon::rasterizeCoco(r["polygons"].get<polygon::Polygons>(), c.h, c.w), mask));
    }
}

TEST(Coco, ImportsWhatOtherToolsWrite)
{
    TempDir dir;
    // Category ids out of list order (looked up by id), iscrowd as bool and int, uncompressed RLE as crowd ground
    // truth stores it, a polygon in COCO coordinates (x 2..4, y 0..3: pixel columns 2-3, rows 0-2), extra keys.
    const Json doc = {{"images", {{{"id", 7}, {"width", 4}, {"height", 3}, {"file_name", "x.jpg"}, {"license", 1}}}},
        {"categories", {{{"id", 183}, {"name", "other"}}, {{"id", 92}, {"name", "banner"}}}},
        {"annotations",
            {{{"id", 1}, {"image_id", 7}, {"category_id", 92}, {"iscrowd", true},
                 {"segmentation", {{"size", {3, 4}}, {"counts", {0, 3, 9}}}}},
                {{"id", 2}, {"image_id", 7}, {"category_id", 183}, {"iscrowd", false},
                    {"segmentation", {{2.0, 0.0, 4.0, 0.0, 4.0, 3.0, 2.0, 3.0}}}},
                {{"id", 3}, {"image_id", 7}, {"category_id", 92}, {"iscrowd", 0}, {"score", 0.9},
                    {"segmentation", {{"size", {3, 4}}, {"counts", Rle::fromCounts({11, 1}, 3, 4).toString()}}}}}}};
    const std::string path = dir.file("other.json");
    writeText(path, doc.dump());
    const CocoDataset data = readCoco(path);
    ASSERT_EQ(data.classes.size(), 2u);
    EXPECT_EQ(data.categories[0].id, 183);
    EXPECT_EQ(data.classes[1].name, "banner");
    ASSERT_EQ(data.images.size(), 1u);
    EXPECT_EQ(data.images[0].id, 7);
    const std::uint16_t u = kUnlabeled;
    const cv::Mat expected = (cv::Mat_<std::uint16_t>(3, 4) << 1, u, 0, 0, //
        1, u, 0, 0, //
        1, u, 0, 1);
    EXPECT_TRUE(same(data.images[0].labels, expected)) << data.images[0].labels << "\n" << expected;
}

TEST(Coco, CategoryIdsCanBeGiven)
{
    TempDir dir;
    const ClassList classes = makeClassList({"a", "b"});
    CocoExportOptions options;
    options.categoryIds = {92, 7};
    const cv::Mat labels = (cv::Mat_<std::uint16_t>(1, 3) << 1, 0, 1);
    writeCoco(dir.file("ids.json"), {{"i.png", labels}}, classes, options);
    const CocoDataset back = readCoco(dir.file("ids.json"));
    EXPECT_EQ(back.categories[0].id, 92);
    EXPECT_EQ(back.categories[1].id, 7);
    EXPECT_TRUE(same(back.images[0].labels, labels));
    options.categoryIds = {3, 3};
    expectError(
        [&] {
            writeCoco(dir.file("dup.json"), {{"i.png", labels}}, classes, options);
        },
        {dir.file("dup.json"), "category id 3 is used twice"});
    EXPECT_FALSE(std::filesystem::exists(dir.file("dup.json")));
}

TEST(Coco, MalformedFilesGiveErrorsNamingTheFileAndPlace)
{
    TempDir dir;
    const Json good
        = makeCocoJson({{"a.png", (cv::Mat_<std::uint16_t>(2, 2) << 0, 1, 1, 0)}}, makeClassList({"x", "y"}));
    const auto check = [&](const std::string& name, const Json& doc, const std::vector<std::string>& fragments) {
        SCOPED_TRACE(name);
        const std::string path = dir.file(name);
        writeText(path, doc.dump());
        std::vector<std::string> all = {path + ": "};
        all.insert(all.end(), fragments.begin(), fragments.end());
        expectError([&] { readCoco(path); }, all);
    };

    const std::string garbage = dir.file("garbage.json");
    writeText(garbage, "{\"images\": [1, 2,,]");
    expectError([&] { readCoco(garbage); }, {garbage + ": not valid JSON", "line 1"});
    // Found by fuzzing: a number too large for any C++ type escaped as nlohmann's out_of_range.
    const std::string huge = dir.file("huge_number.json");
    writeText(huge, "{\"images\": [{\"id\": 7" + std::string(400, '0') + "}]}");
    expectError([&] { readCoco(huge); }, {huge + ": not valid JSON", "number overflow"});

    Json doc = good;
    doc["annotations"][0]["category_id"] = 9;
    check("unknown_category.json", doc, {"annotations[0].category_id: unknown category id 9"});
    doc = good;
    doc["annotations"][0]["image_id"] = 5;
    check("unknown_image.json", doc, {"annotations[0].image_id: unknown image id 5"});
    doc = good;
    doc["annotations"][0]["segmentation"]["size"] = {2, 3};
    check("wrong_size.json", doc, {"segmentation.size", "RLE size [2, 3] does not match the image size [2, 2]"});
    doc = good;
    doc["annotations"][0]["segmentation"]["counts"] = {1, 9};
    check("long_counts.json", doc, {"segmentation.counts", "sum to 10 pixels but size [2, 2] has 4"});
    doc = good;
    doc["annotations"][0]["segmentation"]["counts"] = "09";
    check("long_string.json", doc, {"segmentation.counts", "outside 0..4"});
    doc = good;
    doc["annotations"][0]["segmentation"] = {{1, 2, 3}};
    check("short_polygon.json", doc, {"segmentation[0]", "at least 6"});
    doc = good;
    doc["annotations"][0]["iscrowd"] = 2;
    check("crowd.json", doc, {"annotations[0].iscrowd", "expected 0, 1, false or true"});
    doc = good;
    doc["images"][0]["width"] = "2";
    check("width_string.json", doc, {"images[0].width: expected an integer, found string"});
    doc = good;
    doc["images"][0]["width"] = 100000;
    doc["images"][0]["height"] = 100000;
    check("huge.json", doc, {"images[0]: image size 100000x100000 out of range"});
    doc = good;
    doc.erase("categories");
    check("no_categories.json", doc, {"missing key \"categories\""});
    check("array.json", Json::array(), {"expected an object"});
}

TEST(Coco, MergeRenumbersConsistently)
{
    TempDir dir;
    const cv::Mat a1 = blobs(20, 30, 2, 11);
    const cv::Mat a2 = blobs(25, 25, 2, 12);
    const cv::Mat b1 = blobs(18, 22, 3, 13);
    // Shard A knows [cat, dog]; shard B knows [dog, bird, cat] with other ids, and repeats image a2.png.
    writeCoco(dir.file("a.json"), {{"a1.png", a1}, {"a2.png", a2}}, makeClassList({"cat", "dog"}));
    CocoExportOptions optionsB;
    optionsB.categoryIds = {1, 5, 2};
    cv::Mat a2InB(a2.size(), CV_16UC1, cv::Scalar(kUnlabeled));
    a2InB.setTo(cv::Scalar(0), a2 == 1); // dog is index 0 in B
    writeCoco(dir.file("b.json"), {{"b1.png", b1}, {"a2.png", a2InB}}, makeClassList({"dog", "bird", "cat"}), optionsB);

    const Json merged = mergeCoco({dir.file("a.json"), dir.file("b.json")});
    EXPECT_EQ(cocoSchemaProblems(merged), std::vector<std::string> {});
    ASSERT_EQ(merged["images"].size(), 3u);
    EXPECT_EQ(merged["images"][2]["file_name"], "b1.png");
    EXPECT_EQ(merged["images"][2]["id"], 3);
    // cat keeps 1, dog keeps 2; bird wanted 5, free, keeps it.
    ASSERT_EQ(merged["categories"].size(), 3u);
    EXPECT_EQ(merged["categories"][0]["name"], "cat");
    EXPECT_EQ(merged["categories"][1]["name"], "dog");
    EXPECT_EQ(merged["categories"][1]["id"], 2);
    EXPECT_EQ(merged["categories"][2], Json({{"id", 5}, {"name", "bird"}, {"supercategory", "class"}}));
    for (std::size_t i = 0; i < merged["annotations"].size(); ++i)
        EXPECT_EQ(merged["annotations"][i]["id"], static_cast<int>(i + 1));
    ASSERT_EQ(merged["info"]["merged_from"].size(), 2u);
    EXPECT_EQ(merged["info"]["merged_from"][1]["file"], dir.file("b.json"));

    const std::string out = dir.file("merged.json");
    writeText(out, merged.dump());
    const CocoDataset data = readCoco(out);
    // Label index = position in the merged categories: cat 0, dog 1, bird 2.
    EXPECT_TRUE(same(data.images[0].labels, a1));
    EXPECT_TRUE(same(data.images[1].labels, a2)); // both shards' dog pixels of a2 agree
    cv::Mat b1Merged(b1.size(), CV_16UC1, cv::Scalar(kUnlabeled));
    b1Merged.setTo(cv::Scalar(1), b1 == 0);
    b1Merged.setTo(cv::Scalar(2), b1 == 1);
    b1Merged.setTo(cv::Scalar(0), b1 == 2);
    EXPECT_TRUE(same(data.images[2].labels, b1Merged));

    // Same file name, different size: refused with both facts.
    writeCoco(dir.file("c.json"), {{"a1.png", blobs(21, 30, 2, 1)}}, makeClassList({"cat", "dog"}));
    expectError(
        [&] {
            mergeCoco({dir.file("a.json"), dir.file("c.json")});
        },
        {dir.file("c.json") + ": images[0]", "\"a1.png\" is 30x21 here but 30x20"});
    // A category id taken by another name is moved to the next free id.
    writeCoco(dir.file("d.json"), {{"d.png", blobs(5, 5, 1, 1)}}, makeClassList({"fish"}));
    const Json moved = mergeCoco({dir.file("a.json"), dir.file("d.json")});
    EXPECT_EQ(moved["categories"][2], Json({{"id", 3}, {"name", "fish"}, {"supercategory", "class"}}));
    EXPECT_EQ(moved["annotations"].back()["category_id"], 3);
}

TEST(Coco, MutatedDocumentsLoadOrFailWithError)
{
    CocoExportOptions polygons;
    polygons.polygons = true;
    const ClassList classes = makeClassList({"a", "b", "c"});
    const std::vector<CocoImage> images = {{"x.png", blobs(12, 16, 3, 5)}, {"y.png", blobs(9, 7, 3, 6)}};
    const Json rle = makeCocoJson(images, classes);
    const Json poly = makeCocoJson(images, classes, polygons);
    cv::RNG rng(2024);
    int rejected = 0;
    for (int i = 0; i < 600; ++i) {
        const Json doc = test::mutateJson(i % 2 ? rle : poly, rng);
        try {
            parseCoco(doc, "mutated.json");
        } catch (const Error& e) {
            ++rejected;
            ASSERT_EQ(std::string(e.what()).rfind("mutated.json: ", 0), 0u) << e.what();
        }
        // Any other exception type escapes and fails the test.
    }
    EXPECT_GT(rejected, 100);
}
