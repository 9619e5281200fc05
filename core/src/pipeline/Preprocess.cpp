// SPDX-License-Identifier: MIT
#include "pipeline/Preprocess.h"

#include <cascadeclip/Error.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace cascadeclip::pipeline {

cv::Size rescaledSize(cv::Size original, int shortSide)
{
    const double h = original.height, w = original.width;
    // mmseg Resize._resize_img with min_size: the target scale keeps the aspect ratio at the new short side.
    double scaleH = 0, scaleW = 0;
    if (h > w) {
        scaleH = shortSide * h / w;
        scaleW = shortSide;
    } else {
        scaleH = shortSide;
        scaleW = shortSide * w / h;
    }
    // mmcv.rescale_size: factor = min(max(scale) / max(h, w), min(scale) / min(h, w)).
    const double factor
        = std::min(std::max(scaleH, scaleW) / std::max(h, w), std::min(scaleH, scaleW) / std::min(h, w));
    return {static_cast<int>(w * factor + 0.5), static_cast<int>(h * factor + 0.5)};
}

torch::Tensor preprocess(const cv::Mat& bgr, int shortSide)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw Error(ErrorCode::InvalidInput, "preprocess: expected a non-empty 8-bit 3-channel BGR image");
    const cv::Size size = rescaledSize(bgr.size(), shortSide);
    cv::Mat resized;
    cv::resize(bgr, resized, size, 0, 0, cv::INTER_LINEAR);
    cv::Mat img;
    resized.convertTo(img, CV_32F);
    cv::cvtColor(img, img, cv::COLOR_BGR2RGB);
    cv::subtract(img, cv::Scalar(kMeanRgb[0], kMeanRgb[1], kMeanRgb[2]), img);
    cv::multiply(img, cv::Scalar(1.0 / kStdRgb[0], 1.0 / kStdRgb[1], 1.0 / kStdRgb[2]), img);
    const auto hwc = torch::from_blob(img.data, {img.rows, img.cols, 3}, torch::kFloat32);
    return hwc.permute({2, 0, 1}).unsqueeze(0).contiguous(); // [1, 3, H', W']
}

std::vector<Window> slidingWindows(int height, int width, int crop, int stride)
{
    const int hGrids = std::max(height - crop + stride - 1, 0) / stride + 1;
    const int wGrids = std::max(width - crop + stride - 1, 0) / stride + 1;
    std::vector<Window> out;
    for (int hi = 0; hi < hGrids; ++hi) {
        for (int wi = 0; wi < wGrids; ++wi) {
            Window w;
            w.y1 = hi * stride;
            w.x1 = wi * stride;
            w.y2 = std::min(w.y1 + crop, height);
            w.x2 = std::min(w.x1 + crop, width);
            w.y1 = std::max(w.y2 - crop, 0);
            w.x1 = std::max(w.x2 - crop, 0);
            out.push_back(w);
        }
    }
    return out;
}

} // namespace cascadeclip::pipeline
