// SPDX-License-Identifier: MIT
#pragma once
// The class list every export writes: an ordered list of names with optional colours. A class id is its index
// in this list and never changes with the labelling order (the CVAT bugs #2032, #7447 and #9848 come from ids
// that followed the order of appearance instead).
//
// Label maps are cv::Mat CV_16UC1 with the class index 0..C-1, and cascadeclip::kUnlabeled for pixels no class
// claims (see Segmenter.h).

#include <opencv2/core/mat.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cascadeclip::annotation {

using Rgb = std::array<std::uint8_t, 3>;

struct ClassInfo {
    std::string name;
    std::optional<Rgb> color; // unset: the VOC palette colour of the class index
};

/// Ordered classes; the class id is the index.
using ClassList = std::vector<ClassInfo>;

// Largest label map an importer creates (width x height): bigger sizes in a file are treated as corrupt instead of
// attempting a multi-gigabyte allocation. 2^28 pixels = 512 MiB as CV_16UC1 (a 16k x 16k image).
inline constexpr std::int64_t kMaxLabelMapPixels = std::int64_t(1) << 28;

// Colour of unlabeled pixels in colour exports and palette entry 255 of index PNGs: the VOC "void" colour.
inline constexpr Rgb kUnlabeledColor = {224, 224, 192};

/// Entry @p index (0..255) of the PASCAL VOC colour map (bit-interleaved; 0 = black, 1 = (128,0,0), 255 = void).
Rgb vocColor(int index);

/// The colour class @p index is drawn with: its own when set, otherwise vocColor(index) (for index < 256).
/// Classes past 255 without a colour get a deterministic colour derived from the index.
Rgb classColor(const ClassList& classes, std::size_t index);

/// A class list from plain names, all with default colours.
ClassList makeClassList(const std::vector<std::string>& names);

/**
 * Checks that @p labels is a CV_16UC1 label map whose values are class indices below classes.size() or
 * kUnlabeled, and that class names are unique and non-empty.
 * @param what names the output in the error message (usually the file being written)
 * @throws Error(ErrorCode::InvalidInput) naming @p what and the first offending pixel or class
 */
void checkLabelMap(const cv::Mat& labels, const ClassList& classes, const std::string& what);

} // namespace cascadeclip::annotation
