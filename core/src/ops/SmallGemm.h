// SPDX-License-Identifier: MIT
#pragma once
// Products with few rows against a fixed right-hand matrix: y = x W^T (+ bias), x [M, K] with M about 20-200
// (the head's class queries), W [O, K] a layer's weight or a cached key/value projection.
//
// oneDNN (fastLinear) reaches about 35 GFLOP/s per core on these shapes, because every call reorders the whole
// weight into its blocked layout; LibTorch's BLAS here is no faster. Packing W once into column panels of
// kPanel outputs ([ceil(O/kPanel), K, kPanel], zero-padded) lets a register-blocked kernel stream each panel
// exactly once per call, at about 100 GFLOP/s per core (AVX-512 on this CPU; AVX2 and plain builds are
// selected at run time). Each output is x[m, :] . W[o, :] summed in k order, in float.

#include <torch/torch.h>

#include <memory>
#include <mutex>
#include <unordered_map>

namespace cascadeclip::ops {

/// Outputs per packed column panel.
inline constexpr int64_t kPanel = 64;

/// W [O, K] (float32 CPU) packed for gemmPacked(): data [ceil(O/kPanel), K, kPanel].
struct PackedMatrix {
    torch::Tensor data;
    int64_t k = 0, o = 0;
};

/// Packs W [O, K] (any strides).
PackedMatrix packRows(const torch::Tensor& w);

/// Packs W given transposed, as Wt [K, O] (any strides): the same PackedMatrix as packRows(Wt^T).
PackedMatrix packColumns(const torch::Tensor& wt);

/// y[m, o] = alpha * (x[m, :] . W[o, :]) + bias[o], for m < rows: x with row stride ldx, y with row stride ldy
/// (float32, o < W.o), bias of W.o floats or null. Parallel over panels when called outside a parallel region.
void gemmPacked(const float* x, int64_t rows, int64_t ldx, const PackedMatrix& w, const float* bias, float alpha,
    float* y, int64_t ldy);

/// x [..., K] (float32 CPU) -> [..., O] = x W^T + bias, bias [O] or undefined.
torch::Tensor linearPacked(const torch::Tensor& x, const PackedMatrix& w, const torch::Tensor& bias);

/// Packed copies of a module's weights, made on first use and remade when a weight's storage or version changes.
/// Thread-safe.
class PackCache {
public:
    PackedMatrix get(const torch::Tensor& weight);

private:
    struct Entry {
        int64_t version = -1;
        PackedMatrix packed;
    };
    std::mutex m_mutex;
    std::unordered_map<const void*, Entry> m_entries;
};

} // namespace cascadeclip::ops
