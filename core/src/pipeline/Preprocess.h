// SPDX-License-Identifier: MIT
#pragma once
// mmseg 0.24's test pipeline, with OpenCV exactly as mmcv does it (spec section 1.1), and the sliding windows
// of slide_inference (spec section 1.2).

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <vector>

namespace cascadeclip::pipeline {

/// Size after mmseg's Resize(img_scale=(2048, 512), keep_ratio, min_size=512) + mmcv.imrescale: the short side
/// becomes exactly `shortSide` (long side uncapped), each side rounded as int(x * sf + 0.5).
cv::Size rescaledSize(cv::Size original, int shortSide);

/// CLIP normalisation, RGB order.
inline constexpr double kMeanRgb[3] = {123.675, 116.28, 103.53};
inline constexpr double kStdRgb[3] = {58.395, 57.12, 57.375};

/// bgr: CV_8UC3 -> [1, 3, H', W'] float32: INTER_LINEAR resize on uint8, BGR->RGB, subtract mean, multiply by
/// 1/std (mmcv.imnormalize).
torch::Tensor preprocess(const cv::Mat& bgr, int shortSide);

/// One sliding window in the resized image: rows [y1, y2), columns [x1, x2).
struct Window {
    int y1 = 0, y2 = 0, x1 = 0, x2 = 0;
};

/// Windows of slide_inference: grids of `crop` with `stride`, the last one shifted back to end at the border.
std::vector<Window> slidingWindows(int height, int width, int crop, int stride);

} // namespace cascadeclip::pipeline
