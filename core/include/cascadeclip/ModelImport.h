// SPDX-License-Identifier: MIT
#pragma once
// Import of the official files into a model bundle, behind a torch-free facade: the GUI's model setup and the
// CLI's `cascadeclip import` share it.
//
// Typical use (on a worker thread):
//   ModelImportRequest req;
//   req.clipPath = "ViT-B-16.pt";
//   req.checkpointPath = "voc_inductive.pth";
//   req.vocabPath = findVocabulary("", req.checkpointPath, req.clipPath);   // throws Error naming where it looked
//   req.outputPath = "voc.safetensors";
//   ModelImportSummary s = importModelBundle(req, onStep, isCanceled);       // throws Error / Canceled

#include <cascadeclip/Segmenter.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cascadeclip {

// The vocabulary's file name in every CLIP distribution.
inline constexpr const char* kClipVocabFileName = "bpe_simple_vocab_16e6.txt.gz";
// Environment variable naming the vocabulary.
inline constexpr const char* kClipVocabEnv = "CASCADECLIP_VOCAB";

struct ModelImportRequest {
    std::string clipPath; // OpenAI ViT-B-16.pt; may be empty when the checkpoint holds every tensor
    std::string checkpointPath; // official mmcv .pth; required
    std::string vocabPath; // bpe_simple_vocab_16e6.txt.gz; empty = the bundle carries no vocabulary
    std::string outputPath; // the bundle to write (.safetensors), replaced atomically
    std::optional<std::vector<int>> seen; // seen class indices; unset = the checkpoint's config
    bool seenAll = false; // every class is seen (cross-dataset)
    std::optional<bool> inductive; // unset = the checkpoint's config (self_training)
    std::optional<TemplateSet> templateSet; // unset = by dataset
};

struct ModelImportSummary {
    std::string outputPath;
    std::size_t tensors = 0;
    std::uintmax_t bytes = 0;
    double seconds = 0;
    std::vector<std::string> classNames;
    std::vector<int> seenIndices;
    bool inductive = true;
    TemplateSet templateSet = TemplateSet::Single;
};

/**
 * The vocabulary to import: @p explicitPath when given, else the file next to the checkpoint or the CLIP file,
 * else $CASCADECLIP_VOCAB.
 * @throws Error(WeightsNotFound) listing where it looked and where the file comes from
 * Any thread.
 */
std::string findVocabulary(
    const std::string& explicitPath, const std::string& checkpointPath, const std::string& clipPath);

/**
 * Reads, merges and checks the sources and writes the bundle (see weights/Import.h for the merge rules).
 * @param onStep one English line per step (also logged), on the calling thread
 * @param isCanceled polled between steps; when it turns true the import stops with Canceled and writes nothing
 * @throws Error naming the file and the reason (InvalidInput when the output would overwrite an input);
 *         Canceled when asked to stop
 * Any thread; the call takes seconds to minutes for the official files.
 */
ModelImportSummary importModelBundle(const ModelImportRequest& request,
    const std::function<void(const std::string&)>& onStep = {}, const std::function<bool()>& isCanceled = {});

/// What compute devices this build can use, and why CUDA is missing when it is.
struct DeviceReport {
    bool cudaBuilt = false; // LibTorch was built with CUDA support
    int cudaDevices = 0; // devices LibTorch sees
    std::string whyNoCuda; // English; empty when CUDA is usable
    int cores = 0; // hardware threads of this machine
};

/// Any thread.
DeviceReport deviceReport();

} // namespace cascadeclip
