// SPDX-License-Identifier: MIT
#include "annotation/Base64.h"
#include "annotation/JsonUtil.h"
#include "annotation/Png.h"
#include "annotation/Polygon.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/Labelme.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <unordered_map>

namespace cascadeclip::annotation {

namespace {

using json::Json;

std::vector<cv::Point2d> readPoints(const Json& shape, const std::string& where)
{
    const std::string pw = json::at(where, "points");
    const Json& points = json::array(json::member(shape, "points", where), pw);
    std::vector<cv::Point2d> out;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Json& p = json::array(points[i], json::at(pw, i));
        if (p.size() != 2)
            json::fail(json::at(pw, i), "a point is [x, y]");
        out.emplace_back(
            json::number(p[0], json::at(json::at(pw, i), 0)), json::number(p[1], json::at(json::at(pw, i), 1)));
    }
    return out;
}

// labelme coordinates put pixel centres on integers (PIL ImageDraw), so a vertex names the nearest pixel.
int nearestPixel(double v)
{
    return static_cast<int>(std::max(-1.0e7, std::min(1.0e7, std::floor(v + 0.5))));
}

cv::Mat shapeMask(const Json& shape, const std::string& type, const std::vector<cv::Point2d>& points, int height,
    int width, const std::string& where)
{
    cv::Mat mask = cv::Mat::zeros(height, width, CV_8UC1);
    if (type == "polygon") {
        if (points.size() < 3)
            json::fail(json::at(where, "points"), "a polygon needs at least 3 points");
        std::vector<double> flat;
        for (const cv::Point2d& p : points) {
            flat.push_back(p.x);
            flat.push_back(p.y);
        }
        return polygon::rasterizeLabelme(flat, height, width);
    }
    if (type == "rectangle") {
        if (points.size() != 2)
            json::fail(json::at(where, "points"), "a rectangle takes exactly 2 points");
        cv::rectangle(mask, cv::Point(nearestPixel(points[0].x), nearestPixel(points[0].y)),
            cv::Point(nearestPixel(points[1].x), nearestPixel(points[1].y)), cv::Scalar(1), cv::FILLED, cv::LINE_8);
        return mask;
    }
    if (type == "circle") {
        if (points.size() != 2)
            json::fail(json::at(where, "points"), "a circle takes exactly 2 points (centre, point on the rim)");
        const double radius = std::hypot(points[1].x - points[0].x, points[1].y - points[0].y);
        cv::circle(mask, cv::Point(nearestPixel(points[0].x), nearestPixel(points[0].y)),
            static_cast<int>(std::min(1.0e7, std::round(radius))), cv::Scalar(1), cv::FILLED, cv::LINE_8);
        return mask;
    }
    // type == "mask": a PNG patch whose top-left pixel is points[0] (labelme's shape_to_mask).
    if (points.size() != 2)
        json::fail(json::at(where, "points"), "a mask takes exactly 2 points (bbox corners)");
    const std::string mw = json::at(where, "mask");
    const std::string b64 = json::string(json::member(shape, "mask", where), mw);
    png::Image patch;
    try {
        patch = png::decode(base64::decode(b64));
    } catch (const Error& e) {
        json::fail(mw, e.what());
    }
    if (patch.colorType == png::ColorType::Rgb || patch.colorType == png::ColorType::Rgba
        || patch.colorType == png::ColorType::GreyAlpha)
        json::fail(mw, png::describe(patch) + " PNG; a mask patch must be a grey, bilevel or palette PNG");
    const int x0 = static_cast<int>(std::floor(points[0].x));
    const int y0 = static_cast<int>(std::floor(points[0].y));
    const cv::Rect where2d(x0, y0, patch.pixels.cols, patch.pixels.rows);
    if (x0 < 0 || y0 < 0 || where2d.br().x > width || where2d.br().y > height)
        json::fail(mw,
            "the " + std::to_string(patch.pixels.cols) + "x" + std::to_string(patch.pixels.rows) + " patch at ("
                + std::to_string(x0) + ", " + std::to_string(y0) + ") does not fit the " + std::to_string(width) + "x"
                + std::to_string(height) + " image");
    cv::Mat nonzero = patch.pixels != 0;
    nonzero.copyTo(mask(where2d));
    return mask;
}

} // namespace

nlohmann::json makeLabelmeJson(const cv::Mat& labels, const ClassList& classes, const std::string& imagePath)
{
    checkLabelMap(labels, classes, "labelme export");
    Json doc;
    doc["version"] = kLabelmeVersion;
    doc["flags"] = Json::object();
    doc["shapes"] = Json::array();
    for (std::size_t c = 0; c < classes.size(); ++c) {
        cv::Mat mask;
        cv::compare(labels, cv::Scalar(static_cast<double>(c)), mask, cv::CMP_EQ);
        if (cv::countNonZero(mask) == 0)
            continue;
        const cv::Rect box = cv::boundingRect(mask);
        cv::Mat patch = mask(box) / 255; // 0/1, as labelme saves mask.astype(np.uint8)
        Json shape;
        shape["label"] = classes[c].name;
        shape["points"] = {{static_cast<double>(box.x), static_cast<double>(box.y)},
            {static_cast<double>(box.x + box.width - 1), static_cast<double>(box.y + box.height - 1)}};
        shape["group_id"] = nullptr;
        shape["description"] = "";
        shape["shape_type"] = "mask";
        shape["flags"] = Json::object();
        shape["mask"] = base64::encode(png::encode(patch));
        doc["shapes"].push_back(std::move(shape));
    }
    doc["imagePath"] = imagePath;
    doc["imageData"] = nullptr;
    doc["imageHeight"] = labels.rows;
    doc["imageWidth"] = labels.cols;
    return doc;
}

void writeLabelme(
    const std::string& path, const cv::Mat& labels, const ClassList& classes, const std::string& imagePath)
{
    Json doc;
    try {
        doc = makeLabelmeJson(labels, classes, imagePath);
    } catch (const Error& e) {
        throw Error(e.code(), path + ": " + e.what());
    }
    json::writeFile(path, doc, 2);
}

LabelmeDocument parseLabelme(
    const nlohmann::json& doc, const std::string& name, const ClassList& classes, bool addUnknownClasses)
{
    const std::string what = json::root(name);
    json::object(doc, what);
    LabelmeDocument result;
    result.classes = classes;
    if (const auto it = doc.find("imagePath"); it != doc.end() && !it->is_null())
        result.imagePath = json::string(*it, json::at(what, "imagePath"));
    const std::int64_t height = json::integer(json::member(doc, "imageHeight", what), json::at(what, "imageHeight"));
    const std::int64_t width = json::integer(json::member(doc, "imageWidth", what), json::at(what, "imageWidth"));
    if (height <= 0 || width <= 0 || width > kMaxLabelMapPixels / height)
        json::fail(what, "image size " + std::to_string(width) + "x" + std::to_string(height) + " out of range");
    result.labels = cv::Mat(static_cast<int>(height), static_cast<int>(width), CV_16UC1, cv::Scalar(kUnlabeled));

    std::unordered_map<std::string, std::uint16_t> indexOf;
    for (std::size_t i = 0; i < classes.size(); ++i)
        indexOf.emplace(classes[i].name, static_cast<std::uint16_t>(i));

    const std::string sw = json::at(what, "shapes");
    const Json& shapes = json::array(json::member(doc, "shapes", what), sw);
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const std::string where = json::at(sw, i);
        const Json& shape = json::object(shapes[i], where);
        const std::string label = json::string(json::member(shape, "label", where), json::at(where, "label"));
        // labelme defaults a missing shape_type to polygon.
        std::string type = "polygon";
        if (const auto t = shape.find("shape_type"); t != shape.end() && !t->is_null())
            type = json::string(*t, json::at(where, "shape_type"));
        const std::vector<cv::Point2d> points = readPoints(shape, where);
        if (type == "point" || type == "line" || type == "linestrip" || type == "points") {
            ++result.skippedShapes;
            continue;
        }
        if (type != "polygon" && type != "rectangle" && type != "circle" && type != "mask")
            json::fail(json::at(where, "shape_type"), "unsupported shape type \"" + type + "\"");
        auto known = indexOf.find(label);
        if (known == indexOf.end()) {
            if (!addUnknownClasses)
                json::fail(json::at(where, "label"), "unknown label \"" + label + "\" (not in the class list)");
            if (result.classes.size() >= kUnlabeled)
                json::fail(json::at(where, "label"), "too many classes");
            known = indexOf.emplace(label, static_cast<std::uint16_t>(result.classes.size())).first;
            result.classes.push_back({label, std::nullopt});
        }
        const cv::Mat mask = shapeMask(shape, type, points, result.labels.rows, result.labels.cols, where);
        result.labels.setTo(cv::Scalar(known->second), mask);
    }
    return result;
}

LabelmeDocument readLabelme(const std::string& path, const ClassList& classes, bool addUnknownClasses)
{
    return parseLabelme(json::readFile(path), path, classes, addUnknownClasses);
}

} // namespace cascadeclip::annotation
