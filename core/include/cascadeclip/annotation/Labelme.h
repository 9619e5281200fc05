// SPDX-License-Identifier: MIT
#pragma once
// labelme JSON (also read by X-AnyLabeling, AnyLabeling and CVAT's "LabelMe" format), version 5.x layout:
// `{"version","flags":{},"shapes":[...],"imagePath","imageData":null,"imageHeight","imageWidth"}`.
//
// Export writes one shape per class present, `shape_type` "mask" as labelme 5 writes it: `points` are the
// inclusive bbox corners [[xmin, ymin], [xmax, ymax]] and `mask` is a base64 8-bit grey PNG (values 0/1) of the
// crop mask[ymin:ymax+1, xmin:xmax+1]. Import paints shapes in file order (later shapes over earlier ones, as
// labelme's shapes_to_label does): polygon, rectangle, circle and mask. point, line and linestrip cover no area
// and are counted in LabelmeDocument::skippedShapes. Unknown keys are ignored.
//
// Any thread.

#include <cascadeclip/annotation/LabelSet.h>

#include <nlohmann/json.hpp>
#include <opencv2/core/mat.hpp>

#include <string>

namespace cascadeclip::annotation {

// labelme version written into exported files: the 5.x format with mask shapes.
inline constexpr const char* kLabelmeVersion = "5.5.0";

/**
 * The labelme document for @p labels.
 * @param imagePath written as `imagePath` (labelme resolves it relative to the JSON file)
 * @throws Error(ErrorCode::InvalidInput) on a bad label map
 */
nlohmann::json makeLabelmeJson(const cv::Mat& labels, const ClassList& classes, const std::string& imagePath);

/// Writes makeLabelmeJson() to @p path atomically. @throws Error naming @p path
void writeLabelme(
    const std::string& path, const cv::Mat& labels, const ClassList& classes, const std::string& imagePath);

struct LabelmeDocument {
    std::string imagePath;
    cv::Mat labels; // CV_16UC1, kUnlabeled where no shape lies
    ClassList classes; // the caller's classes, plus new labels when allowed
    int skippedShapes = 0; // shapes without area (point, line, linestrip)
};

/**
 * Reads a labelme file into a label map. Labels are looked up by name in @p classes.
 * @param addUnknownClasses append labels not in @p classes (in order of appearance) instead of failing
 * @throws Error(ErrorCode::InvalidInput) naming @p path, the shape and the reason (unknown label, bad points,
 *         a mask patch that is not a PNG or does not fit the image, ...)
 */
LabelmeDocument readLabelme(const std::string& path, const ClassList& classes, bool addUnknownClasses = false);

/// Same as readLabelme for an already parsed document; @p what names it in messages.
LabelmeDocument parseLabelme(
    const nlohmann::json& document, const std::string& what, const ClassList& classes, bool addUnknownClasses);

} // namespace cascadeclip::annotation
