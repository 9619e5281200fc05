// SPDX-License-Identifier: MIT
#include <cascadeclip/Error.h>
#include <cascadeclip/ImageFile.h>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

namespace cascadeclip {

namespace {

enum class Format { Unknown, Png, Jpeg, Gif, Bmp, Tiff, WebP, Pnm };

struct Header {
    Format format = Format::Unknown;
    std::uint64_t width = 0; // 0 when the header does not say
    std::uint64_t height = 0;
};

std::uint8_t byteAt(const std::string& b, std::size_t at)
{
    return std::uint8_t(b[at]);
}

std::uint32_t be32(const std::string& b, std::size_t at)
{
    return (std::uint32_t(byteAt(b, at)) << 24) | (std::uint32_t(byteAt(b, at + 1)) << 16)
        | (std::uint32_t(byteAt(b, at + 2)) << 8) | std::uint32_t(byteAt(b, at + 3));
}

std::uint32_t be16(const std::string& b, std::size_t at)
{
    return (std::uint32_t(byteAt(b, at)) << 8) | std::uint32_t(byteAt(b, at + 1));
}

std::uint32_t le16(const std::string& b, std::size_t at)
{
    return std::uint32_t(byteAt(b, at)) | (std::uint32_t(byteAt(b, at + 1)) << 8);
}

std::uint32_t le24(const std::string& b, std::size_t at)
{
    return le16(b, at) | (std::uint32_t(byteAt(b, at + 2)) << 16);
}

std::uint32_t le32(const std::string& b, std::size_t at)
{
    return le24(b, at) | (std::uint32_t(byteAt(b, at + 3)) << 24);
}

[[noreturn]] void unreadable(const std::string& what, const std::string& why)
{
    throw Error(ErrorCode::ImageUnreadable, what + ": " + why);
}

/// The frame size of a JPEG, found as libjpeg finds it: bytes between segments are skipped up to the next 0xFF
/// (libjpeg warns of "extraneous bytes" and goes on), fill bytes 0xFF are skipped and 0xFF00 is no marker.
void readJpegSize(const std::string& b, Header& h)
{
    const std::size_t n = b.size();
    std::size_t p = 2; // after SOI
    for (;;) {
        while (p < n && byteAt(b, p) != 0xFF)
            ++p;
        while (p < n && byteAt(b, p) == 0xFF)
            ++p;
        if (p >= n)
            return;
        const std::uint8_t marker = byteAt(b, p++);
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            continue; // not a marker, TEM, RSTn, SOI: no segment follows
        if (marker == 0xD9 || marker == 0xDA || p + 2 > n)
            return; // EOI, or the scan starts before any frame header: libjpeg refuses both
        const std::uint32_t length = be16(b, p);
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): length, precision, height, width.
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            if (p + 7 <= n) {
                h.height = be16(b, p + 3);
                h.width = be16(b, p + 5);
            }
            return;
        }
        if (length < 2)
            return;
        p += length;
    }
}

/// Width and height from the first image file directory of a classic TIFF (tags 256 and 257).
void readTiffSize(const std::string& b, Header& h)
{
    const bool little = b[0] == 'I';
    const auto u16 = [&](std::size_t at) { return little ? le16(b, at) : be16(b, at); };
    const auto u32 = [&](std::size_t at) { return little ? le32(b, at) : be32(b, at); };
    const std::size_t n = b.size();
    if (n < 8)
        return;
    const std::size_t ifd = u32(4);
    if (ifd > n || n - ifd < 2)
        return;
    const std::size_t entries = u16(ifd);
    for (std::size_t i = 0; i < entries; ++i) {
        const std::size_t e = ifd + 2 + 12 * i;
        if (e + 12 > n)
            return;
        const std::uint32_t tag = u16(e);
        const std::uint32_t type = u16(e + 2);
        const std::uint64_t value = type == 3 ? u16(e + 8) : type == 4 ? u32(e + 8) : 0; // SHORT or LONG
        if (tag == 256)
            h.width = value;
        else if (tag == 257)
            h.height = value;
    }
}

/// The canvas size of a WebP file: from its extended header (VP8X), or from the lossy (VP8) or lossless (VP8L)
/// bitstream's own header.
void readWebPSize(const std::string& b, Header& h)
{
    if (b.size() < 30)
        return;
    if (b.compare(12, 4, "VP8X") == 0) {
        h.width = std::uint64_t(le24(b, 24)) + 1;
        h.height = std::uint64_t(le24(b, 27)) + 1;
    } else if (b.compare(12, 4, "VP8 ") == 0 && byteAt(b, 23) == 0x9D && byteAt(b, 24) == 0x01
        && byteAt(b, 25) == 0x2A) {
        h.width = le16(b, 26) & 0x3FFF;
        h.height = le16(b, 28) & 0x3FFF;
    } else if (b.compare(12, 4, "VP8L") == 0 && byteAt(b, 20) == 0x2F) {
        const std::uint32_t bits = le32(b, 21);
        h.width = (bits & 0x3FFF) + 1;
        h.height = ((bits >> 14) & 0x3FFF) + 1;
    }
}

/// Width and height of a PBM/PGM/PPM (P1..P6: the two numbers after the magic, comments allowed) or a PAM
/// (P7: the WIDTH and HEIGHT lines of its header).
void readPnmSize(const std::string& b, Header& h)
{
    std::size_t p = 2;
    const std::size_t n = std::min<std::size_t>(b.size(), 4096);
    const auto skipSpace = [&] {
        while (p < n) {
            if (b[p] == '#')
                while (p < n && b[p] != '\n')
                    ++p;
            else if (std::isspace(static_cast<unsigned char>(b[p])))
                ++p;
            else
                break;
        }
    };
    const auto number = [&]() -> std::uint64_t {
        std::uint64_t v = 0;
        std::size_t digits = 0;
        for (; p < n && std::isdigit(static_cast<unsigned char>(b[p])) && digits < 12; ++p, ++digits)
            v = v * 10 + std::uint64_t(b[p] - '0');
        return digits > 0 ? v : 0;
    };
    if (b[1] != '7') {
        skipSpace();
        h.width = number();
        skipSpace();
        h.height = number();
        return;
    }
    while (p < n) {
        skipSpace();
        const std::size_t key = p;
        while (p < n && std::isalpha(static_cast<unsigned char>(b[p])))
            ++p;
        const std::string word = b.substr(key, p - key);
        if (word == "ENDHDR" || word.empty())
            return;
        while (p < n && (b[p] == ' ' || b[p] == '\t'))
            ++p;
        if (word == "WIDTH")
            h.width = number();
        else if (word == "HEIGHT")
            h.height = number();
        while (p < n && b[p] != '\n')
            ++p;
    }
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
    } else if (b.size() >= 3 && byteAt(b, 0) == 0xFF && byteAt(b, 1) == 0xD8 && byteAt(b, 2) == 0xFF) {
        h.format = Format::Jpeg;
        readJpegSize(b, h);
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
    } else if (b.size() >= 4 && (b.compare(0, 4, "II*\0", 4) == 0 || b.compare(0, 4, "MM\0*", 4) == 0)) {
        h.format = Format::Tiff;
        readTiffSize(b, h);
    } else if (b.size() >= 12 && b.compare(0, 4, "RIFF") == 0 && b.compare(8, 4, "WEBP") == 0) {
        h.format = Format::WebP;
        readWebPSize(b, h);
    } else if (b.size() >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '7') {
        h.format = Format::Pnm;
        readPnmSize(b, h);
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
    // Every format that reaches the decoder has told its size, so the limit below holds before any allocation.
    if (header.width == 0 || header.height == 0)
        unreadable(what, "the header gives no image size (" + pixelText(header.width, header.height) + ")");

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
    result.sourceWidth = note.empty() ? bgr.cols : int(header.width);
    result.sourceHeight = note.empty() ? bgr.rows : int(header.height);
    // The decoder's own reading of the size wins where it disagrees with the header's.
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
