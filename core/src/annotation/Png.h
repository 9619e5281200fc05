// SPDX-License-Identifier: MIT
#pragma once
// Raw PNG encode/decode with libpng: OpenCV's codecs cannot write a palette PNG and expand palettes to BGR on
// read, which would turn class indices into colours. Internal to core.

#include <cascadeclip/annotation/LabelSet.h>

#include <opencv2/core/mat.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cascadeclip::annotation::png {

enum class ColorType { Grey, GreyAlpha, Palette, Rgb, Rgba };

struct Image {
    ColorType colorType = ColorType::Grey;
    int bitDepth = 8; // as stored in the file
    cv::Mat pixels; // Grey/Palette: CV_8UC1 (depth <= 8, values unscaled) or CV_16UC1; GreyAlpha: CV_8UC2;
                    // Rgb: CV_8UC3; Rgba: CV_8UC4 (RGB order, 16-bit colour is reduced to 8 bits)
    std::vector<Rgb> palette; // Palette only
};

/// PNG bytes for CV_8UC1 (grey, or indices when @p palette is given), CV_16UC1 (grey) or CV_8UC3 (RGB order).
/// @throws Error(ErrorCode::Internal) when libpng fails
std::string encode(const cv::Mat& pixels, const std::vector<Rgb>* palette = nullptr);

/// Decodes PNG bytes without any colour conversion: palette images stay indices.
/// @throws Error(ErrorCode::ImageUnreadable) with the reason (truncated, not a PNG, CRC error, ...)
Image decode(std::string_view bytes);

/// A short name for messages: "8-bit palette", "16-bit grey", "8-bit RGB", ...
std::string describe(const Image& image);

} // namespace cascadeclip::annotation::png
