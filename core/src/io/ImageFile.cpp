// SPDX-License-Identifier: MIT
#include <cascadeclip/Error.h>
#include <cascadeclip/ImageFile.h>

#include <opencv2/imgcodecs.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

namespace cascadeclip {

namespace {

enum class Format { Unknown, Png, Jpeg, Gif, Bmp, Other };

struct Header {
    Format format = Format::Unknown;
    std::uint64_t width = 0; // 0 when the header does not say
    std::uint64_t height = 0;
};

std::uint32_t be32(const std::string& b, std::size_t at)
{
    return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16)
        | (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}

std::uint32_t be16(const std::string& b, std::size_t at)
{
    return (std::uint32_t(std::uint8_t(b[at])) << 8) | std::uint32_t(std::uint8_t(b[at + 1]));
}

std::uint32_t le32(const std::string& b, std::size_t at)
{
    return std::uint32_t(std::uint8_t(b[at])) | (std::uint32_t(std::uint8_t(b[at + 1])) << 8)
        | (std::uint32_t(std::uint8_t(b[at + 2])) << 16) | (std::uint32_t(std::uint8_t(b[at + 3])) << 24);
}

[[noreturn]] void unreadable(const std::string& what, const std::string& why)
{
    throw Error(ErrorCode::ImageUnreadable, what + ": " + why);
}

/// The format and size from the first bytes, and the end-of-file checks that catch a truncated download.
Header readHeader(const std::string& b, const std::string& what)
{
    Header h;
    if (b.size() >= 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
        h.format = Format::Png;
        if (b.size() < 24 || b.compare(12, 4, "IHDR") != 0)
            unreadable(what, "a PNG file cut short before its header ended");
        h.width = be32(b, 16);
        h.height = be32(b, 20);
        // Every complete PNG ends with an IEND chunk (4-byte length, "IEND", 4-byte CRC).
        if (b.size() < 12 + 24 || b.compare(b.size() - 8, 4, "IEND") != 0)
            unreadable(what, "a truncated PNG file (no IEND chunk at the end; was the copy or download cut short?)");
    } else if (b.size() >= 3 && std::uint8_t(b[0]) == 0xFF && std::uint8_t(b[1]) == 0xD8
        && std::uint8_t(b[2]) == 0xFF) {
        h.format = Format::Jpeg;
        // Walk the marker segments up to the frame header (SOF0..SOF15 except DHT, JPG and DAC).
        std::size_t p = 2;
        while (p + 4 <= b.size() && std::uint8_t(b[p]) == 0xFF) {
            const std::uint8_t marker = std::uint8_t(b[p + 1]);
            if (marker == 0xFF) {
                ++p;
                continue;
            }
            const std::uint32_t length = be16(b, p + 2);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if (p + 9 <= b.size()) {
                    h.height = be16(b, p + 5);
                    h.width = be16(b, p + 7);
                }
                break;
            }
            if (marker == 0xDA || length < 2)
                break;
            p += 2 + length;
        }
        // A complete JPEG ends with the EOI marker (some writers add padding after it).
        const std::size_t tail = b.size() > 64 ? b.size() - 64 : 0;
        if (b.find("\xFF\xD9", tail) == std::string::npos)
            unreadable(what, "a truncated JPEG file (no end-of-image marker; was the copy or download cut short?)");
    } else if (b.size() >= 6 && (b.compare(0, 6, "GIF87a") == 0 || b.compare(0, 6, "GIF89a") == 0)) {
        h.format = Format::Gif;
    } else if (b.size() >= 26 && b.compare(0, 2, "BM") == 0) {
        h.format = Format::Bmp;
        h.width = le32(b, 18);
        const auto height = static_cast<std::int32_t>(le32(b, 22)); // negative: stored top-down
        h.height = height < 0 ? std::uint64_t(-std::int64_t {height}) : std::uint64_t(height);
    } else if ((b.size() >= 4 && (b.compare(0, 4, "II*\0", 4) == 0 || b.compare(0, 4, "MM\0*", 4) == 0))
        || (b.size() >= 12 && b.compare(0, 4, "RIFF") == 0 && b.compare(8, 4, "WEBP") == 0)
        || (b.size() >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '7')) {
        h.format = Format::Other; // TIFF, WebP, PNM: OpenCV reads the size
    }
    return h;
}

std::string pixelText(std::uint64_t w, std::uint64_t h)
{
    std::ostringstream s;
    s << w << "x" << h << " (" << (w * h) << " pixels)";
    return s.str();
}

} // namespace

ImageReadResult decodeImage(const std::string& bytes, const std::string& what, const ImageReadOptions& options)
{
    if (bytes.empty())
        unreadable(what, "the file is empty (0 bytes)");
    const Header header = readHeader(bytes, what);
    // Only the formats people annotate reach OpenCV: its other decoders (DICOM, HDR, EXR, ...) are not needed here
    // and some allocate whatever a corrupt header asks for.
    if (header.format == Format::Unknown)
        unreadable(what, "not a readable image (not PNG, JPEG, BMP, TIFF, WebP or PNM data)");
    if (header.format == Format::Gif)
        unreadable(what, "GIF images cannot be decoded by this build (OpenCV has no GIF reader); convert it to PNG");
    if ((header.format == Format::Png || header.format == Format::Bmp) && (header.width == 0 || header.height == 0))
        unreadable(what, "the header gives a size of " + pixelText(header.width, header.height));

    const std::uint64_t pixels = header.width * header.height;
    int flags = cv::IMREAD_COLOR;
    std::string note;
    if (options.maxPixels > 0 && pixels > options.maxPixels) {
        const std::string over = pixelText(header.width, header.height) + " is over the limit of "
            + std::to_string(options.maxPixels) + " pixels";
        if (!options.allowDownsample || header.format != Format::Jpeg || pixels / 64 > options.maxPixels)
            unreadable(what, over + "; raise the maximum pixel count to open it");
        int factor = 2;
        while (pixels / (std::uint64_t(factor) * factor) > options.maxPixels)
            factor *= 2;
        flags = factor == 2 ? cv::IMREAD_REDUCED_COLOR_2
            : factor == 4   ? cv::IMREAD_REDUCED_COLOR_4
                            : cv::IMREAD_REDUCED_COLOR_8;
        note = what + ": " + over + "; decoded at 1/" + std::to_string(factor) + " size";
    }
    if (bytes.size() > std::size_t {std::numeric_limits<int>::max()})
        unreadable(what, "larger than 2 GB");
    cv::Mat bgr;
    try {
        bgr = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data())), flags);
    } catch (const cv::Exception& e) {
        unreadable(what, std::string("the decoder failed: ") + e.what());
    }
    if (bgr.empty())
        unreadable(what, "not a readable image (unknown format or corrupt data)");
    ImageReadResult result;
    result.sourceWidth = header.width > 0 ? int(header.width) : bgr.cols;
    result.sourceHeight = header.height > 0 ? int(header.height) : bgr.rows;
    // A format whose header we do not read: the limit applies after decoding.
    if (note.empty() && options.maxPixels > 0 && std::uint64_t(bgr.total()) > options.maxPixels)
        unreadable(what,
            pixelText(std::uint64_t(bgr.cols), std::uint64_t(bgr.rows)) + " is over the limit of "
                + std::to_string(options.maxPixels) + " pixels; raise the maximum pixel count to open it");
    result.bgr = bgr;
    result.note = note;
    return result;
}

ImageReadResult readImageFile(const std::string& path, const ImageReadOptions& options)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        unreadable(path, std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad())
        unreadable(path, std::string("cannot read: ") + std::strerror(errno));
    return decodeImage(bytes.str(), path, options);
}

} // namespace cascadeclip
