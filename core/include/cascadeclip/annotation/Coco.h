// SPDX-License-Identifier: MIT
#pragma once
// COCO JSON for semantic label maps, as COCO-Stuff writes it (nightrome/cocostuffapi `segmentationToCocoResult`):
// one annotation per (image, class present) whose `segmentation` is the compressed RLE of that class's mask,
// `iscrowd` 0, `area` and `bbox` from the RLE. Class masks of a label map are disjoint by construction.
//
// Imported polygons are rasterised by pixel centres (pixel (x, y) spans [x, x+1) x [y, y+1)); pycocotools' frPoly
// samples differently near the edges, so polygons from other tools can differ from it along the boundary.
//
// Category ids: by default class index + 1, so 0 stays free for background/unlabeled (ecosystem.md §3.1);
// CocoExportOptions::categoryIds gives them explicitly (e.g. COCO-Stuff's 92..182). Readers look categories up
// by id, never by list position.
//
// Typical use:
//   CocoExportOptions options;
//   options.provenance = {{"weights", info.weightsId}, {"threshold", "0.5"}};
//   writeCoco("out.json", {{"img1.jpg", labels}}, classes, options);     // throws Error naming the file
//   CocoDataset d = readCoco("out.json");                              // d.images[0].labels: CV_16UC1
//
// Any thread.

#include <cascadeclip/annotation/LabelSet.h>

#include <nlohmann/json.hpp>
#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cascadeclip::annotation {

struct CocoImage {
    std::string fileName;
    cv::Mat labels; // CV_16UC1 class index or kUnlabeled
    std::int64_t id = 0; // export: 0 = assign 1, 2, ... in order; import: the file's id
};

struct CocoExportOptions {
    // Write polygons instead of RLE where they carry the mask exactly: outer boundaries along pixel edges (OpenCV
    // findContours on the mask upsampled 2x), which pycocotools rasterises back to the very same pixels. A mask
    // with a hole cannot be a polygon (coco-annotator#187) and falls back to RLE for that annotation.
    bool polygons = false;
    // Category id of each class; empty = index + 1.
    std::vector<std::int64_t> categoryIds;
    // Free-form key/value pairs stored under info.provenance (weights hash, classes, templates, NGA weights,
    // threshold, ...), so a file says how it was made.
    std::map<std::string, std::string> provenance;
    std::string description = "Cascade-CLIP Studio semantic segmentation";
    std::string supercategory = "class";
};

struct CocoCategory {
    std::int64_t id = 0;
    std::string name;
    std::string supercategory;
};

struct CocoDataset {
    std::vector<CocoCategory> categories; // in file order; label index i = categories[i]
    ClassList classes; // the category names, same order
    std::vector<CocoImage> images; // in file order
    nlohmann::json info; // the file's info object (null when absent)
};

/**
 * The COCO document for @p images.
 * @throws Error(ErrorCode::InvalidInput) on a bad label map, duplicate category ids or file names
 */
nlohmann::json makeCocoJson(
    const std::vector<CocoImage>& images, const ClassList& classes, const CocoExportOptions& options = {});

/// Writes makeCocoJson() to @p path atomically. @throws Error naming @p path
void writeCoco(const std::string& path, const std::vector<CocoImage>& images, const ClassList& classes,
    const CocoExportOptions& options = {});

/**
 * Reads a COCO file into one label map per image. Accepts compressed RLE (counts string), uncompressed RLE
 * (counts list) and polygons; `iscrowd` as 0/1 or false/true. Overlapping annotations: the later one wins.
 * @throws Error(ErrorCode::InvalidInput) naming @p path, the JSON location and the reason: missing keys, wrong
 *         types, unknown category or image id, RLE size different from the image, counts not summing to h*w
 */
CocoDataset readCoco(const std::string& path);

/// Same as readCoco for an already parsed document; @p what names it in messages.
CocoDataset parseCoco(const nlohmann::json& document, const std::string& what);

/**
 * Merges COCO files (e.g. per-shard outputs) into one: images deduplicated by file_name (their sizes must agree),
 * categories matched by name (an id is kept unless another name already took it, then the next free id is used),
 * image and annotation ids renumbered 1..N in input order, info kept from the first file with every input's info
 * listed under info.merged_from.
 * @throws Error naming the offending input file and the reason
 */
nlohmann::json mergeCoco(const std::vector<std::string>& paths);

} // namespace cascadeclip::annotation
