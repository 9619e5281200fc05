// SPDX-License-Identifier: MIT
#pragma once
// Import of the weights people actually have into a model bundle: OpenAI's ViT-B-16.pt (a TorchScript archive,
// read without TorchScript) and an official Cascade-CLIP mmcv checkpoint ({'meta', 'state_dict',
// 'optimizer'}), merged as spec sections 2.4 and 7 describe: the checkpoint's tensors win, CLIP fills only what
// the checkpoint lacks.

#include "weights/Bundle.h"

#include <cascadeclip/ModelOptions.h>

#include <torch/torch.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cascadeclip::weights {

/// What the config text stored in an mmcv checkpoint's meta['config'] says about the split and the setting.
struct MmcvConfigFacts {
    std::optional<std::vector<int>> baseClasses; // `base_class = [...]`: the seen classes
    std::optional<std::vector<int>> novelClasses; // `novel_class = [...]`: the unseen classes
    std::optional<bool> selfTraining; // `self_training = True`: the transductive setting
    std::string textEmbeddingFile; // `load_text_embedding = '...npy'`
};

/// Reads the facts from an mmcv config's text (the first assignment of each name, `x = ...` or `x=...`).
MmcvConfigFacts parseMmcvConfig(const std::string& text);

/**
 * OpenAI's CLIP file (TorchScript archive, or a plain state_dict) as bundle tensors: float32, `visual.*` ->
 * `backbone.*` with the positional embedding resized bilinearly to `gridSize`² + 1 rows (spec 2.4), the text
 * tower -> `text_encoder.*`; `input_resolution`, `context_length`, `vocab_size`, `logit_scale` and attention
 * masks are skipped. Throws Error naming the file and the reason.
 */
std::map<std::string, torch::Tensor> readOpenAiClip(const std::string& path, int gridSize);

/// An official checkpoint's contents.
struct Checkpoint {
    std::map<std::string, torch::Tensor> stateDict; // float32 (floating-point tensors converted exactly)
    std::vector<std::string> classes; // meta['CLASSES'], empty when absent
    std::string config; // meta['config'], empty when absent
};

/// Reads an mmcv checkpoint (or a bare state_dict). `optimizer` and unknown `meta` entries are ignored.
/// Throws Error naming the file and the reason.
Checkpoint readCheckpoint(const std::string& path);

/// The decompressed text of bpe_simple_vocab_16e6.txt(.gz), checked by building a tokenizer from it.
/// Throws Error(WeightsNotFound / WeightsMalformed) naming the file.
std::string readVocabularyText(const std::string& path);

struct ImportRequest {
    std::string clipPath; // OpenAI ViT-B-16.pt; may be empty when the checkpoint is complete
    std::string checkpointPath; // official .pth; required
    std::string vocabPath; // bpe_simple_vocab_16e6.txt.gz; empty = the bundle carries no vocabulary
    std::optional<std::vector<int>> seen; // overrides the config's split; an empty list = nothing seen
    bool seenAll = false; // every class is seen (cross-dataset)
    std::optional<bool> inductive; // overrides the config's self_training
    std::optional<TemplateSet> templateSet; // overrides the dataset's template set
    std::function<void(const std::string&)> progress; // one line per step, for the user
};

struct ImportedModel {
    std::map<std::string, torch::Tensor> tensors; // float32, official keys, loadable strictly
    ModelOptions options;
    BundleInfo info;
};

/**
 * Reads, merges and checks the sources: the result loads strictly into CascadeClip(options).
 * Throws Error naming the file and the reason (InvalidInput for a bad override).
 */
ImportedModel importModel(const ImportRequest& request);

} // namespace cascadeclip::weights
