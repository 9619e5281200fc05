// SPDX-License-Identifier: MIT
#include "ops/Resize.h"

#include <ATen/Parallel.h>

#include <vector>

namespace cascadeclip::ops {

namespace {

/// For each output index: the two source indices and their weights, computed as ATen computes them
/// (area_pixel_compute_source_index, clamped at 0; the second index stays inside the input).
struct Taps {
    std::vector<int64_t> i0, i1;
    std::vector<float> w0, w1;
};

Taps tapsFor(int64_t in, int64_t out)
{
    Taps t;
    t.i0.resize(static_cast<size_t>(out));
    t.i1.resize(static_cast<size_t>(out));
    t.w0.resize(static_cast<size_t>(out));
    t.w1.resize(static_cast<size_t>(out));
    // The scale is a float; the source coordinate and its fraction are formed in double and rounded once.
    const double scale = static_cast<float>(in) / static_cast<float>(out);
    for (int64_t o = 0; o < out; ++o) {
        double src = scale * (static_cast<double>(o) + 0.5) - 0.5;
        if (src < 0)
            src = 0;
        const auto i0 = static_cast<int64_t>(src);
        const auto k = static_cast<size_t>(o);
        t.i0[k] = i0;
        t.i1[k] = i0 + (i0 < in - 1 ? 1 : 0);
        t.w1[k] = static_cast<float>(src - static_cast<double>(i0));
        t.w0[k] = 1.0f - t.w1[k];
    }
    return t;
}

} // namespace

torch::Tensor resizeBilinear(const torch::Tensor& x, int64_t outH, int64_t outW)
{
    TORCH_CHECK(x.dim() == 4, "resizeBilinear expects [B, C, H, W]");
    if (!x.is_cpu() || x.scalar_type() != torch::kFloat32) {
        namespace F = torch::nn::functional;
        return F::interpolate(x,
            F::InterpolateFuncOptions()
                .size(std::vector<int64_t> {outH, outW})
                .mode(torch::kBilinear)
                .align_corners(false));
    }
    const auto src = x.contiguous();
    const int64_t planes = src.size(0) * src.size(1), inH = src.size(2), inW = src.size(3);
    auto out = torch::empty({src.size(0), src.size(1), outH, outW}, src.options());
    const Taps ty = tapsFor(inH, outH), tx = tapsFor(inW, outW);
    const float* in = src.data_ptr<float>();
    float* dst = out.data_ptr<float>();
    at::parallel_for(0, planes, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> rows(static_cast<size_t>(inH * outW)); // every source row, interpolated along x
        for (int64_t p = begin; p < end; ++p) {
            const float* plane = in + p * inH * inW;
            for (int64_t y = 0; y < inH; ++y) {
                const float* s = plane + y * inW;
                float* r = rows.data() + y * outW;
                for (int64_t o = 0; o < outW; ++o) {
                    const auto k = static_cast<size_t>(o);
                    r[o] = s[tx.i0[k]] * tx.w0[k] + s[tx.i1[k]] * tx.w1[k];
                }
            }
            float* d = dst + p * outH * outW;
            for (int64_t o = 0; o < outH; ++o) {
                const auto k = static_cast<size_t>(o);
                const float* r0 = rows.data() + ty.i0[k] * outW;
                const float* r1 = rows.data() + ty.i1[k] * outW;
                const float w0 = ty.w0[k], w1 = ty.w1[k];
                float* row = d + o * outW;
                for (int64_t i = 0; i < outW; ++i)
                    row[i] = r0[i] * w0 + r1[i] * w1;
            }
        }
    });
    return out;
}

} // namespace cascadeclip::ops
