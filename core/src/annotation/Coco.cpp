// SPDX-License-Identifier: MIT
#include "annotation/JsonUtil.h"
#include "annotation/Polygon.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/Version.h>
#include <cascadeclip/annotation/Coco.h>
#include <cascadeclip/annotation/Rle.h>

#include <opencv2/core.hpp>

#include <chrono>
#include <ctime>
#include <set>
#include <unordered_map>

namespace cascadeclip::annotation {

namespace {

using json::Json;

std::string utcNow()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm {};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

cv::Mat decodeSegmentation(const Json& segmentation, int height, int width, const std::string& where)
{
    if (segmentation.is_object()) {
        const Json& size = json::array(json::member(segmentation, "size", where), json::at(where, "size"));
        if (size.size() != 2)
            json::fail(json::at(where, "size"), "expected [height, width]");
        const std::int64_t h = json::integer(size[0], json::at(json::at(where, "size"), 0));
        const std::int64_t w = json::integer(size[1], json::at(json::at(where, "size"), 1));
        if (h != height || w != width)
            json::fail(json::at(where, "size"),
                "RLE size [" + std::to_string(h) + ", " + std::to_string(w) + "] does not match the image size ["
                    + std::to_string(height) + ", " + std::to_string(width) + "] (size is [height, width])");
        const Json& counts = json::member(segmentation, "counts", where);
        try {
            if (counts.is_string())
                return Rle::fromString(counts.get<std::string>(), height, width).decode();
            json::array(counts, json::at(where, "counts"));
            std::vector<std::uint32_t> runs;
            runs.reserve(counts.size());
            for (std::size_t i = 0; i < counts.size(); ++i) {
                const std::int64_t c = json::integer(counts[i], json::at(json::at(where, "counts"), i));
                if (c < 0 || c > 0xFFFFFFFFLL)
                    json::fail(json::at(json::at(where, "counts"), i), "run length out of range");
                runs.push_back(static_cast<std::uint32_t>(c));
            }
            return Rle::fromCounts(std::move(runs), height, width).decode();
        } catch (const Error& e) {
            if (std::string(e.what()).rfind(where, 0) == 0)
                throw;
            json::fail(json::at(where, "counts"), e.what());
        }
    }
    if (segmentation.is_array()) {
        polygon::Polygons polygons;
        for (std::size_t i = 0; i < segmentation.size(); ++i) {
            const std::string p = json::at(where, i);
            const Json& flat = json::array(segmentation[i], p);
            if (flat.size() < 6 || flat.size() % 2 != 0)
                json::fail(p, "a polygon needs an even number of coordinates, at least 6 (3 vertices)");
            std::vector<double> coords;
            coords.reserve(flat.size());
            for (std::size_t k = 0; k < flat.size(); ++k)
                coords.push_back(json::number(flat[k], json::at(p, k)));
            polygons.push_back(std::move(coords));
        }
        return polygon::rasterizeCoco(polygons, height, width);
    }
    json::fail(where, std::string("expected an RLE object or a polygon list, found ") + segmentation.type_name());
}

bool readCrowd(const Json& annotation, const std::string& where)
{
    const auto it = annotation.find("iscrowd");
    if (it == annotation.end() || it->is_null())
        return false;
    // Integer 0/1 is the norm, some tools write booleans (ISAT's `iscrowd is False` trap): accept both.
    if (it->is_boolean())
        return it->get<bool>();
    const std::int64_t v = json::integer(*it, json::at(where, "iscrowd"));
    if (v != 0 && v != 1)
        json::fail(json::at(where, "iscrowd"), "expected 0, 1, false or true");
    return v == 1;
}

} // namespace

nlohmann::json makeCocoJson(
    const std::vector<CocoImage>& images, const ClassList& classes, const CocoExportOptions& options)
{
    if (!options.categoryIds.empty() && options.categoryIds.size() != classes.size())
        throw Error(ErrorCode::InvalidInput,
            "COCO export: " + std::to_string(options.categoryIds.size()) + " category ids for "
                + std::to_string(classes.size()) + " classes");
    Json doc;
    Json provenance = Json::object();
    for (const auto& [key, value] : options.provenance)
        provenance[key] = value;
    doc["info"] = {{"description", options.description}, {"version", kVersion}, {"date_created", utcNow()},
        {"contributor", std::string("Cascade-CLIP Studio ") + kVersion}, {"provenance", provenance}};
    doc["licenses"] = Json::array();

    doc["categories"] = Json::array();
    std::set<std::int64_t> usedIds;
    std::vector<std::int64_t> categoryIds;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const std::int64_t id = options.categoryIds.empty() ? static_cast<std::int64_t>(i) + 1 : options.categoryIds[i];
        if (!usedIds.insert(id).second)
            throw Error(ErrorCode::InvalidInput, "COCO export: category id " + std::to_string(id) + " is used twice");
        categoryIds.push_back(id);
        doc["categories"].push_back({{"id", id}, {"name", classes[i].name}, {"supercategory", options.supercategory}});
    }

    doc["images"] = Json::array();
    doc["annotations"] = Json::array();
    std::set<std::string> fileNames;
    std::set<std::int64_t> imageIds;
    std::int64_t nextAnnotationId = 1;
    for (std::size_t n = 0; n < images.size(); ++n) {
        const CocoImage& image = images[n];
        const std::string what = "COCO export: image \"" + image.fileName + "\"";
        checkLabelMap(image.labels, classes, what);
        if (!fileNames.insert(image.fileName).second)
            throw Error(ErrorCode::InvalidInput, what + " appears twice");
        const std::int64_t imageId = image.id != 0 ? image.id : static_cast<std::int64_t>(n) + 1;
        if (!imageIds.insert(imageId).second)
            throw Error(ErrorCode::InvalidInput, what + ": image id " + std::to_string(imageId) + " is used twice");
        doc["images"].push_back({{"id", imageId}, {"width", image.labels.cols}, {"height", image.labels.rows},
            {"file_name", image.fileName}});

        const std::vector<Rle> rles = Rle::encodeLabelMap(image.labels, classes.size());
        for (std::size_t c = 0; c < classes.size(); ++c) {
            const Rle& rle = rles[c];
            if (rle.counts.empty())
                continue; // class not present
            const auto bbox = rle.toBbox();
            Json annotation = {{"id", nextAnnotationId++}, {"image_id", imageId}, {"category_id", categoryIds[c]},
                {"iscrowd", 0}, {"area", rle.area()}, {"bbox", {bbox[0], bbox[1], bbox[2], bbox[3]}}};
            std::optional<polygon::Polygons> polygons;
            if (options.polygons)
                polygons = polygon::fromMask(rle.decode());
            if (polygons)
                annotation["segmentation"] = *polygons;
            else
                annotation["segmentation"] = {{"size", {rle.height, rle.width}}, {"counts", rle.toString()}};
            doc["annotations"].push_back(std::move(annotation));
        }
    }
    return doc;
}

void writeCoco(const std::string& path, const std::vector<CocoImage>& images, const ClassList& classes,
    const CocoExportOptions& options)
{
    Json doc;
    try {
        doc = makeCocoJson(images, classes, options);
    } catch (const Error& e) {
        throw Error(e.code(), path + ": " + e.what());
    }
    json::writeFile(path, doc, 1);
}

CocoDataset parseCoco(const nlohmann::json& doc, const std::string& name)
{
    const std::string what = json::root(name);
    json::object(doc, what);
    CocoDataset data;
    if (const auto it = doc.find("info"); it != doc.end())
        data.info = *it;

    std::unordered_map<std::int64_t, std::uint16_t> categoryIndex;
    const std::string cw = json::at(what, "categories");
    const Json& categories = json::array(json::member(doc, "categories", what), cw);
    if (categories.size() > kUnlabeled)
        json::fail(cw, "too many categories for a 16-bit label map");
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const std::string where = json::at(cw, i);
        CocoCategory category;
        category.id = json::integer(json::member(categories[i], "id", where), json::at(where, "id"));
        category.name = json::string(json::member(categories[i], "name", where), json::at(where, "name"));
        if (const auto s = categories[i].find("supercategory"); s != categories[i].end() && s->is_string())
            category.supercategory = s->get<std::string>();
        if (!categoryIndex.emplace(category.id, static_cast<std::uint16_t>(i)).second)
            json::fail(json::at(where, "id"), "category id " + std::to_string(category.id) + " is used twice");
        data.classes.push_back({category.name, std::nullopt});
        data.categories.push_back(std::move(category));
    }

    std::unordered_map<std::int64_t, std::size_t> imageIndex;
    const std::string iw = json::at(what, "images");
    const Json& images = json::array(json::member(doc, "images", what), iw);
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string where = json::at(iw, i);
        CocoImage image;
        image.id = json::integer(json::member(images[i], "id", where), json::at(where, "id"));
        image.fileName = json::string(json::member(images[i], "file_name", where), json::at(where, "file_name"));
        const std::int64_t width = json::integer(json::member(images[i], "width", where), json::at(where, "width"));
        const std::int64_t height = json::integer(json::member(images[i], "height", where), json::at(where, "height"));
        if (width <= 0 || height <= 0 || width > kMaxLabelMapPixels / height)
            json::fail(where, "image size " + std::to_string(width) + "x" + std::to_string(height) + " out of range");
        if (!imageIndex.emplace(image.id, i).second)
            json::fail(json::at(where, "id"), "image id " + std::to_string(image.id) + " is used twice");
        image.labels = cv::Mat(static_cast<int>(height), static_cast<int>(width), CV_16UC1, cv::Scalar(kUnlabeled));
        data.images.push_back(std::move(image));
    }

    const std::string aw = json::at(what, "annotations");
    const Json& annotations = json::array(json::member(doc, "annotations", what), aw);
    for (std::size_t i = 0; i < annotations.size(); ++i) {
        const std::string where = json::at(aw, i);
        const Json& a = json::object(annotations[i], where);
        const std::int64_t imageId = json::integer(json::member(a, "image_id", where), json::at(where, "image_id"));
        const auto img = imageIndex.find(imageId);
        if (img == imageIndex.end())
            json::fail(json::at(where, "image_id"), "unknown image id " + std::to_string(imageId));
        const std::int64_t categoryId
            = json::integer(json::member(a, "category_id", where), json::at(where, "category_id"));
        const auto cat = categoryIndex.find(categoryId);
        if (cat == categoryIndex.end())
            json::fail(json::at(where, "category_id"), "unknown category id " + std::to_string(categoryId));
        readCrowd(a, where);
        cv::Mat& labels = data.images[img->second].labels;
        const cv::Mat mask = decodeSegmentation(
            json::member(a, "segmentation", where), labels.rows, labels.cols, json::at(where, "segmentation"));
        labels.setTo(cv::Scalar(cat->second), mask);
    }
    return data;
}

CocoDataset readCoco(const std::string& path)
{
    return parseCoco(json::readFile(path), path);
}

nlohmann::json mergeCoco(const std::vector<std::string>& paths)
{
    if (paths.empty())
        throw Error(ErrorCode::InvalidInput, "merge: no input files");
    Json merged;
    merged["images"] = Json::array();
    merged["annotations"] = Json::array();
    merged["categories"] = Json::array();
    Json sources = Json::array();

    std::unordered_map<std::string, std::int64_t> categoryIdOfName;
    std::set<std::int64_t> takenCategoryIds;
    std::int64_t maxCategoryId = 0;
    std::unordered_map<std::string, std::size_t> imageOfFileName; // index into merged["images"]

    for (const std::string& path : paths) {
        const Json doc = json::readFile(path);
        const std::string top = json::root(path);
        json::object(doc, top);
        if (merged.find("info") == merged.end())
            merged["info"] = doc.contains("info") ? doc["info"] : Json::object();
        sources.push_back({{"file", path}, {"info", doc.contains("info") ? doc["info"] : Json()}});
        if (doc.contains("licenses") && !merged.contains("licenses"))
            merged["licenses"] = doc["licenses"];

        // Categories: matched by name; an id is kept unless another name took it first.
        std::unordered_map<std::int64_t, std::int64_t> categoryMap;
        const std::string cw = json::at(top, "categories");
        const Json& categories = json::array(json::member(doc, "categories", top), cw);
        for (std::size_t i = 0; i < categories.size(); ++i) {
            const std::string where = json::at(cw, i);
            const std::int64_t id = json::integer(json::member(categories[i], "id", where), json::at(where, "id"));
            const std::string name = json::string(json::member(categories[i], "name", where), json::at(where, "name"));
            if (categoryMap.count(id))
                json::fail(json::at(where, "id"), "category id " + std::to_string(id) + " is used twice");
            auto known = categoryIdOfName.find(name);
            if (known == categoryIdOfName.end()) {
                std::int64_t newId = id;
                if (takenCategoryIds.count(newId))
                    newId = maxCategoryId + 1;
                Json category = categories[i];
                category["id"] = newId;
                merged["categories"].push_back(category);
                takenCategoryIds.insert(newId);
                maxCategoryId = std::max(maxCategoryId, newId);
                known = categoryIdOfName.emplace(name, newId).first;
            }
            categoryMap[id] = known->second;
        }

        // Images: deduplicated by file_name, renumbered in order of first appearance.
        std::unordered_map<std::int64_t, std::int64_t> imageMap;
        const std::string iw = json::at(top, "images");
        const Json& images = json::array(json::member(doc, "images", top), iw);
        for (std::size_t i = 0; i < images.size(); ++i) {
            const std::string where = json::at(iw, i);
            const std::int64_t id = json::integer(json::member(images[i], "id", where), json::at(where, "id"));
            const std::string fileName
                = json::string(json::member(images[i], "file_name", where), json::at(where, "file_name"));
            const std::int64_t width = json::integer(json::member(images[i], "width", where), json::at(where, "width"));
            const std::int64_t height
                = json::integer(json::member(images[i], "height", where), json::at(where, "height"));
            if (imageMap.count(id))
                json::fail(json::at(where, "id"), "image id " + std::to_string(id) + " is used twice");
            auto known = imageOfFileName.find(fileName);
            if (known == imageOfFileName.end()) {
                Json image = images[i];
                image["id"] = static_cast<std::int64_t>(merged["images"].size()) + 1;
                merged["images"].push_back(image);
                known = imageOfFileName.emplace(fileName, merged["images"].size() - 1).first;
            } else {
                const Json& first = merged["images"][known->second];
                if (first["width"] != width || first["height"] != height)
                    json::fail(where,
                        "image \"" + fileName + "\" is " + std::to_string(width) + "x" + std::to_string(height)
                            + " here but " + first["width"].dump() + "x" + first["height"].dump()
                            + " in an earlier input");
            }
            imageMap[id] = merged["images"][known->second]["id"].get<std::int64_t>();
        }

        const std::string aw = json::at(top, "annotations");
        const Json& annotations = json::array(json::member(doc, "annotations", top), aw);
        for (std::size_t i = 0; i < annotations.size(); ++i) {
            const std::string where = json::at(aw, i);
            Json annotation = json::object(annotations[i], where);
            const std::int64_t imageId
                = json::integer(json::member(annotation, "image_id", where), json::at(where, "image_id"));
            const std::int64_t categoryId
                = json::integer(json::member(annotation, "category_id", where), json::at(where, "category_id"));
            const auto img = imageMap.find(imageId);
            if (img == imageMap.end())
                json::fail(json::at(where, "image_id"), "unknown image id " + std::to_string(imageId));
            const auto cat = categoryMap.find(categoryId);
            if (cat == categoryMap.end())
                json::fail(json::at(where, "category_id"), "unknown category id " + std::to_string(categoryId));
            annotation["id"] = static_cast<std::int64_t>(merged["annotations"].size()) + 1;
            annotation["image_id"] = img->second;
            annotation["category_id"] = cat->second;
            merged["annotations"].push_back(std::move(annotation));
        }
    }
    if (!merged["info"].is_object())
        merged["info"] = {{"original", merged["info"]}};
    merged["info"]["merged_from"] = sources;
    if (!merged.contains("licenses"))
        merged["licenses"] = Json::array();
    return merged;
}

} // namespace cascadeclip::annotation
