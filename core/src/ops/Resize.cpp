// SPDX-License-Identifier: MIT
#include "ops/Resize.h"

#include <ATen/Parallel.h>

#include <algorithm>
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

/// One plane [inH, inW] -> [outH, outW] through the taps; `rows` holds inH * outW floats.
void resizePlane(const float* plane, int64_t inH, int64_t inW, const Taps& ty, const Taps& tx, float* rows, float* dst)
{
    const auto outH = static_cast<int64_t>(ty.i0.size()), outW = static_cast<int64_t>(tx.i0.size());
    for (int64_t y = 0; y < inH; ++y) {
        const float* s = plane + y * inW;
        float* r = rows + y * outW;
        for (int64_t o = 0; o < outW; ++o) {
            const auto k = static_cast<size_t>(o);
            r[o] = s[tx.i0[k]] * tx.w0[k] + s[tx.i1[k]] * tx.w1[k];
        }
    }
    for (int64_t o = 0; o < outH; ++o) {
        const auto k = static_cast<size_t>(o);
        const float* r0 = rows + ty.i0[k] * outW;
        const float* r1 = rows + ty.i1[k] * outW;
        const float w0 = ty.w0[k], w1 = ty.w1[k];
        float* row = dst + o * outW;
        for (int64_t i = 0; i < outW; ++i)
            row[i] = r0[i] * w0 + r1[i] * w1;
    }
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
        for (int64_t p = begin; p < end; ++p)
            resizePlane(in + p * inH * inW, inH, inW, ty, tx, rows.data(), dst + p * outH * outW);
    });
    return out;
}

torch::Tensor slideWindowScores(const std::vector<torch::Tensor>& logits, const std::vector<WindowOrigin>& origins,
    int64_t crop, int64_t h, int64_t w, const std::vector<float>& offsets, int64_t outH, int64_t outW)
{
    TORCH_CHECK(!logits.empty() && logits.size() == origins.size(), "slideWindowScores: one origin per window");
    const int64_t classes = logits[0].size(0), g = logits[0].size(1);
    std::vector<torch::Tensor> maps;
    std::vector<const float*> src;
    for (const auto& l : logits) {
        TORCH_CHECK(l.is_cpu() && l.scalar_type() == torch::kFloat32 && l.dim() == 3 && l.size(0) == classes
                && l.size(1) == g && l.size(2) == g,
            "slideWindowScores expects [C, G, G] float32 CPU logits");
        maps.push_back(l.contiguous());
        src.push_back(maps.back().data_ptr<float>());
    }
    TORCH_CHECK(offsets.empty() || static_cast<int64_t>(offsets.size()) == classes, "one offset per class");
    // Windows covering each pixel, summed in window order as the unfused path does.
    std::vector<float> count(static_cast<size_t>(h * w), 0.0f);
    for (const auto& o : origins) {
        TORCH_CHECK(o.y >= 0 && o.x >= 0 && o.y + crop <= h && o.x + crop <= w, "window outside the image");
        for (int64_t y = 0; y < crop; ++y) {
            float* c = count.data() + (o.y + y) * w + o.x;
            for (int64_t x = 0; x < crop; ++x)
                c[x] += 1.0f;
        }
    }
    const Taps upY = tapsFor(g, crop), upX = tapsFor(g, crop), downY = tapsFor(h, outH), downX = tapsFor(w, outW);
    auto out = torch::empty({1, classes, outH, outW}, torch::kFloat32);
    float* dst = out.data_ptr<float>();
    at::parallel_for(0, classes, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> up(static_cast<size_t>(crop * crop)), plane(static_cast<size_t>(h * w));
        std::vector<float> rows(static_cast<size_t>(std::max(g * crop, h * outW)));
        const auto upTensor = torch::from_blob(up.data(), {crop * crop}, torch::kFloat32);
        for (int64_t c = begin; c < end; ++c) {
            std::fill(plane.begin(), plane.end(), 0.0f);
            const float offset = offsets.empty() ? 0.0f : offsets[static_cast<size_t>(c)];
            for (size_t k = 0; k < origins.size(); ++k) {
                resizePlane(src[k] + c * g * g, g, g, upY, upX, rows.data(), up.data());
                upTensor.sigmoid_(); // ATen's vectorised kernel, as the unfused path
                for (int64_t y = 0; y < crop; ++y) {
                    const float* s = up.data() + y * crop;
                    float* d = plane.data() + (origins[k].y + y) * w + origins[k].x;
                    for (int64_t x = 0; x < crop; ++x)
                        d[x] += s[x] - offset;
                }
            }
            for (size_t i = 0; i < plane.size(); ++i)
                plane[i] /= count[i];
            resizePlane(plane.data(), h, w, downY, downX, rows.data(), dst + c * outH * outW);
        }
    });
    return out;
}

} // namespace cascadeclip::ops
