// SPDX-License-Identifier: MIT
#pragma once
// The core facade: everything the GUI needs, without a LibTorch header in sight.
//
// A Segmenter is not re-entrant: use one instance from one thread at a time (the GUI's worker thread).
// Typical use:
//   auto seg = cascadeclip::Segmenter::load("model.safetensors", cascadeclip::SegmenterOptions{}); // throws Error
//   cascadeclip::RunHooks hooks{onProgress, isCanceled};
//   cascadeclip::SegmentationRequest req;
//   req.classNames = {"cat", "sofa"};
//   cascadeclip::SegmentationResult r = seg->segment(bgrImage, req, hooks);   // throws Error / Canceled
//   req.ngaStage1 = {0.2f, 0.5f, 1.0f};
//   r = seg->redecode(req, hooks);   // reuses the encoder features cached by the last segment()

#include <opencv2/core/mat.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cascadeclip {

/// Value of a label map pixel that no class claims (below the threshold, or erased).
inline constexpr std::uint16_t kUnlabeled = 0xFFFF;

/// Callbacks into a long call. Both are called on the calling (worker) thread.
struct RunHooks {
    std::function<void(int done, int total)> onProgress; // once per finished window
    std::function<bool()> isCanceled; // polled before each window and between stages
};

/// Which prompt templates turn a class name into text: "single" = `a photo of a {}` (VOC setting),
/// "multi" = the 15 templates of the official embedding notebook (Context and COCO setting).
enum class TemplateSet { Single, Multi };

struct SegmenterOptions {
    std::string device = "auto"; // "auto" (CUDA when available), "cpu", "cuda"
    int threads = 0; // intra-op threads of the calling thread; 0 = all cores
};

/// What a loaded model is: read from the bundle's metadata.
struct ModelInfo {
    std::string weightsPath;
    std::string weightsId; // short content hash, for caches and provenance
    int promptTokens = 0; // T: 10 VOC, 35 Context, 50 COCO
    std::vector<std::string> classNames; // the checkpoint's classes (may be empty)
    std::vector<int> seenIndices; // indices into classNames
    bool inductive = true; // inductive: seen classes get -0.1 after the sigmoid
    TemplateSet templateSet = TemplateSet::Single;
    std::array<float, 3> ngaStage1 {}; // checkpoint NGA weights, blocks 5, 6, 7
    std::array<float, 3> ngaStage2 {}; // blocks 8, 9, 10
    std::string device; // "cpu" or "cuda:0"
};

struct SegmentationRequest {
    std::vector<std::string> classNames;
    std::vector<bool> seen; // per class; empty = none seen
    bool inductive = true;
    std::optional<TemplateSet> templateSet; // unset = the model's
    std::optional<std::array<float, 3>> ngaStage1; // unset = the checkpoint's
    std::optional<std::array<float, 3>> ngaStage2;
    float threshold = 0.0f; // best probability below it -> kUnlabeled
    bool keepProbabilities = false; // fill SegmentationResult::probabilities
    bool keepStageLogits = false; // fill SegmentationResult::stageLogits (level views)
};

/// One finished segmentation, at the original image size.
struct SegmentationResult {
    cv::Mat labels; // CV_16UC1 class index or kUnlabeled
    cv::Mat confidence; // CV_32FC1 best class probability (sigmoid score)
    std::vector<cv::Mat> probabilities; // per class CV_32FC1, when requested
    std::vector<std::string> classNames;
    int windows = 0; // sliding windows the image needed
    /// Per stage (1: blocks 5-7, 2: blocks 8-10, 3: the final block), per class: the stage's logits upsampled,
    /// window-averaged and resized like the fused scores (CV_32FC1), when requested. sigmoid() of one stage's
    /// logits is that stage's own probability; their sum is the fused logit.
    std::array<std::vector<cv::Mat>, 3> stageLogits;
};

/// How one class's score at one pixel came about (Segmenter::inspect).
struct ClassInspection {
    float probability = 0; // window average of sigmoid(fused logit), seen-shifted when inductive
    float logit = 0; // fused logit: the sum of the three stage logits
    std::array<float, 3> stageLogits {}; // stage 1, 2, 3
    /// Stages 1 and 2: each block's exact share of the stage logit (blocks 5, 6, 7 and 8, 9, 10), given the last
    /// decoder layer's query; stageBias holds the rest (the key bias's share), so shares + bias = stage logit.
    std::array<std::array<float, 3>, 2> blockShares {};
    std::array<float, 3> stageBias {};
};

struct PixelInspection {
    int x = 0, y = 0; // in the original image
    std::vector<ClassInspection> classes; // in the request's class order
};

class Segmenter {
public:
    virtual ~Segmenter() = default;

    /// Loads a model bundle (.safetensors). Throws Error naming the file and the reason.
    static std::unique_ptr<Segmenter> load(const std::string& weightsPath, const SegmenterOptions& options);

    virtual const ModelInfo& info() const = 0;

    /// Runs the encoder over the image's windows (caching their features) and decodes. `bgr` is CV_8UC3.
    virtual SegmentationResult segment(const cv::Mat& bgr, const SegmentationRequest& request, const RunHooks& hooks)
        = 0;

    /// Decodes again from the features cached by the last segment(): other classes, NGA weights, threshold.
    /// Throws Error(InvalidInput) when nothing is cached.
    virtual SegmentationResult redecode(const SegmentationRequest& request, const RunHooks& hooks) = 0;

    /// Splits the scores at pixel (x, y) of the last segmented image into stages and blocks, from the cache.
    /// Logits are sampled exactly as the bilinear upsampling does and averaged over the windows covering the
    /// pixel. Throws Error(InvalidInput) when nothing is cached or (x, y) lies outside the image.
    virtual PixelInspection inspect(int x, int y, const SegmentationRequest& request) = 0;
};

} // namespace cascadeclip
