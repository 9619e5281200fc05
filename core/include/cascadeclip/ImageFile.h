// SPDX-License-Identifier: MIT
#pragma once
// Reading the images people hand us, with the checks OpenCV leaves out: an empty file, a format this build
// cannot decode (GIF), a truncated PNG or JPEG (OpenCV decodes a cut JPEG silently, grey at the bottom), and a
// configurable pixel limit checked on the header before anything is decoded. A JPEG over the limit is decoded
// at 1/2, 1/4 or 1/8 (libjpeg's cheap reduced decode) when that fits, with a note saying so; anything else over
// the limit is refused. The model resizes every image to a 512-pixel short side anyway.
//
// Typical use:
//   ImageReadOptions options;                  // options.maxPixels: 0 = no limit
//   ImageReadResult r = readImageFile(path, options);   // throws Error(ImageUnreadable) naming the file
//   if (!r.note.empty()) log(r.note);
//
// Any thread.

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <string>

namespace cascadeclip {

/// Default pixel limit: 100 megapixels (a 10000 x 10000 image), about 300 MB as 8-bit BGR.
inline constexpr std::uint64_t kDefaultMaxImagePixels = 100'000'000;

struct ImageReadOptions {
    std::uint64_t maxPixels = kDefaultMaxImagePixels; // 0 = no limit
    // Over the limit, decode a JPEG at a reduced size instead of refusing it. Off where the pixels must keep
    // the file's geometry (annotations are stored at the image's own size).
    bool allowDownsample = true;
};

struct ImageReadResult {
    cv::Mat bgr; // CV_8UC3: 16-bit, grey, alpha and CMYK inputs converted
    int sourceWidth = 0; // the file's own size (larger than bgr's when it was downsampled)
    int sourceHeight = 0;
    std::string note; // non-empty when the image was downsampled: what happened and why
};

/**
 * Decodes image bytes. @p what names them in messages (usually the path).
 * @throws Error(ErrorCode::ImageUnreadable) naming @p what and the reason
 */
ImageReadResult decodeImage(const std::string& bytes, const std::string& what, const ImageReadOptions& options = {});

/// Reads and decodes the file at @p path. @throws Error(ErrorCode::ImageUnreadable) naming @p path and the reason
ImageReadResult readImageFile(const std::string& path, const ImageReadOptions& options = {});

} // namespace cascadeclip
