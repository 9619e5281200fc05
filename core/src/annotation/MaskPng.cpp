// SPDX-License-Identifier: MIT
#include "annotation/JsonUtil.h"
#include "annotation/Png.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/MaskPng.h>

#include <map>
#include <sstream>

namespace cascadeclip::annotation {

namespace {

// Name of the unlabeled entry in legends: labelme's label for ignore regions.
constexpr const char* kIgnoreName = "__ignore__";

std::vector<Rgb> paletteFor(const ClassList& classes)
{
    std::vector<Rgb> palette(256);
    for (std::size_t i = 0; i < palette.size(); ++i)
        palette[i] = classColor(classes, i);
    palette[kIgnore8] = kUnlabeledColor;
    return palette;
}

std::string hex(const Rgb& c)
{
    return std::to_string(c[0]) + "," + std::to_string(c[1]) + "," + std::to_string(c[2]);
}

void checkColors(const ClassList& classes, const std::string& what)
{
    std::map<Rgb, std::size_t> owner;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const Rgb c = classColor(classes, i);
        if (c == kUnlabeledColor)
            throw Error(ErrorCode::InvalidInput,
                what + ": class \"" + classes[i].name + "\" uses the unlabeled colour " + hex(c));
        const auto [it, inserted] = owner.emplace(c, i);
        if (!inserted)
            throw Error(ErrorCode::InvalidInput,
                what + ": classes \"" + classes[it->second].name + "\" and \"" + classes[i].name
                    + "\" share the colour " + hex(c) + "; colours must be unique");
    }
}

cv::Mat decodeIndices(const png::Image& image, const std::string& what, std::optional<std::size_t> classCount)
{
    if (image.colorType != png::ColorType::Palette && image.colorType != png::ColorType::Grey)
        throw Error(ErrorCode::InvalidInput,
            what + ": " + png::describe(image)
                + " PNG holds colours, not class indices; read it with its legend (readColorPng)");
    const std::uint16_t ignore = image.pixels.depth() == CV_16U ? kIgnore16 : kIgnore8;
    cv::Mat labels(image.pixels.rows, image.pixels.cols, CV_16UC1);
    for (int y = 0; y < labels.rows; ++y) {
        auto* out = labels.ptr<std::uint16_t>(y);
        for (int x = 0; x < labels.cols; ++x) {
            const std::uint16_t v = image.pixels.depth() == CV_16U ? image.pixels.ptr<std::uint16_t>(y)[x]
                                                                   : image.pixels.ptr<std::uint8_t>(y)[x];
            if (v == ignore) {
                out[x] = kUnlabeled;
                continue;
            }
            if (classCount && v >= *classCount)
                throw Error(ErrorCode::InvalidInput,
                    what + ": pixel (x=" + std::to_string(x) + ", y=" + std::to_string(y) + ") has index "
                        + std::to_string(v) + " but there are only " + std::to_string(*classCount) + " classes");
            out[x] = v;
        }
    }
    return labels;
}

png::Image readPng(const std::string& path)
{
    const std::string bytes = readFileBytes(path);
    try {
        return png::decode(bytes);
    } catch (const Error& e) {
        throw Error(e.code(), path + ": " + e.what());
    }
}

Rgb parseColor(const json::Json& value, const std::string& where)
{
    json::array(value, where);
    if (value.size() != 3)
        json::fail(where, "a colour needs 3 components");
    Rgb c {};
    for (std::size_t k = 0; k < 3; ++k) {
        const std::int64_t v = json::integer(value[k], json::at(where, k));
        if (v < 0 || v > 255)
            json::fail(json::at(where, k), "colour component out of 0..255");
        c[k] = static_cast<std::uint8_t>(v);
    }
    return c;
}

} // namespace

std::string encodeIndexPng(const cv::Mat& labels, const ClassList& classes)
{
    checkLabelMap(labels, classes, "index PNG");
    if (classes.size() <= kMaxPaletteClasses) {
        cv::Mat indices(labels.rows, labels.cols, CV_8UC1);
        for (int y = 0; y < labels.rows; ++y) {
            const auto* in = labels.ptr<std::uint16_t>(y);
            auto* out = indices.ptr<std::uint8_t>(y);
            for (int x = 0; x < labels.cols; ++x)
                out[x] = in[x] == kUnlabeled ? kIgnore8 : static_cast<std::uint8_t>(in[x]);
        }
        const std::vector<Rgb> palette = paletteFor(classes);
        return png::encode(indices, &palette);
    }
    // kUnlabeled == kIgnore16, so the label map is already the 16-bit image.
    static_assert(kUnlabeled == kIgnore16);
    return png::encode(labels);
}

void writeIndexPng(const std::string& path, const cv::Mat& labels, const ClassList& classes)
{
    std::string bytes;
    try {
        bytes = encodeIndexPng(labels, classes);
    } catch (const Error& e) {
        throw Error(e.code(), path + ": " + e.what());
    }
    writeFileAtomically(path, bytes);
}

cv::Mat decodeIndexPng(const std::string& bytes, const std::string& what, std::optional<std::size_t> classCount)
{
    png::Image image;
    try {
        image = png::decode(bytes);
    } catch (const Error& e) {
        throw Error(e.code(), what + ": " + e.what());
    }
    return decodeIndices(image, what, classCount);
}

cv::Mat readIndexPng(const std::string& path, std::optional<std::size_t> classCount)
{
    return decodeIndices(readPng(path), path, classCount);
}

void writeColorPng(const std::string& path, const cv::Mat& labels, const ClassList& classes)
{
    checkLabelMap(labels, classes, path);
    checkColors(classes, path);
    std::vector<Rgb> colors(classes.size());
    for (std::size_t i = 0; i < classes.size(); ++i)
        colors[i] = classColor(classes, i);
    cv::Mat rgb(labels.rows, labels.cols, CV_8UC3);
    for (int y = 0; y < labels.rows; ++y) {
        const auto* in = labels.ptr<std::uint16_t>(y);
        auto* out = rgb.ptr<std::uint8_t>(y);
        for (int x = 0; x < labels.cols; ++x) {
            const Rgb c = in[x] == kUnlabeled ? kUnlabeledColor : colors[in[x]];
            out[3 * x + 0] = c[0];
            out[3 * x + 1] = c[1];
            out[3 * x + 2] = c[2];
        }
    }
    writeFileAtomically(path, png::encode(rgb));
}

void writeCvatLabelmap(const std::string& path, const ClassList& classes)
{
    checkColors(classes, path);
    std::string text = "# label:color_rgb:parts:actions\n";
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (classes[i].name.find_first_of(":\n") != std::string::npos)
            throw Error(ErrorCode::InvalidInput,
                path + ": class name \"" + classes[i].name + "\" contains ':' or a line break, which labelmap.txt "
                    + "cannot represent");
        text += classes[i].name + ":" + hex(classColor(classes, i)) + "::\n";
    }
    text += std::string(kIgnoreName) + ":" + hex(kUnlabeledColor) + "::\n";
    writeFileAtomically(path, text);
}

void writeLegendJson(const std::string& path, const ClassList& classes)
{
    checkColors(classes, path);
    json::Json legend;
    legend["type"] = "rgb";
    legend["classes"] = json::Json::array();
    legend["colors"] = json::Json::object();
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const Rgb c = classColor(classes, i);
        legend["classes"].push_back({{"index", i}, {"name", classes[i].name}, {"color", {c[0], c[1], c[2]}}});
        legend["colors"][classes[i].name] = {c[0], c[1], c[2]};
    }
    legend["unlabeled"]
        = {{"name", kIgnoreName}, {"color", {kUnlabeledColor[0], kUnlabeledColor[1], kUnlabeledColor[2]}}};
    json::writeFile(path, legend);
}

ClassList readCvatLabelmap(const std::string& path)
{
    std::istringstream in(readFileBytes(path));
    ClassList classes;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        const std::string where = path + ": line " + std::to_string(number);
        const auto c1 = line.find(':');
        const auto c2 = c1 == std::string::npos ? c1 : line.find(':', c1 + 1);
        if (c1 == std::string::npos || c1 == 0)
            throw Error(ErrorCode::InvalidInput, where + ": expected label:R,G,B:parts:actions");
        const std::string name = line.substr(0, c1);
        const std::string color = line.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
        Rgb rgb {};
        int parsed = 0;
        std::istringstream cs(color);
        std::string part;
        while (std::getline(cs, part, ',')) {
            std::size_t used = 0;
            int v = -1;
            try {
                v = std::stoi(part, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (parsed >= 3 || used != part.size() || v < 0 || v > 255)
                throw Error(ErrorCode::InvalidInput, where + ": invalid colour \"" + color + "\"");
            rgb[parsed++] = static_cast<std::uint8_t>(v);
        }
        if (parsed != 3)
            throw Error(ErrorCode::InvalidInput, where + ": invalid colour \"" + color + "\"");
        if (name == kIgnoreName)
            continue;
        classes.push_back({name, rgb});
    }
    return classes;
}

ClassList readLegendJson(const std::string& path)
{
    const json::Json legend = json::readFile(path);
    const std::string top = json::root(path);
    const json::Json& entries = json::array(json::member(legend, "classes", top), json::at(top, "classes"));
    ClassList classes;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string where = json::at(json::at(top, "classes"), i);
        const std::int64_t index = json::integer(json::member(entries[i], "index", where), json::at(where, "index"));
        if (index != static_cast<std::int64_t>(i))
            json::fail(json::at(where, "index"), "expected index " + std::to_string(i) + " (classes are in order)");
        classes.push_back({json::string(json::member(entries[i], "name", where), json::at(where, "name")),
            parseColor(json::member(entries[i], "color", where), json::at(where, "color"))});
    }
    return classes;
}

cv::Mat readColorPng(const std::string& path, const ClassList& legend)
{
    std::map<Rgb, std::uint16_t> index;
    for (std::size_t i = 0; i < legend.size(); ++i) {
        if (!legend[i].color)
            throw Error(ErrorCode::InvalidInput, path + ": legend class \"" + legend[i].name + "\" has no colour");
        if (!index.emplace(*legend[i].color, static_cast<std::uint16_t>(i)).second)
            throw Error(
                ErrorCode::InvalidInput, path + ": the legend gives two classes the colour " + hex(*legend[i].color));
    }
    const png::Image image = readPng(path);
    if (image.colorType != png::ColorType::Rgb && image.colorType != png::ColorType::Rgba)
        throw Error(ErrorCode::InvalidInput,
            path + ": " + png::describe(image) + " PNG is not a colour mask; read it as an index PNG");
    const int channels = image.pixels.channels();
    cv::Mat labels(image.pixels.rows, image.pixels.cols, CV_16UC1);
    for (int y = 0; y < labels.rows; ++y) {
        const auto* in = image.pixels.ptr<std::uint8_t>(y);
        auto* out = labels.ptr<std::uint16_t>(y);
        for (int x = 0; x < labels.cols; ++x) {
            const Rgb c = {in[channels * x], in[channels * x + 1], in[channels * x + 2]};
            if (c == kUnlabeledColor) {
                out[x] = kUnlabeled;
                continue;
            }
            const auto it = index.find(c);
            if (it == index.end())
                throw Error(ErrorCode::InvalidInput,
                    path + ": pixel (x=" + std::to_string(x) + ", y=" + std::to_string(y) + ") has colour " + hex(c)
                        + ", which the legend does not list");
            out[x] = it->second;
        }
    }
    return labels;
}

void writeTrainIdPng(const std::string& pngPath, const std::string& sidecarPath, const cv::Mat& labels,
    const ClassList& classes, const TrainIdOptions& options)
{
    checkLabelMap(labels, classes, pngPath);
    if (options.backgroundClass && *options.backgroundClass >= classes.size())
        throw Error(ErrorCode::InvalidInput, pngPath + ": the background class index is out of range");
    std::vector<std::uint8_t> trainId(classes.size(), kIgnore8);
    json::Json names = json::Json::array();
    json::Json classIndexOf = json::Json::array();
    std::size_t next = 0;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (options.backgroundClass && i == *options.backgroundClass)
            continue;
        if (next >= kMaxTrainIds)
            throw Error(ErrorCode::InvalidInput,
                pngPath + ": " + std::to_string(classes.size()) + " classes need more than 255 train ids");
        trainId[i] = static_cast<std::uint8_t>(next++);
        names.push_back(classes[i].name);
        classIndexOf.push_back(i);
    }
    cv::Mat ids(labels.rows, labels.cols, CV_8UC1);
    for (int y = 0; y < labels.rows; ++y) {
        const auto* in = labels.ptr<std::uint16_t>(y);
        auto* out = ids.ptr<std::uint8_t>(y);
        for (int x = 0; x < labels.cols; ++x)
            out[x] = in[x] == kUnlabeled ? kIgnore8 : trainId[in[x]];
    }
    json::Json sidecar;
    sidecar["format"] = "mmseg-train-ids";
    sidecar["ignore_index"] = kIgnore8;
    sidecar["reduce_zero_label"] = false; // already reduced here: the PNG holds train ids
    sidecar["classes"] = names;
    sidecar["class_index_of_train_id"] = classIndexOf;
    sidecar["all_classes"] = json::Json::array();
    for (const ClassInfo& c : classes)
        sidecar["all_classes"].push_back(c.name);
    if (options.backgroundClass)
        sidecar["ignored_class"]
            = {{"index", *options.backgroundClass}, {"name", classes[*options.backgroundClass].name}};
    writeFileAtomically(pngPath, png::encode(ids));
    json::writeFile(sidecarPath, sidecar);
}

cv::Mat readTrainIdPng(const std::string& pngPath, const std::string& sidecarPath)
{
    const json::Json sidecar = json::readFile(sidecarPath);
    const std::string top = json::root(sidecarPath);
    const json::Json& map
        = json::array(json::member(sidecar, "class_index_of_train_id", top), json::at(top, "class_index_of_train_id"));
    std::vector<std::uint16_t> classOf;
    for (std::size_t i = 0; i < map.size(); ++i) {
        const std::int64_t v = json::integer(map[i], json::at(json::at(top, "class_index_of_train_id"), i));
        if (v < 0 || v >= kUnlabeled)
            json::fail(json::at(json::at(top, "class_index_of_train_id"), i), "class index out of range");
        classOf.push_back(static_cast<std::uint16_t>(v));
    }
    std::uint16_t ignoreTo = kUnlabeled;
    if (const auto it = sidecar.find("ignored_class"); it != sidecar.end()) {
        const std::string where = json::at(top, "ignored_class");
        const std::int64_t v = json::integer(json::member(*it, "index", where), json::at(where, "index"));
        if (v < 0 || v >= kUnlabeled)
            json::fail(json::at(where, "index"), "class index out of range");
        // Background and unlabeled pixels share 255 in the file; they come back as the background class.
        ignoreTo = static_cast<std::uint16_t>(v);
    }
    const png::Image image = readPng(pngPath);
    if (image.colorType != png::ColorType::Grey || image.bitDepth > 8)
        throw Error(
            ErrorCode::InvalidInput, pngPath + ": " + png::describe(image) + " PNG is not an 8-bit grey train-id mask");
    cv::Mat labels(image.pixels.rows, image.pixels.cols, CV_16UC1);
    for (int y = 0; y < labels.rows; ++y) {
        const auto* in = image.pixels.ptr<std::uint8_t>(y);
        auto* out = labels.ptr<std::uint16_t>(y);
        for (int x = 0; x < labels.cols; ++x) {
            if (in[x] == kIgnore8) {
                out[x] = ignoreTo;
                continue;
            }
            if (in[x] >= classOf.size())
                throw Error(ErrorCode::InvalidInput,
                    pngPath + ": pixel (x=" + std::to_string(x) + ", y=" + std::to_string(y) + ") has train id "
                        + std::to_string(in[x]) + ", which " + sidecarPath + " does not map");
            out[x] = classOf[in[x]];
        }
    }
    return labels;
}

} // namespace cascadeclip::annotation
