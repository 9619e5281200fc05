// SPDX-License-Identifier: MIT
#pragma once
// Slide inference with a feature cache: the encoder runs once per window; the head (classes, NGA weights,
// seen flags) can be re-run from the cache. Legend: C classes, E embedding, N tokens per window.

#include "model/CascadeClip.h"
#include "pipeline/Preprocess.h"

#include <cascadeclip/Segmenter.h>

#include <torch/torch.h>

#include <functional>
#include <vector>

namespace cascadeclip::pipeline {

/// Encoder outputs of every window of one image.
struct FeatureCache {
    cv::Size original; // image size before the resize
    cv::Size resized; // size the windows tile
    std::vector<Window> windows;
    std::vector<model::VisionFeatures> features; // per window: seven levels [1, N, E] and global [1, E]
    /// Per window, the head's key/value projections of every block (filled by the first decode when the image
    /// has few enough windows): later decodes with other NGA weights or classes skip all memory projections.
    std::vector<model::CropProjections> projections;
    /// Per window (alongside `projections`), the stage logits of the last decode.
    std::vector<model::StageMemo> memos;
    bool empty() const { return features.empty(); }
};

/// Per-window decode outputs, for --dump and inspection.
using WindowObserver = std::function<void(size_t window, const model::CropDecode& decode)>;

/// What the head needs besides the cache.
struct DecodeInputs {
    torch::Tensor text; // [C, E] float32
    torch::Tensor seen; // [C] bool, or undefined
    bool inductive = true;
    torch::Tensor weightsS1; // [3] override, or undefined
    torch::Tensor weightsS2;
    bool withContributions = false; // split each stage's logits by block (for the observer)
};

/// Windows up to which the decoder projections are cached (about 70 MB per window at full size).
inline constexpr size_t kMaxProjectedWindows = 16;

/// Memory the first-layer scores kept for re-decodes may take over all windows (model::StageQueryCache: C x h x N
/// floats per block and window, 4.6 MB per window for 20 classes, 39 MB for 171); beyond it each decode makes them
/// afresh.
inline constexpr int64_t kQueryCacheBudgetBytes = int64_t {256} << 20;

/// Runs the encoder over all windows of `input` ([1, 3, H', W'], already preprocessed).
FeatureCache encodeWindows(
    model::CascadeClip& model, const torch::Tensor& input, cv::Size original, const RunHooks& hooks);

/// Decodes every window, averages the overlapping scores and resizes to the original size:
/// returns [1, C, h, w] scores (sigmoid probabilities, seen shifted when inductive).
/// `stageLogits`, when given, receives each stage's logits [1, C, h, w] upsampled, averaged and resized the same way.
torch::Tensor decodeWindows(model::CascadeClip& model, FeatureCache& cache, const DecodeInputs& inputs,
    const RunHooks& hooks, const WindowObserver& observer = {}, std::array<torch::Tensor, 3>* stageLogits = nullptr);

/// One window's decode (from the cached projections when the cache keeps them). Without `withScores` the decode's
/// scores are left undefined when the cache keeps the projections.
model::CropDecode decodeWindow(
    model::CascadeClip& model, FeatureCache& cache, size_t window, const DecodeInputs& in, bool withScores = true);

/// Argmax over classes of [1, C, h, w] scores -> CV_16UC1 labels, and the best score (CV_32FC1). Pixels whose
/// best score is below `threshold` become kUnlabeled.
void labelsFromScores(const torch::Tensor& scores, float threshold, cv::Mat& labels, cv::Mat& confidence);

/// Throws Canceled when the hooks say so.
void checkCanceled(const RunHooks& hooks);

} // namespace cascadeclip::pipeline
