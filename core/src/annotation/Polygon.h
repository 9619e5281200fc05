// SPDX-License-Identifier: MIT
#pragma once
// Polygon <-> mask conversion shared by the COCO and labelme code. Internal to core.
//
// COCO coordinates are continuous: pixel (x, y) spans [x, x+1) x [y, y+1), so "bbox=[0 0 1 1] encloses the first
// pixel" (pycocotools mask.py). Exported polygons therefore run along pixel edges, and COCO polygons are
// rasterised by pixel centres: a pixel is inside when its centre (x+0.5, y+0.5) is (even-odd rule per polygon,
// union across polygons). With these two rules pycocotools' frPoly gives our masks back exactly, which centre-
// vertex polygons from plain findContours do not (measured: they lose ~7% of the pixels, the whole boundary).
// cv::fillPoly cannot do centre sampling: it includes both boundaries, one pixel too wide for edge polygons.
//
// labelme coordinates put pixel centres on integers (PIL ImageDraw draws the vertex's pixel and the outline), so
// labelme polygons go through cv::fillPoly, which includes the boundary the same way.

#include <opencv2/core/mat.hpp>

#include <optional>
#include <vector>

namespace cascadeclip::annotation::polygon {

/// Flat [x1, y1, x2, y2, ...] vertex lists, one per polygon.
using Polygons = std::vector<std::vector<double>>;

/// COCO polygons to a CV_8UC1 0/1 mask of @p height x @p width by pixel-centre sampling (see above).
cv::Mat rasterizeCoco(const Polygons& polygons, int height, int width);

/// labelme polygon (vertices on pixel centres) to a CV_8UC1 0/1 mask with cv::fillPoly, boundary included.
cv::Mat rasterizeLabelme(const std::vector<double>& polygon, int height, int width);

/**
 * Outer boundaries of @p mask (CV_8UC1, nonzero = inside) as COCO polygons along pixel edges, one per
 * 8-connected part. Returns nullopt when polygons cannot carry the mask exactly: the mask has a hole
 * (coco-annotator#187), or rasterizeCoco() of the result is not the mask.
 */
std::optional<Polygons> fromMask(const cv::Mat& mask);

} // namespace cascadeclip::annotation::polygon
