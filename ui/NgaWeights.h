// SPDX-License-Identifier: MIT
#pragma once
// The six Neighborhood Gaussian Aggregation weights a re-decode uses (spec §5.2): stage 1 mixes blocks 5, 6, 7 and
// stage 2 blocks 8, 9, 10; the last block of each stage is its reference.

#include <QJsonArray>

#include <array>
#include <cmath>
#include <optional>

namespace cascadeclip::ui {

struct NgaWeights {
    std::array<float, 3> stage1 {};
    std::array<float, 3> stage2 {};

    friend bool operator==(const NgaWeights&, const NgaWeights&) = default;

    /// Weight i of 0..5 (stage 1's three, then stage 2's).
    float at(int i) const { return i < 3 ? stage1[size_t(i)] : stage2[size_t(i - 3)]; }
    void set(int i, float v) { (i < 3 ? stage1[size_t(i)] : stage2[size_t(i - 3)]) = v; }

    /// The "Gaussian" preset: exp(-d² / 2σ²) with d the distance in blocks to the stage's last block (2, 1, 0), the
    /// rule the official code initialises the weights with (σ = 1 gives e^-2, e^-0.5, 1).
    static NgaWeights gaussian(double sigma)
    {
        NgaWeights w;
        for (int i = 0; i < 3; ++i) {
            const double d = 2 - i;
            const auto v = static_cast<float>(std::exp(-d * d / (2 * sigma * sigma)));
            w.stage1[size_t(i)] = v;
            w.stage2[size_t(i)] = v;
        }
        return w;
    }

    QJsonArray toJson() const
    {
        QJsonArray a;
        for (int i = 0; i < 6; ++i)
            a.append(double(at(i)));
        return a;
    }
    /// std::nullopt unless `a` holds six finite numbers.
    static std::optional<NgaWeights> fromJson(const QJsonArray& a)
    {
        if (a.size() != 6)
            return std::nullopt;
        NgaWeights w;
        for (int i = 0; i < 6; ++i) {
            if (!a.at(i).isDouble() || !std::isfinite(a.at(i).toDouble()))
                return std::nullopt;
            w.set(i, float(a.at(i).toDouble()));
        }
        return w;
    }
};

} // namespace cascadeclip::ui
