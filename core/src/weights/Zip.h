// SPDX-License-Identifier: MIT
#pragma once
// A read-only ZIP reader for PyTorch's archives (torch.save since 1.6 and TorchScript's save): the central
// directory (with Zip64), stored entries viewed in place in the mapping, deflated entries inflated with zlib.
// Every offset and size is checked against the file; nothing is allocated from a declared size alone.

#include "weights/MappedFile.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cascadeclip::weights {

class ZipArchive {
public:
    struct Entry {
        std::string name;
        uint16_t method = 0; // 0 stored, 8 deflated
        uint64_t compressedSize = 0;
        uint64_t size = 0;
        uint64_t dataOffset = 0; // first byte of the (compressed) data in the file
    };

    /// Opens a mapped file as a ZIP archive. Throws Error(WeightsMalformed) naming the file and the reason.
    explicit ZipArchive(std::shared_ptr<const MappedFile> file);

    /// True when `bytes` start with a ZIP local-file or end-of-directory signature.
    static bool looksLikeZip(std::string_view bytes);

    const std::vector<Entry>& entries() const { return m_entries; }
    /// The entry called `name`, or null.
    const Entry* find(const std::string& name) const;

    /// The bytes of a stored entry, in place. Throws Error(WeightsMalformed) for a compressed entry.
    std::string_view view(const Entry& entry) const;

    /// The uncompressed bytes of an entry (copied or inflated). Throws Error(WeightsMalformed) when the entry
    /// is larger than `maxBytes`, uses another compression method or does not inflate to its declared size.
    std::string read(const Entry& entry, uint64_t maxBytes) const;

    const std::shared_ptr<const MappedFile>& file() const { return m_file; }
    const std::string& path() const { return m_file->path(); }

private:
    [[noreturn]] void malformed(const std::string& why) const;
    std::shared_ptr<const MappedFile> m_file;
    std::vector<Entry> m_entries;
};

} // namespace cascadeclip::weights
