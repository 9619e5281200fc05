// SPDX-License-Identifier: MIT
#include <cascadeclip/Error.h>
#include <cascadeclip/annotation/Rle.h>

#include <opencv2/core.hpp>

#include <algorithm>

namespace cascadeclip::annotation {

namespace {

// Longest run the compressed format can carry here: the mask area is checked against it.
constexpr std::uint64_t kMaxArea = 0xFFFFFFFFULL;

void checkSize(int height, int width)
{
    if (height < 0 || width < 0)
        throw Error(ErrorCode::InvalidInput,
            "RLE size [" + std::to_string(height) + ", " + std::to_string(width) + "] is negative");
    if (static_cast<std::uint64_t>(height) * static_cast<std::uint64_t>(width) > kMaxArea)
        throw Error(ErrorCode::InvalidInput,
            "RLE size [" + std::to_string(height) + ", " + std::to_string(width) + "] exceeds 2^32 pixels");
}

void checkSum(const std::vector<std::uint32_t>& counts, int height, int width)
{
    std::uint64_t sum = 0;
    for (const std::uint32_t c : counts)
        sum += c;
    const std::uint64_t area = static_cast<std::uint64_t>(height) * static_cast<std::uint64_t>(width);
    if (sum != area)
        throw Error(ErrorCode::InvalidInput,
            "RLE counts sum to " + std::to_string(sum) + " pixels but size [" + std::to_string(height) + ", "
                + std::to_string(width) + "] has " + std::to_string(area));
}

} // namespace

Rle Rle::encode(const cv::Mat& mask)
{
    if (mask.type() != CV_8UC1)
        throw Error(ErrorCode::InvalidInput, "RLE encode: the mask must be CV_8UC1");
    checkSize(mask.rows, mask.cols);
    Rle rle;
    rle.height = mask.rows;
    rle.width = mask.cols;
    // Column-major order = rows of the transposed mask; transposing once keeps the scan sequential.
    cv::Mat columns;
    if (!mask.empty())
        cv::transpose(mask, columns);
    std::uint32_t run = 0;
    bool value = false;
    for (int r = 0; r < columns.rows; ++r) {
        const std::uint8_t* p = columns.ptr<std::uint8_t>(r);
        for (int c = 0; c < columns.cols; ++c) {
            const bool v = p[c] != 0;
            if (v != value) {
                rle.counts.push_back(run);
                run = 0;
                value = v;
            }
            ++run;
        }
    }
    rle.counts.push_back(run);
    return rle;
}

Rle Rle::encodeClass(const cv::Mat& labels, std::uint16_t classIndex)
{
    if (labels.type() != CV_16UC1)
        throw Error(ErrorCode::InvalidInput, "RLE encode: the label map must be CV_16UC1");
    cv::Mat mask;
    cv::compare(labels, cv::Scalar(classIndex), mask, cv::CMP_EQ);
    if (labels.empty())
        mask = cv::Mat(labels.rows, labels.cols, CV_8UC1);
    return encode(mask);
}

std::vector<Rle> Rle::encodeLabelMap(const cv::Mat& labels, std::size_t classCount)
{
    if (labels.type() != CV_16UC1)
        throw Error(ErrorCode::InvalidInput, "RLE encode: the label map must be CV_16UC1");
    checkSize(labels.rows, labels.cols);
    std::vector<Rle> rles(classCount);
    for (Rle& rle : rles) {
        rle.height = labels.rows;
        rle.width = labels.cols;
    }
    if (labels.empty())
        return rles;
    cv::Mat columns;
    cv::transpose(labels, columns);
    // Walk the maximal runs of equal values in column-major order. A run [start, end) of class c adds the gap since
    // the end of c's previous run (zeros) and its length (ones).
    std::vector<std::uint64_t> lastEnd(classCount, 0);
    const std::uint64_t total = static_cast<std::uint64_t>(labels.rows) * static_cast<std::uint64_t>(labels.cols);
    std::uint64_t t = 0;
    std::uint16_t current = columns.ptr<std::uint16_t>(0)[0];
    std::uint64_t start = 0;
    const auto closeRun = [&](std::uint16_t value, std::uint64_t end) {
        if (value >= classCount)
            return;
        std::vector<std::uint32_t>& counts = rles[value].counts;
        counts.push_back(static_cast<std::uint32_t>(start - lastEnd[value]));
        counts.push_back(static_cast<std::uint32_t>(end - start));
        lastEnd[value] = end;
    };
    for (int r = 0; r < columns.rows; ++r) {
        const std::uint16_t* p = columns.ptr<std::uint16_t>(r);
        for (int c = 0; c < columns.cols; ++c, ++t) {
            if (p[c] != current) {
                closeRun(current, t);
                current = p[c];
                start = t;
            }
        }
    }
    closeRun(current, total);
    for (std::size_t c = 0; c < classCount; ++c)
        if (!rles[c].counts.empty() && lastEnd[c] < total)
            rles[c].counts.push_back(static_cast<std::uint32_t>(total - lastEnd[c]));
    return rles;
}

Rle Rle::fromString(std::string_view s, int height, int width)
{
    checkSize(height, width);
    Rle rle;
    rle.height = height;
    rle.width = width;
    const std::uint64_t area = static_cast<std::uint64_t>(height) * static_cast<std::uint64_t>(width);
    std::size_t p = 0;
    while (p < s.size()) {
        std::int64_t x = 0;
        int k = 0;
        bool more = true;
        const std::size_t start = p;
        while (more) {
            if (p >= s.size())
                throw Error(ErrorCode::InvalidInput,
                    "RLE counts string ends inside a count (character " + std::to_string(start) + ")");
            const int c = static_cast<unsigned char>(s[p]) - 48;
            if (c < 0 || c > 63)
                throw Error(ErrorCode::InvalidInput,
                    "RLE counts string has an invalid character at position " + std::to_string(p)
                        + " (only ASCII 48..111 are allowed)");
            if (k >= 7) // 7 * 5 bits already exceed any count of a 2^32-pixel mask
                throw Error(ErrorCode::InvalidInput,
                    "RLE counts string has an over-long count at position " + std::to_string(start));
            x |= static_cast<std::int64_t>(c & 0x1f) << (5 * k);
            more = (c & 0x20) != 0;
            ++p;
            ++k;
            if (!more && (c & 0x10))
                x |= -(static_cast<std::int64_t>(1) << (5 * k)); // sign-extend, as rleFrString does
        }
        const std::size_t m = rle.counts.size();
        if (m > 2)
            x += static_cast<std::int64_t>(rle.counts[m - 2]);
        if (x < 0 || static_cast<std::uint64_t>(x) > area)
            throw Error(ErrorCode::InvalidInput,
                "RLE count " + std::to_string(m) + " decodes to " + std::to_string(x) + ", outside 0.."
                    + std::to_string(area));
        rle.counts.push_back(static_cast<std::uint32_t>(x));
    }
    checkSum(rle.counts, height, width);
    return rle;
}

Rle Rle::fromCounts(std::vector<std::uint32_t> counts, int height, int width)
{
    checkSize(height, width);
    checkSum(counts, height, width);
    return Rle {height, width, std::move(counts)};
}

std::string Rle::toString() const
{
    std::string s;
    s.reserve(counts.size() * 2);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        std::int64_t x = counts[i];
        if (i > 2)
            x -= counts[i - 2];
        bool more = true;
        while (more) {
            int c = static_cast<int>(x & 0x1f);
            x >>= 5; // arithmetic shift, as `long` in maskApi.c
            more = (c & 0x10) ? x != -1 : x != 0;
            if (more)
                c |= 0x20;
            s.push_back(static_cast<char>(c + 48));
        }
    }
    return s;
}

cv::Mat Rle::decode() const
{
    checkSum(counts, height, width);
    // Fill the transposed (column-major) buffer sequentially, then transpose back to row-major.
    cv::Mat columns(width, height, CV_8UC1);
    std::uint8_t* out = columns.data;
    std::uint8_t value = 0;
    for (const std::uint32_t run : counts) {
        std::fill(out, out + run, value);
        out += run;
        value ^= 1;
    }
    cv::Mat mask;
    if (columns.empty())
        return cv::Mat(height, width, CV_8UC1);
    cv::transpose(columns, mask);
    return mask;
}

std::uint64_t Rle::area() const
{
    std::uint64_t a = 0;
    for (std::size_t j = 1; j < counts.size(); j += 2)
        a += counts[j];
    return a;
}

std::array<double, 4> Rle::toBbox() const
{
    // Same walk as rleToBbox, including its rule that a run spanning two columns covers the full height.
    const std::size_t m = counts.size() / 2 * 2;
    if (m == 0 || height == 0)
        return {0, 0, 0, 0};
    const std::uint64_t h = static_cast<std::uint64_t>(height);
    std::uint64_t xs = static_cast<std::uint64_t>(width);
    std::uint64_t ys = h;
    std::uint64_t xe = 0;
    std::uint64_t ye = 0;
    std::uint64_t cc = 0;
    std::uint64_t xp = 0;
    for (std::size_t j = 0; j < m; ++j) {
        cc += counts[j];
        const std::uint64_t t = cc - j % 2;
        const std::uint64_t y = t % h;
        const std::uint64_t x = (t - y) / h;
        if (j % 2 == 0)
            xp = x;
        else if (xp < x) {
            ys = 0;
            ye = h - 1;
        }
        xs = std::min(xs, x);
        xe = std::max(xe, x);
        ys = std::min(ys, y);
        ye = std::max(ye, y);
    }
    return {static_cast<double>(xs), static_cast<double>(ys), static_cast<double>(xe - xs + 1),
        static_cast<double>(ye - ys + 1)};
}

} // namespace cascadeclip::annotation
