// SPDX-License-Identifier: MIT
#pragma once
// The model bundle: one safetensors file with float32 tensors under the official checkpoint keys, whose
// __metadata__ says what the model is (format version, architecture, classes, seen split, inductive or
// transductive, template set, NGA weights, source files with SHA-256, and the BPE vocabulary text). Loading it is
// readSafetensors (mmap) + readBundleInfo; writing it is atomic.

#include <cascadeclip/ModelOptions.h>
#include <cascadeclip/Segmenter.h>

#include <torch/torch.h>

#include <array>
#include <map>
#include <string>
#include <vector>

namespace cascadeclip::weights {

/// Version of the bundle layout written into `cascadeclip.format_version`.
inline constexpr const char* kBundleFormatVersion = "1";

// Metadata keys of a bundle (`cascadeclip.options` is kOptionsMetadataKey in Architecture.h).
inline constexpr const char* kFormatVersionKey = "cascadeclip.format_version";
inline constexpr const char* kClassesKey = "cascadeclip.classes";
inline constexpr const char* kSeenKey = "cascadeclip.seen";
inline constexpr const char* kInductiveKey = "cascadeclip.inductive";
inline constexpr const char* kTemplateSetKey = "cascadeclip.template_set";
inline constexpr const char* kNgaKey = "cascadeclip.nga";
inline constexpr const char* kSourcesKey = "cascadeclip.sources";
inline constexpr const char* kVocabKey = "cascadeclip.vocab";

/// One file a bundle was made from.
struct SourceFile {
    std::string role; // "clip", "checkpoint" or "vocab"
    std::string name; // file name without folders
    std::string sha256; // hex
};

/// Everything a bundle's metadata says besides the architecture.
struct BundleInfo {
    std::vector<std::string> classNames;
    std::vector<int> seenIndices;
    bool inductive = true;
    TemplateSet templateSet = TemplateSet::Single;
    std::array<float, 3> ngaStage1 {};
    std::array<float, 3> ngaStage2 {};
    std::vector<SourceFile> sources;
    std::string vocabulary; // the decompressed bpe_simple_vocab_16e6.txt; empty when the bundle has none
};

/// The metadata map of a bundle.
std::map<std::string, std::string> bundleMetadata(const ModelOptions& options, const BundleInfo& info);

/**
 * Parses a bundle's metadata. Throws Error(WeightsMalformed) naming `source`, the key and the reason when the
 * format version is missing or newer than this program, or a value is not what its key promises.
 */
BundleInfo readBundleInfo(const std::map<std::string, std::string>& metadata, const std::string& source);

/// Copies the bundle's facts into the facade's ModelInfo (classes, split, setting, templates, NGA weights).
void fillModelInfo(const BundleInfo& info, ModelInfo& out);

/**
 * Writes a bundle atomically (temporary file, fsync, rename). The tensors are stored as float32 under their
 * names. Throws Error(Io) naming `path` when it cannot be written.
 */
void writeBundle(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
    const ModelOptions& options, const BundleInfo& info);

} // namespace cascadeclip::weights
