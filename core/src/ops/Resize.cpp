// SPDX-License-Identifier: MIT
#include "ops/Resize.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
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

// The loops below are compiled for AVX-512 and AVX2 as well, chosen at run time: the build targets plain x86-64.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define CASCADECLIP_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CASCADECLIP_VECTOR_CLONES
#endif

/// 1 / (1 + exp(-v)) with exp as Cephes' expf (2^n times a degree-6 polynomial on [-ln2/2, ln2/2]): within 2 ulp
/// of ATen's sigmoid, and simple enough for the compiler to vectorise (no calls, no branches).
inline float sigmoid(float v)
{
    float x = -v;
    x = x < -87.0f ? -87.0f : x;
    x = x > 88.0f ? 88.0f : x;
    const float t = x * 1.44269504088896341f + 0.5f;
    int32_t i = static_cast<int32_t>(t); // rounds toward zero: one less below zero gives the floor
    i -= t < static_cast<float>(i) ? 1 : 0;
    const float n = static_cast<float>(i);
    const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = (p * r) * r + r + 1.0f;
    const float scale = std::bit_cast<float>((i + 127) << 23);
    return 1.0f / (1.0f + p * scale);
}

/// Every source row of a plane [inH, inW] interpolated along x through `tx`: rows [inH, outW].
CASCADECLIP_VECTOR_CLONES
void interpolateRows(const float* plane, int64_t inH, int64_t inW, const Taps& tx, float* rows)
{
    const auto outW = static_cast<int64_t>(tx.i0.size());
    for (int64_t y = 0; y < inH; ++y) {
        const float* s = plane + y * inW;
        float* r = rows + y * outW;
        for (int64_t o = 0; o < outW; ++o) {
            const auto k = static_cast<size_t>(o);
            r[o] = s[tx.i0[k]] * tx.w0[k] + s[tx.i1[k]] * tx.w1[k];
        }
    }
}

/// The two x-interpolated source rows that output row `y` blends, and their weights.
struct RowPair {
    const float *r0, *r1;
    float w0, w1;
};

inline RowPair rowPair(const float* rows, int64_t width, const Taps& ty, int64_t y)
{
    const auto k = static_cast<size_t>(y);
    return {rows + ty.i0[k] * width, rows + ty.i1[k] * width, ty.w0[k], ty.w1[k]};
}

/// One plane [inH, inW] -> [outH, outW] through the taps; `rows` holds inH * outW floats.
CASCADECLIP_VECTOR_CLONES
void resizePlane(const float* plane, int64_t inH, int64_t inW, const Taps& ty, const Taps& tx, float* rows, float* dst)
{
    const auto outH = static_cast<int64_t>(ty.i0.size()), outW = static_cast<int64_t>(tx.i0.size());
    interpolateRows(plane, inH, inW, tx, rows);
    for (int64_t o = 0; o < outH; ++o) {
        const auto [r0, r1, w0, w1] = rowPair(rows, outW, ty, o);
        float* row = dst + o * outW;
        for (int64_t i = 0; i < outW; ++i)
            row[i] = r0[i] * w0 + r1[i] * w1;
    }
}

/// One window's share of slide inference, fused: plane[y, x] += sigmoid(up[y, x]) - offset (without the sigmoid
/// when not `applySigmoid`) for the window's
/// crop x crop pixels (plane rows of `stride` floats, starting at the window's corner), where up blends two of
/// `rows` (the window's grid rows interpolated along x, [g, crop]) through `ty`, as resizePlane does.
CASCADECLIP_VECTOR_CLONES
void addWindowScores(const float* rows, const Taps& ty, float offset, bool applySigmoid, float* plane, int64_t stride)
{
    const auto crop = static_cast<int64_t>(ty.i0.size());
    for (int64_t y = 0; y < crop; ++y) {
        const auto [r0, r1, w0, w1] = rowPair(rows, crop, ty, y);
        float* d = plane + y * stride;
        if (applySigmoid)
            for (int64_t x = 0; x < crop; ++x)
                d[x] += sigmoid(r0[x] * w0 + r1[x] * w1) - offset;
        else
            for (int64_t x = 0; x < crop; ++x)
                d[x] += (r0[x] * w0 + r1[x] * w1) - offset;
    }
}

CASCADECLIP_VECTOR_CLONES
void divideBy(float* values, const float* divisors, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        values[i] /= divisors[i];
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
    int64_t crop, int64_t h, int64_t w, const std::vector<float>& offsets, int64_t outH, int64_t outW,
    bool applySigmoid)
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
        std::vector<float> plane(static_cast<size_t>(h * w));
        std::vector<float> rows(static_cast<size_t>(std::max(g * crop, h * outW)));
        for (int64_t c = begin; c < end; ++c) {
            std::fill(plane.begin(), plane.end(), 0.0f);
            const float offset = offsets.empty() ? 0.0f : offsets[static_cast<size_t>(c)];
            for (size_t k = 0; k < origins.size(); ++k) {
                interpolateRows(src[k] + c * g * g, g, g, upX, rows.data());
                addWindowScores(
                    rows.data(), upY, offset, applySigmoid, plane.data() + origins[k].y * w + origins[k].x, w);
            }
            divideBy(plane.data(), count.data(), h * w);
            resizePlane(plane.data(), h, w, downY, downX, rows.data(), dst + c * outH * outW);
        }
    });
    return out;
}

} // namespace cascadeclip::ops
