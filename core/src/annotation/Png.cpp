// SPDX-License-Identifier: MIT
#include "annotation/Png.h"

#include <cascadeclip/Error.h>

#include <bit>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <png.h>

namespace cascadeclip::annotation::png {

namespace {

// libpng reports errors by longjmp. Everything that must survive the jump lives in this context, owned by the
// caller's frame; the functions that call setjmp hold no objects with destructors.
struct Context {
    char message[256] = {0};
    std::string_view input;
    std::size_t offset = 0;
    std::string* output = nullptr;
    std::vector<png_bytep> rows;
};

// Largest decoded image we accept, in bytes: a corrupt header must not make us allocate gigabytes.
constexpr std::size_t kMaxDecodedBytes = std::size_t(1) << 31;

void onError(png_structp png, png_const_charp message)
{
    auto* ctx = static_cast<Context*>(png_get_error_ptr(png));
    std::snprintf(ctx->message, sizeof ctx->message, "%s", message);
    png_longjmp(png, 1);
}

void onWarning(png_structp, png_const_charp) { }

void readBytes(png_structp png, png_bytep data, png_size_t length)
{
    auto* ctx = static_cast<Context*>(png_get_io_ptr(png));
    if (ctx->input.size() - ctx->offset < length)
        png_error(png, "unexpected end of data (the file is truncated)");
    std::memcpy(data, ctx->input.data() + ctx->offset, length);
    ctx->offset += length;
}

void writeBytes(png_structp png, png_bytep data, png_size_t length)
{
    auto* ctx = static_cast<Context*>(png_get_io_ptr(png));
    ctx->output->append(reinterpret_cast<const char*>(data), length);
}

void flushBytes(png_structp) { }

bool encodeInto(Context& ctx, const cv::Mat& pixels, const std::vector<Rgb>* palette)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, onError, onWarning);
    if (!png)
        return false;
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, &ctx, writeBytes, flushBytes);
    int colorType = PNG_COLOR_TYPE_GRAY;
    if (palette)
        colorType = PNG_COLOR_TYPE_PALETTE;
    else if (pixels.channels() == 3)
        colorType = PNG_COLOR_TYPE_RGB;
    const int depth = pixels.depth() == CV_16U ? 16 : 8;
    png_set_IHDR(png, info, static_cast<png_uint_32>(pixels.cols), static_cast<png_uint_32>(pixels.rows), depth,
        colorType, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_color entries[256];
    if (palette) {
        for (std::size_t i = 0; i < palette->size() && i < 256; ++i)
            entries[i] = {(*palette)[i][0], (*palette)[i][1], (*palette)[i][2]};
        png_set_PLTE(png, info, entries, static_cast<int>(std::min<std::size_t>(palette->size(), 256)));
    }
    png_write_info(png, info);
    if (depth == 16 && std::endian::native == std::endian::little)
        png_set_swap(png); // PNG stores 16-bit samples big-endian
    for (int y = 0; y < pixels.rows; ++y)
        png_write_row(png, pixels.ptr<png_byte>(y));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return true;
}

// Returns false with ctx.message set on a libpng error; on success fills the out-parameters.
bool decodeInto(Context& ctx, cv::Mat& pixels, int& colorType, int& bitDepth, std::vector<Rgb>& palette)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, onError, onWarning);
    if (!png)
        return false;
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_set_read_fn(png, &ctx, readBytes);
    png_read_info(png, info);
    const png_uint_32 width = png_get_image_width(png, info);
    const png_uint_32 height = png_get_image_height(png, info);
    colorType = png_get_color_type(png, info);
    bitDepth = png_get_bit_depth(png, info);
    if (bitDepth < 8)
        png_set_packing(png); // one byte per sample, values kept (no scaling to 0..255)
    if (bitDepth == 16) {
        if (colorType == PNG_COLOR_TYPE_GRAY) {
            if (std::endian::native == std::endian::little)
                png_set_swap(png);
        } else {
            png_set_strip_16(png);
        }
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    const int channels = png_get_channels(png, info);
    const int depth = (bitDepth == 16 && colorType == PNG_COLOR_TYPE_GRAY) ? CV_16U : CV_8U;
    const std::size_t bytes = std::size_t(width) * height * channels * (depth == CV_16U ? 2 : 1);
    if (width == 0 || height == 0 || bytes > kMaxDecodedBytes)
        png_error(png, "image size out of range");
    if (colorType == PNG_COLOR_TYPE_PALETTE) {
        png_colorp entries = nullptr;
        int count = 0;
        if (png_get_PLTE(png, info, &entries, &count) == 0)
            png_error(png, "palette image without a PLTE chunk");
        palette.resize(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i)
            palette[i] = {entries[i].red, entries[i].green, entries[i].blue};
    }
    pixels.create(static_cast<int>(height), static_cast<int>(width), CV_MAKETYPE(depth, channels));
    ctx.rows.resize(height);
    for (png_uint_32 y = 0; y < height; ++y)
        ctx.rows[y] = pixels.ptr<png_byte>(static_cast<int>(y));
    png_read_image(png, ctx.rows.data());
    png_read_end(png, nullptr);
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

} // namespace

std::string encode(const cv::Mat& pixels, const std::vector<Rgb>* palette)
{
    const bool ok = pixels.type() == CV_8UC1 || pixels.type() == CV_16UC1 || (pixels.type() == CV_8UC3 && !palette);
    if (!ok || pixels.empty() || (palette && (palette->empty() || palette->size() > 256)))
        throw Error(ErrorCode::Internal, "PNG encode: unsupported pixel type or palette");
    std::string out;
    Context ctx;
    ctx.output = &out;
    if (!encodeInto(ctx, pixels, palette))
        throw Error(ErrorCode::Internal, std::string("PNG encode failed: ") + ctx.message);
    return out;
}

Image decode(std::string_view bytes)
{
    static constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kSignature, 8) != 0)
        throw Error(ErrorCode::ImageUnreadable, "not a PNG file (signature missing)");
    Context ctx;
    ctx.input = bytes;
    Image image;
    int colorType = 0;
    if (!decodeInto(ctx, image.pixels, colorType, image.bitDepth, image.palette))
        throw Error(ErrorCode::ImageUnreadable, std::string("invalid PNG: ") + ctx.message);
    switch (colorType) {
    case PNG_COLOR_TYPE_GRAY:
        image.colorType = ColorType::Grey;
        break;
    case PNG_COLOR_TYPE_GRAY_ALPHA:
        image.colorType = ColorType::GreyAlpha;
        break;
    case PNG_COLOR_TYPE_PALETTE:
        image.colorType = ColorType::Palette;
        break;
    case PNG_COLOR_TYPE_RGB:
        image.colorType = ColorType::Rgb;
        break;
    default:
        image.colorType = ColorType::Rgba;
        break;
    }
    return image;
}

std::string describe(const Image& image)
{
    static const char* const kNames[] = {"grey", "grey+alpha", "palette", "RGB", "RGBA"};
    return std::to_string(image.bitDepth) + "-bit " + kNames[static_cast<int>(image.colorType)];
}

} // namespace cascadeclip::annotation::png
