// SPDX-License-Identifier: MIT
#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/LabelSet.h>

#include <set>

namespace cascadeclip::annotation {

Rgb vocColor(int index)
{
    // PASCAL VOC devkit `labelcolormap`: the bits of the index are spread over the three channels, high bit first.
    int r = 0;
    int g = 0;
    int b = 0;
    int c = index;
    for (int j = 0; j < 8; ++j) {
        r |= ((c >> 0) & 1) << (7 - j);
        g |= ((c >> 1) & 1) << (7 - j);
        b |= ((c >> 2) & 1) << (7 - j);
        c >>= 3;
    }
    return {static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b)};
}

Rgb classColor(const ClassList& classes, std::size_t index)
{
    if (index < classes.size() && classes[index].color)
        return *classes[index].color;
    if (index < 256)
        return vocColor(static_cast<int>(index));
    // Past the VOC map: a fixed integer hash of the index (splitmix64 finaliser), stable across runs.
    std::uint64_t z = index + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return {static_cast<std::uint8_t>(z), static_cast<std::uint8_t>(z >> 8), static_cast<std::uint8_t>(z >> 16)};
}

ClassList makeClassList(const std::vector<std::string>& names)
{
    ClassList classes;
    classes.reserve(names.size());
    for (const std::string& name : names)
        classes.push_back({name, std::nullopt});
    return classes;
}

void checkLabelMap(const cv::Mat& labels, const ClassList& classes, const std::string& what)
{
    if (labels.empty() || labels.type() != CV_16UC1)
        throw Error(ErrorCode::InvalidInput, what + ": the label map must be a non-empty CV_16UC1 image");
    if (classes.size() > kUnlabeled)
        throw Error(ErrorCode::InvalidInput,
            what + ": " + std::to_string(classes.size()) + " classes; at most 65535 fit a 16-bit label map");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (classes[i].name.empty())
            throw Error(ErrorCode::InvalidInput, what + ": class " + std::to_string(i) + " has an empty name");
        if (!seen.insert(classes[i].name).second)
            throw Error(ErrorCode::InvalidInput,
                what + ": class name \"" + classes[i].name + "\" appears twice; class names must be unique");
    }
    for (int y = 0; y < labels.rows; ++y) {
        const auto* row = labels.ptr<std::uint16_t>(y);
        for (int x = 0; x < labels.cols; ++x) {
            if (row[x] != kUnlabeled && row[x] >= classes.size())
                throw Error(ErrorCode::InvalidInput,
                    what + ": pixel (x=" + std::to_string(x) + ", y=" + std::to_string(y) + ") has class index "
                        + std::to_string(row[x]) + " but there are only " + std::to_string(classes.size())
                        + " classes");
        }
    }
}

} // namespace cascadeclip::annotation
