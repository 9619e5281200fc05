// SPDX-License-Identifier: MIT
#include "ops/SmallGemm.h"

#include <ATen/Parallel.h>

#include <algorithm>

namespace cascadeclip::ops {

namespace {

/// Rows per register block: kRows x kPanel accumulators (20 AVX-512 registers) stay in registers over all of K.
constexpr int64_t kRows = 5;

/// One panel: y[m, o0 + j] for m < rows, j < width (<= kPanel), from panel [K, kPanel].
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void panelKernel(const float* x, int64_t rows, int64_t ldx, const float* panel, int64_t k, const float* bias,
    float alpha, float* y, int64_t ldy, int64_t width)
{
    for (int64_t m0 = 0; m0 < rows; m0 += kRows) {
        const int64_t mb = std::min(kRows, rows - m0);
        float acc[kRows][kPanel] = {};
        const float* xr[kRows];
        for (int64_t i = 0; i < kRows; ++i)
            xr[i] = x + (m0 + std::min(i, mb - 1)) * ldx; // a short block repeats its last row, then drops it
        for (int64_t kk = 0; kk < k; ++kk) {
            const float* w = panel + kk * kPanel;
            for (int64_t i = 0; i < kRows; ++i) {
                const float xv = xr[i][kk];
                for (int64_t j = 0; j < kPanel; ++j)
                    acc[i][j] += xv * w[j];
            }
        }
        for (int64_t i = 0; i < mb; ++i) {
            float* out = y + (m0 + i) * ldy;
            for (int64_t j = 0; j < width; ++j)
                out[j] = alpha * acc[i][j] + (bias ? bias[j] : 0.0f);
        }
    }
}

PackedMatrix pack(const torch::Tensor& wt) // [K, O]
{
    TORCH_CHECK(wt.dim() == 2 && wt.is_cpu() && wt.scalar_type() == torch::kFloat32, "pack: [K, O] float32 CPU");
    const int64_t k = wt.size(0), o = wt.size(1), panels = (o + kPanel - 1) / kPanel;
    auto padded = torch::zeros({k, panels * kPanel}, wt.options());
    padded.slice(1, 0, o).copy_(wt);
    PackedMatrix p;
    p.data = padded.view({k, panels, kPanel}).permute({1, 0, 2}).contiguous();
    p.k = k;
    p.o = o;
    return p;
}

} // namespace

PackedMatrix packRows(const torch::Tensor& w)
{
    TORCH_CHECK(w.dim() == 2, "packRows: W must be [O, K]");
    return pack(w.t());
}

PackedMatrix packColumns(const torch::Tensor& wt)
{
    return pack(wt);
}

void gemmPacked(const float* x, int64_t rows, int64_t ldx, const PackedMatrix& w, const float* bias, float alpha,
    float* y, int64_t ldy)
{
    const int64_t panels = w.data.size(0);
    const float* data = w.data.data_ptr<float>();
    // About 2 * rows * K * kPanel flops per panel: a few panels per task keep the fork/join cost small.
    const int64_t grain = std::max<int64_t>(1, (1 << 20) / std::max<int64_t>(1, 2 * rows * w.k * kPanel));
    at::parallel_for(0, panels, grain, [&](int64_t begin, int64_t end) {
        for (int64_t p = begin; p < end; ++p) {
            const int64_t o0 = p * kPanel;
            panelKernel(x, rows, ldx, data + p * w.k * kPanel, w.k, bias ? bias + o0 : nullptr, alpha, y + o0, ldy,
                std::min(kPanel, w.o - o0));
        }
    });
}

torch::Tensor linearPacked(const torch::Tensor& x, const PackedMatrix& w, const torch::Tensor& bias)
{
    TORCH_CHECK(x.is_cpu() && x.scalar_type() == torch::kFloat32 && x.size(-1) == w.k, "linearPacked: x [..., ", w.k,
        "] float32 CPU");
    const auto flat = x.reshape({-1, w.k}).contiguous();
    auto sizes = x.sizes().vec();
    sizes.back() = w.o;
    auto y = torch::empty({flat.size(0), w.o}, x.options());
    const auto b = bias.defined() ? bias.contiguous() : bias;
    gemmPacked(flat.data_ptr<float>(), flat.size(0), w.k, w, b.defined() ? b.data_ptr<float>() : nullptr, 1.0f,
        y.data_ptr<float>(), w.o);
    return y.view(sizes);
}

PackedMatrix PackCache::get(const torch::Tensor& weight)
{
    const void* key = weight.data_ptr();
    const int64_t version = weight.is_inference() ? 0 : static_cast<int64_t>(weight._version());
    std::lock_guard lock(m_mutex);
    auto& e = m_entries[key];
    if (e.version != version || e.packed.o != weight.size(0) || e.packed.k != weight.size(1)) {
        e.packed = packRows(weight);
        e.version = version;
    }
    return e.packed;
}

} // namespace cascadeclip::ops
