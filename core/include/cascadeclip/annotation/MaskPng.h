// SPDX-License-Identifier: MIT
#pragma once
// Label maps as PNG files, in the three shapes the ecosystem reads (see docs: ecosystem.md §3.2):
//
//  - Index PNG (for training). Up to 254 classes: an 8-bit palette ('P' mode) PNG, pixel = class index in the
//    stable class order, 255 = unlabeled/ignore, palette = the class colours (VOC colour map by default), like
//    VOC SegmentationClass and labelme's `lblsave`. Above 254 classes: a 16-bit greyscale PNG, pixel = class
//    index, 65535 = unlabeled (kIgnore16), because 8 bits run out (label-studio#3697).
//  - Colour PNG (for people): 8-bit RGB with each class's colour, unlabeled = kUnlabeledColor, plus a legend:
//    CVAT's `labelmap.txt` and a JSON legend. Colours are checked for uniqueness before anything is written.
//    A colour PNG is never read as indices: readIndexPng refuses it, readColorPng needs the legend.
//  - MMSeg train-id PNG: 8-bit greyscale with contiguous train ids and 255 = ignore, plus a JSON sidecar with the
//    mapping. With a background class it is mapped to 255 and the others renumbered, so the config uses
//    `reduce_zero_label=False` (the sidecar says so).
//
// All writers go through writeFileAtomically. All functions may be called from any thread.

#include <cascadeclip/annotation/LabelSet.h>

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace cascadeclip::annotation {

// Pixel value of unlabeled pixels in 8-bit index and train-id PNGs (VOC "void", MMSeg `ignore_index`).
inline constexpr std::uint8_t kIgnore8 = 255;
// Pixel value of unlabeled pixels in 16-bit index PNGs.
inline constexpr std::uint16_t kIgnore16 = 65535;
// Most classes written as an 8-bit palette PNG (indices 0..253); more classes give a 16-bit PNG.
inline constexpr std::size_t kMaxPaletteClasses = 254;
// Most train ids an 8-bit train-id PNG can hold (0..254; 255 is kIgnore8).
inline constexpr std::size_t kMaxTrainIds = 255;

/**
 * PNG bytes of the index PNG of @p labels (palette for <= 254 classes, 16-bit grey above).
 * @throws Error(ErrorCode::InvalidInput) when the label map holds an index >= classes.size()
 */
std::string encodeIndexPng(const cv::Mat& labels, const ClassList& classes);

/// Writes encodeIndexPng() to @p path. @throws Error naming @p path
void writeIndexPng(const std::string& path, const cv::Mat& labels, const ClassList& classes);

/**
 * Reads an index PNG: palette PNGs give their raw indices (never the palette colours), 8-bit grey PNGs their
 * values with 255 = unlabeled, 16-bit grey PNGs their values with 65535 = unlabeled. Colour (RGB/RGBA) and
 * grey+alpha PNGs are rejected: they hold colours, not indices; use readColorPng with a legend.
 * @param classCount when set, any index >= classCount is an error
 * @return CV_16UC1 label map with kUnlabeled for ignore pixels
 * @throws Error(ErrorCode::ImageUnreadable or InvalidInput) naming @p path and the reason
 */
cv::Mat readIndexPng(const std::string& path, std::optional<std::size_t> classCount = std::nullopt);

/// Same as readIndexPng for bytes in memory; @p what names the source in messages.
cv::Mat decodeIndexPng(const std::string& bytes, const std::string& what, std::optional<std::size_t> classCount);

/**
 * Writes the colour PNG of @p labels (8-bit RGB; unlabeled = kUnlabeledColor).
 * @throws Error(ErrorCode::InvalidInput) when two classes share a colour or a class uses kUnlabeledColor
 */
void writeColorPng(const std::string& path, const cv::Mat& labels, const ClassList& classes);

/**
 * Writes CVAT's `labelmap.txt`: `# label:color_rgb:parts:actions`, then one `name:R,G,B::` line per class in the
 * stable order. CVAT expects `background` on the first line (cvat#1736), so put the background class at index 0.
 * Unlabeled pixels are listed last as `__ignore__` with kUnlabeledColor (labelme's name for ignore).
 */
void writeCvatLabelmap(const std::string& path, const ClassList& classes);

/**
 * Writes the JSON legend: `{"type":"rgb","classes":[{"index","name","color":[r,g,b]}...],
 * "colors":{name:[r,g,b]}, "unlabeled":{"name":"__ignore__","color":[224,224,192]}}`; `colors` mirrors
 * X-AnyLabeling's mask colour map.
 */
void writeLegendJson(const std::string& path, const ClassList& classes);

/// Reads a CVAT `labelmap.txt` (any `__ignore__` line is the unlabeled colour, not a class).
/// @throws Error(ErrorCode::InvalidInput) naming @p path and the line
ClassList readCvatLabelmap(const std::string& path);

/// Reads a legend written by writeLegendJson. @throws Error naming @p path and the reason
ClassList readLegendJson(const std::string& path);

/**
 * Maps a colour PNG back to class indices with the colours of @p legend (all must be set).
 * kUnlabeledColor becomes kUnlabeled; any other unknown colour is an error naming the pixel and the colour.
 */
cv::Mat readColorPng(const std::string& path, const ClassList& legend);

struct TrainIdOptions {
    // Class written as ignore (255) instead of a train id, usually "background" at index 0. The other classes
    // are renumbered 0.. in their stable order.
    std::optional<std::size_t> backgroundClass;
};

/**
 * Writes an MMSeg train-id PNG (8-bit grey, 255 = ignore) and its sidecar JSON: `{"format":"mmseg-train-ids",
 * "ignore_index":255, "reduce_zero_label":false, "classes":[train id -> name], "class_index_of_train_id":[...]}`.
 * @throws Error(ErrorCode::InvalidInput) when more than 255 train ids would be needed
 */
void writeTrainIdPng(const std::string& pngPath, const std::string& sidecarPath, const cv::Mat& labels,
    const ClassList& classes, const TrainIdOptions& options = {});

/// Reads a train-id PNG back to class indices through its sidecar. @throws Error naming the file and reason
cv::Mat readTrainIdPng(const std::string& pngPath, const std::string& sidecarPath);

} // namespace cascadeclip::annotation
