// SPDX-License-Identifier: MIT
#include "weights/Zip.h"

#include <cascadeclip/Error.h>

#include <algorithm>
#include <limits>
#include <zlib.h>

namespace cascadeclip::weights {

namespace {

constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint32_t kZip64EndSig = 0x06064b50;
// Fixed sizes of the records, in bytes.
constexpr size_t kEndSize = 22;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;
constexpr size_t kZip64LocatorSize = 20;
constexpr size_t kZip64EndSize = 56;
// Deflate cannot expand by more than this factor; a larger declared size is a lie.
constexpr uint64_t kMaxDeflateRatio = 1032;

uint64_t le(const uint8_t* p, int bytes)
{
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

} // namespace

void ZipArchive::malformed(const std::string& why) const
{
    throw Error(ErrorCode::WeightsMalformed, path() + ": not a valid PyTorch zip archive: " + why);
}

bool ZipArchive::looksLikeZip(std::string_view bytes)
{
    if (bytes.size() < 4)
        return false;
    const auto sig = static_cast<uint32_t>(le(reinterpret_cast<const uint8_t*>(bytes.data()), 4));
    return sig == kLocalHeaderSig || sig == kEndSig;
}

ZipArchive::ZipArchive(std::shared_ptr<const MappedFile> file)
    : m_file(std::move(file))
{
    const uint8_t* d = m_file->data();
    const uint64_t size = m_file->size();
    if (size < kEndSize)
        malformed("the file is " + std::to_string(size) + " bytes, too short for a zip directory");
    // The end record sits in the last 22 + 65535 (comment) bytes.
    uint64_t end = size - kEndSize;
    const uint64_t lowest = size > kEndSize + 0xffff ? size - kEndSize - 0xffff : 0;
    while (le(d + end, 4) != kEndSig) {
        if (end == lowest)
            malformed("no end-of-central-directory record (truncated or not a zip file)");
        --end;
    }
    uint64_t count = le(d + end + 10, 2);
    uint64_t dirSize = le(d + end + 12, 4);
    uint64_t dirOffset = le(d + end + 16, 4);
    if (end >= kZip64LocatorSize && le(d + end - kZip64LocatorSize, 4) == kZip64LocatorSig) {
        const uint64_t rec = le(d + end - kZip64LocatorSize + 8, 8);
        if (rec > size || size - rec < kZip64EndSize || le(d + rec, 4) != kZip64EndSig)
            malformed("the Zip64 end record lies outside the file");
        count = le(d + rec + 32, 8);
        dirSize = le(d + rec + 40, 8);
        dirOffset = le(d + rec + 48, 8);
    }
    if (dirOffset > size || dirSize > size - dirOffset)
        malformed("the central directory [" + std::to_string(dirOffset) + ", +" + std::to_string(dirSize)
            + ") lies outside the " + std::to_string(size) + "-byte file (truncated?)");
    if (count > dirSize / kCentralHeaderSize)
        malformed(std::to_string(count) + " entries cannot fit in a " + std::to_string(dirSize) + "-byte directory");
    m_entries.reserve(static_cast<size_t>(count));
    uint64_t pos = dirOffset;
    const uint64_t dirEnd = dirOffset + dirSize;
    for (uint64_t i = 0; i < count; ++i) {
        if (dirEnd - pos < kCentralHeaderSize || le(d + pos, 4) != kCentralHeaderSig)
            malformed("central directory entry " + std::to_string(i) + " is damaged");
        Entry e;
        e.method = static_cast<uint16_t>(le(d + pos + 10, 2));
        e.compressedSize = le(d + pos + 20, 4);
        e.size = le(d + pos + 24, 4);
        const uint64_t nameLen = le(d + pos + 28, 2), extraLen = le(d + pos + 30, 2), commentLen = le(d + pos + 32, 2);
        uint64_t localOffset = le(d + pos + 42, 4);
        if (dirEnd - pos - kCentralHeaderSize < nameLen + extraLen + commentLen)
            malformed("central directory entry " + std::to_string(i) + " overruns the directory");
        const uint8_t* name = d + pos + kCentralHeaderSize;
        e.name.assign(reinterpret_cast<const char*>(name), nameLen);
        // Zip64: the 0xffffffff fields follow in the extra block with id 1, in this order.
        const uint8_t* extra = name + nameLen;
        for (uint64_t x = 0; x + 4 <= extraLen;) {
            const uint64_t id = le(extra + x, 2), len = le(extra + x + 2, 2);
            if (x + 4 + len > extraLen)
                break;
            if (id == 1) {
                uint64_t f = x + 4;
                auto take = [&](uint64_t& field) {
                    if (field != 0xffffffffu)
                        return;
                    if (f + 8 > x + 4 + len)
                        malformed("entry '" + e.name + "' has a short Zip64 field");
                    field = le(extra + f, 8);
                    f += 8;
                };
                take(e.size);
                take(e.compressedSize);
                take(localOffset);
            }
            x += 4 + len;
        }
        if (localOffset > size || size - localOffset < kLocalHeaderSize || le(d + localOffset, 4) != kLocalHeaderSig)
            malformed("entry '" + e.name + "' has no local header at offset " + std::to_string(localOffset));
        const uint64_t dataOffset
            = localOffset + kLocalHeaderSize + le(d + localOffset + 26, 2) + le(d + localOffset + 28, 2);
        if (dataOffset > size || e.compressedSize > size - dataOffset)
            malformed("entry '" + e.name + "' (" + std::to_string(e.compressedSize)
                + " bytes) extends past the end of the file (truncated?)");
        if (e.method == 0 && e.size != e.compressedSize)
            malformed("stored entry '" + e.name + "' declares two different sizes");
        e.dataOffset = dataOffset;
        m_entries.push_back(std::move(e));
        pos += kCentralHeaderSize + nameLen + extraLen + commentLen;
    }
}

const ZipArchive::Entry* ZipArchive::find(const std::string& name) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry& e) { return e.name == name; });
    return it == m_entries.end() ? nullptr : &*it;
}

std::string_view ZipArchive::view(const Entry& entry) const
{
    if (entry.method != 0)
        malformed("entry '" + entry.name + "' is compressed where PyTorch stores data uncompressed");
    return m_file->bytes().substr(entry.dataOffset, entry.size);
}

std::string ZipArchive::read(const Entry& entry, uint64_t maxBytes) const
{
    if (entry.size > maxBytes)
        malformed("entry '" + entry.name + "' declares " + std::to_string(entry.size) + " bytes, more than the "
            + std::to_string(maxBytes) + " allowed");
    if (entry.method == 0)
        return std::string(view(entry));
    if (entry.method != 8)
        malformed("entry '" + entry.name + "' uses unsupported compression method " + std::to_string(entry.method));
    if (entry.size / kMaxDeflateRatio > entry.compressedSize)
        malformed("entry '" + entry.name + "' declares an impossible compression ratio");
    std::string out(static_cast<size_t>(entry.size), '\0');
    z_stream zs {};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
        throw Error(ErrorCode::Internal, path() + ": zlib inflateInit2 failed");
    uint64_t inLeft = entry.compressedSize;
    const uint8_t* in = m_file->data() + entry.dataOffset;
    uint64_t outDone = 0;
    int rc = Z_OK;
    constexpr uint64_t kChunk = std::numeric_limits<uInt>::max() / 2;
    while (rc == Z_OK) {
        zs.next_in = const_cast<Bytef*>(in + (entry.compressedSize - inLeft));
        zs.avail_in = static_cast<uInt>(std::min(inLeft, kChunk));
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + outDone);
        zs.avail_out = static_cast<uInt>(std::min<uint64_t>(entry.size - outDone, kChunk));
        const uInt inBefore = zs.avail_in, outBefore = zs.avail_out;
        rc = inflate(&zs, Z_NO_FLUSH);
        inLeft -= inBefore - zs.avail_in;
        outDone += outBefore - zs.avail_out;
        if (rc == Z_OK && inBefore == zs.avail_in && outBefore == zs.avail_out)
            rc = Z_BUF_ERROR; // no progress: input ended early or output is full
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || outDone != entry.size)
        malformed("entry '" + entry.name + "' does not inflate to its declared " + std::to_string(entry.size)
            + " bytes (damaged)");
    return out;
}

} // namespace cascadeclip::weights
