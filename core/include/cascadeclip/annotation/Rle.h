// SPDX-License-Identifier: MIT
#pragma once
// COCO run-length encoding, byte-compatible with pycocotools (cocodataset/cocoapi common/maskApi.c):
//  - pixels are visited in column-major (Fortran) order, as `mask.encode` requires;
//  - counts alternate starting with the number of zeros (so the first count may be 0);
//  - the compressed string is LEB128-like with 5 data bits per char plus a continuation bit, chars 48..111,
//    and for i > 2 each count is stored as the difference to counts[i - 2];
//  - `size` is [height, width].
//
// Typical use:
//   Rle rle = Rle::encode(binaryMask);                     // CV_8UC1, nonzero = inside
//   json["segmentation"] = {{"size", {rle.height, rle.width}}, {"counts", rle.toString()}};
//   Rle back = Rle::fromString(counts, height, width);     // throws Error(InvalidInput) on bad counts

#include <opencv2/core/mat.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cascadeclip::annotation {

struct Rle {
    int height = 0;
    int width = 0;
    std::vector<std::uint32_t> counts; // run lengths in column-major order, zeros first; they sum to height*width

    /// Encodes a binary mask (CV_8UC1, nonzero = foreground) like pycocotools' `encode`.
    static Rle encode(const cv::Mat& mask);

    /// Encodes the pixels of @p labels (CV_16UC1) equal to @p classIndex.
    static Rle encodeClass(const cv::Mat& labels, std::uint16_t classIndex);

    /// encodeClass() for every class 0..classCount-1 in one pass over @p labels (instead of one per class).
    /// Classes without pixels get an Rle with empty counts; values >= classCount (kUnlabeled) belong to none.
    static std::vector<Rle> encodeLabelMap(const cv::Mat& labels, std::size_t classCount);

    /// Parses a compressed counts string (`rleFrString`). Rejects characters outside 48..111, a final
    /// character that announces more, negative or oversized counts, and counts that do not sum to h*w.
    /// @throws Error(ErrorCode::InvalidInput) with the reason (callers prefix the file)
    static Rle fromString(std::string_view counts, int height, int width);

    /// Validates an uncompressed RLE (`counts` as a list, as crowd ground truth stores it).
    /// @throws Error(ErrorCode::InvalidInput) when the counts do not sum to h*w
    static Rle fromCounts(std::vector<std::uint32_t> counts, int height, int width);

    /// The compressed counts string (`rleToString`), ready for JSON.
    std::string toString() const;

    /// The binary mask, CV_8UC1 with values 0 and 1.
    cv::Mat decode() const;

    /// Number of foreground pixels (`rleArea`).
    std::uint64_t area() const;

    /// [x, y, w, h] like `rleToBbox` (all zero for an empty mask; 0-indexed, [0,0,1,1] is the first pixel).
    std::array<double, 4> toBbox() const;
};

} // namespace cascadeclip::annotation
