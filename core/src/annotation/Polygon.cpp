// SPDX-License-Identifier: MIT
#include "annotation/Polygon.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace cascadeclip::annotation::polygon {

namespace {

// Clamp before converting to int: a huge coordinate in a file must not overflow.
int clampToInt(double v)
{
    constexpr double kLimit = 1 << 24;
    return static_cast<int>(std::max(-kLimit, std::min(kLimit, v)));
}

} // namespace

cv::Mat rasterizeCoco(const Polygons& polygons, int height, int width)
{
    cv::Mat mask = cv::Mat::zeros(height, width, CV_8UC1);
    std::vector<double> crossings;
    for (const std::vector<double>& flat : polygons) {
        const std::size_t n = flat.size() / 2;
        if (n < 3)
            continue;
        double top = flat[1];
        double bottom = flat[1];
        for (std::size_t i = 0; i < n; ++i) {
            top = std::min(top, flat[2 * i + 1]);
            bottom = std::max(bottom, flat[2 * i + 1]);
        }
        // Rows whose centre y + 0.5 lies in [top, bottom).
        const int firstRow = std::max(0, clampToInt(std::ceil(top - 0.5)));
        const int lastRow = std::min(height - 1, clampToInt(std::ceil(bottom - 0.5)) - 1);
        for (int y = firstRow; y <= lastRow; ++y) {
            const double yc = y + 0.5;
            crossings.clear();
            for (std::size_t i = 0; i < n; ++i) {
                const std::size_t j = (i + 1) % n;
                const double x0 = flat[2 * i];
                const double y0 = flat[2 * i + 1];
                const double x1 = flat[2 * j];
                const double y1 = flat[2 * j + 1];
                // Half-open in y, so a vertex on the scanline is counted once and horizontal edges never.
                if ((y0 <= yc) != (y1 <= yc))
                    crossings.push_back(x0 + (yc - y0) * (x1 - x0) / (y1 - y0));
            }
            std::sort(crossings.begin(), crossings.end());
            auto* row = mask.ptr<std::uint8_t>(y);
            for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
                // Pixels whose centre x + 0.5 lies in [left, right).
                const int from = std::max(0, clampToInt(std::ceil(crossings[k] - 0.5)));
                const int to = std::min(width - 1, clampToInt(std::ceil(crossings[k + 1] - 0.5)) - 1);
                for (int x = from; x <= to; ++x)
                    row[x] = 1;
            }
        }
    }
    return mask;
}

cv::Mat rasterizeLabelme(const std::vector<double>& polygon, int height, int width)
{
    cv::Mat mask = cv::Mat::zeros(height, width, CV_8UC1);
    std::vector<cv::Point> points;
    for (std::size_t i = 0; i + 1 < polygon.size(); i += 2)
        points.emplace_back(clampToInt(std::floor(polygon[i] + 0.5)), clampToInt(std::floor(polygon[i + 1] + 0.5)));
    if (points.empty())
        return mask;
    const cv::Point* data = points.data();
    const int count = static_cast<int>(points.size());
    cv::fillPoly(mask, &data, &count, 1, cv::Scalar(1), cv::LINE_8);
    // fillPoly skips degenerate (zero-area) polygons; PIL still draws their outline.
    cv::polylines(mask, &data, &count, 1, true, cv::Scalar(1), 1, cv::LINE_8);
    return mask;
}

std::optional<Polygons> fromMask(const cv::Mat& mask)
{
    const cv::Mat binary = mask != 0;
    const cv::Rect box = cv::boundingRect(binary);
    if (box.empty())
        return Polygons {};
    // Work on the part's bounding box with a zero border, upsampled 2x: in the 2x grid the contour pixels of
    // original pixel x are 2x and 2x+1, so (j + 1) / 2 turns a contour coordinate j into the pixel edge on the
    // outside of that pixel. Diagonal steps collapse to the shared corner.
    cv::Mat padded;
    cv::copyMakeBorder(binary(box), padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::Mat upsampled;
    cv::resize(padded, upsampled, cv::Size(), 2.0, 2.0, cv::INTER_NEAREST);
    std::vector<std::vector<cv::Point>> contours;
    std::vector<cv::Vec4i> hierarchy;
    // RETR_CCOMP: outer boundaries and the holes inside them (hierarchy[i][3] >= 0 for a hole).
    cv::findContours(upsampled, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE);
    Polygons polygons;
    for (std::size_t i = 0; i < contours.size(); ++i) {
        if (hierarchy[i][3] >= 0)
            return std::nullopt; // a hole: polygons cannot express it unambiguously (coco-annotator#187)
        std::vector<double> flat;
        for (const cv::Point& p : contours[i]) {
            const double x = (p.x + 1) / 2 + box.x - 1;
            const double y = (p.y + 1) / 2 + box.y - 1;
            const std::size_t m = flat.size();
            if (m >= 2 && flat[m - 2] == x && flat[m - 1] == y)
                continue;
            flat.push_back(x);
            flat.push_back(y);
        }
        if (flat.size() >= 4 && flat[0] == flat[flat.size() - 2] && flat[1] == flat.back())
            flat.resize(flat.size() - 2);
        if (flat.size() < 6)
            return std::nullopt;
        polygons.push_back(std::move(flat));
    }
    if (cv::countNonZero(rasterizeCoco(polygons, mask.rows, mask.cols) != (binary & 1)) != 0)
        return std::nullopt;
    return polygons;
}

} // namespace cascadeclip::annotation::polygon
