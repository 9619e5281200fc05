// SPDX-License-Identifier: MIT
#pragma once
// The segmentor (models/segmentor/cascadeclip.py): backbone, decode_head and text_encoder, under the
// checkpoint's own key prefixes so that weights load strictly by name.
// Legend: B crops, C classes, S crop side (512), G grid side (32), N = G*G.

#include "model/AtmSingleHeadSeg.h"
#include "model/ClipTextEncoder.h"
#include "model/VptClipVisionTransformer.h"

#include <cascadeclip/ModelOptions.h>

#include <torch/torch.h>

#include <array>
#include <functional>

namespace cascadeclip::model {

/// What one crop's decode produced.
struct CropDecode {
    std::vector<torch::Tensor> stageLogits; // M1, M2, M3: [B, C, G, G]
    torch::Tensor logitSum; // M1 + M2 + M3: [B, C, G, G]
    torch::Tensor scores; // [B, C, S, S]: sigmoid of the upsampled sum, seen shifted by -0.1 (when asked for)
    std::vector<StageContributions> contributions; // per stage, when asked: blocks [B, C, G, G], bias [B, C, 1, 1]
};

/// Per-stage key/value projections of one batch of crops (see StageProjections).
using CropProjections = std::array<StageProjections, 3>;

/// The stage logits of a crop's last decode, with the classes and NGA weights each stage was decoded with.
/// decodeProjected() takes a stage from here while both are unchanged: stage 3 has no NGA weights, so a slider
/// move re-decodes only its own stage, and that from its cached first-layer scores.
struct StageMemo {
    std::array<torch::Tensor, 3> text; // [C, E]
    std::array<torch::Tensor, 3> weights; // [3], undefined for stage 3
    std::array<torch::Tensor, 3> logits; // [B, C, N]
    std::array<StageQueryCache, 3> queries; // each stage's first-layer work for the current classes
    bool keepQueries = true; // whether to fill `queries` (they take C x h x N floats per block)
};

struct CascadeClipImpl : torch::nn::Module {
    explicit CascadeClipImpl(const ModelOptions& options);

    /// The decode of one batch of crops from its encoder features.
    ///   text: [C, E] float32 class embeddings; seen: [C] bool (may be undefined = none seen)
    ///   inductive: subtract 0.1 from the seen classes' scores after the sigmoid
    CropDecode decode(const VisionFeatures& features, const torch::Tensor& text, const torch::Tensor& seen,
        bool inductive, const torch::Tensor& weightsS1 = {}, const torch::Tensor& weightsS2 = {});

    /// Projects the blocks of every stage once, for decodeProjected().
    CropProjections project(const VisionFeatures& features);

    /// The same decode from cached projections: NGA weights only mix them, so a new weight costs no projection.
    /// `withContributions` also splits each stage's last-layer logits by block; without `withScores` the scores are
    /// left undefined (for callers that upsample logitSum themselves). `memo`, when given, holds the crop's
    /// previous stage logits: unchanged stages are taken from it, and it is updated with the new ones.
    CropDecode decodeProjected(const torch::Tensor& global, const CropProjections& projections,
        const torch::Tensor& text, const torch::Tensor& seen, bool inductive, const torch::Tensor& weightsS1 = {},
        const torch::Tensor& weightsS2 = {}, bool withContributions = false, bool withScores = true,
        StageMemo* memo = nullptr);

    ModelOptions options;
    // backbone.*
    VptClipVisionTransformer backbone {nullptr};
    // decode_head.*
    AtmSingleHeadSeg decode_head {nullptr};
    // text_encoder.*
    ClipTextEncoder text_encoder {nullptr};

private:
    /// Stage logits [B, C, N] -> the CropDecode: grid maps, sum, upsampled scores (when `withScores`).
    CropDecode finish(std::vector<torch::Tensor> stages, const torch::Tensor& seen, bool inductive, bool withScores);
};
TORCH_MODULE(CascadeClip);

/// Runs task(0) .. task(count - 1) as coarse parallel tasks when `like` is on the CPU (at::parallel_for, one
/// contiguous share per thread; ops inside a task run on that thread alone), in order on other devices. The
/// caller's grad and inference modes hold inside the tasks.
void parallelTasks(int64_t count, const torch::Tensor& like, const std::function<void(int64_t)>& task);

/// The score offset subtracted from seen classes in the inductive setting ("calibration").
inline constexpr double kSeenScoreOffset = 0.1;

} // namespace cascadeclip::model
