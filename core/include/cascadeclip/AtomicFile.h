// SPDX-License-Identifier: MIT
#pragma once
// Whole-file reads and crash-safe whole-file writes, for every file core produces (exports, caches, settings
// sidecars). A save must never leave a half-written or empty file behind (labelme#158, labelImg#592): the bytes
// go to a temporary file in the same folder, are flushed to disk, and only then replace the target by rename.

#include <string>
#include <string_view>

namespace cascadeclip {

/**
 * Replaces the file at @p path with @p bytes, atomically: readers see the old content or the new one, never a
 * mix. The temporary file lives next to the target (rename is atomic only within one file system) and is removed
 * on failure, so the old file stays untouched. A new file gets mode 0644; an existing file keeps its mode.
 * @param path  target file; its folder must exist
 * @param bytes the complete new content
 * @throws Error(ErrorCode::Io) naming @p path, the failed step and the errno text
 * Any thread; concurrent writers to the same path end with one of the contents intact.
 */
void writeFileAtomically(const std::string& path, std::string_view bytes);

/**
 * Reads the whole file at @p path.
 * @throws Error(ErrorCode::Io) naming @p path and the errno text
 * Any thread.
 */
std::string readFileBytes(const std::string& path);

} // namespace cascadeclip
