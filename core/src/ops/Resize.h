// SPDX-License-Identifier: MIT
#pragma once
// Bilinear resizing (align_corners=False, no antialiasing) of float32 CPU maps, as F::interpolate does it, but
// separable: every source row is interpolated along x once, then output rows blend two of those. ATen's kernel
// recomputes the x interpolation for every output row, which makes the 32 -> 512 upsampling of the head's
// logits (16x more rows) the dominant cost of a re-decode. The arithmetic per output value is the same
// ((v00 w0 + v01 w1) h0 + (v10 w0 + v11 w1) h1, in float), so the results agree to rounding.

#include <torch/torch.h>

#include <vector>

namespace cascadeclip::ops {

/// x: [B, C, H, W] -> [B, C, outH, outW]. Float32 CPU tensors take the separable path; anything else goes to
/// F::interpolate.
torch::Tensor resizeBilinear(const torch::Tensor& x, int64_t outH, int64_t outW);

/// Top-left corner of a crop x crop window in the canvas.
struct WindowOrigin {
    int64_t y = 0, x = 0;
};

/// Slide inference's output, fused per class plane so that no [C, h, w] intermediate is materialised:
///   out[c] = resize(sum_k place_k(sigmoid(upsample(logits[k][c], crop)) - offsets[c]) / count, outH, outW)
/// where place_k puts window k at its origin on an h x w canvas of zeros, count is the number of windows over each
/// pixel, and both resizes are resizeBilinear's. The same float arithmetic, in the same order, as those steps run
/// one after the other on whole tensors, except the sigmoid: its own vectorised one, within 2 ulp of ATen's.
/// logits: per window [C, G, G] float32 CPU; offsets: [C] or empty (none). Without `applySigmoid`, the averaged
/// upsampled logits themselves (the per-stage maps of the level views).
/// Returns [1, C, outH, outW]; parallel over classes.
torch::Tensor slideWindowScores(const std::vector<torch::Tensor>& logits, const std::vector<WindowOrigin>& origins,
    int64_t crop, int64_t h, int64_t w, const std::vector<float>& offsets, int64_t outH, int64_t outW,
    bool applySigmoid = true);

} // namespace cascadeclip::ops
