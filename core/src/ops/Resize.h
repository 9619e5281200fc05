// SPDX-License-Identifier: MIT
#pragma once
// Bilinear resizing (align_corners=False, no antialiasing) of float32 CPU maps, as F::interpolate does it, but
// separable: every source row is interpolated along x once, then output rows blend two of those. ATen's kernel
// recomputes the x interpolation for every output row, which makes the 32 -> 512 upsampling of the head's
// logits (16x more rows) the dominant cost of a re-decode. The arithmetic per output value is the same
// ((v00 w0 + v01 w1) h0 + (v10 w0 + v11 w1) h1, in float), so the results agree to rounding.

#include <torch/torch.h>

namespace cascadeclip::ops {

/// x: [B, C, H, W] -> [B, C, outH, outW]. Float32 CPU tensors take the separable path; anything else goes to
/// F::interpolate.
torch::Tensor resizeBilinear(const torch::Tensor& x, int64_t outH, int64_t outW);

} // namespace cascadeclip::ops
