// SPDX-License-Identifier: MIT
#pragma once

#include "ui/NgaWeights.h"

#include <QWidget>

#include <array>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;

namespace cascadeclip::ui {

/**
 * The Neighborhood Gaussian Aggregation weights as six sliders with spin boxes (stage 1: blocks 5, 6, 7; stage 2:
 * blocks 8, 9, 10), a reset to the checkpoint's learned values, and the "Gaussian" preset exp(-d²/2σ²) with its σ
 * slider. Every change by the person emits weightsEdited() at once (the window re-decodes, coalesced); a slider
 * released or a value typed ends a gesture (gestureFinished), so one drag is one undo step. GUI thread only.
 */
class NgaPanel : public QWidget {
    Q_OBJECT
public:
    explicit NgaPanel(QWidget* parent = nullptr);

    /// Slider and spin box range: learned weights are unconstrained scalars, around 0..1 in practice.
    static constexpr double kMin = -1.0;
    static constexpr double kMax = 3.0;
    /// Slider steps per unit (the spin boxes take any value of the range to 3 decimals).
    static constexpr int kSliderScale = 100;

    /// The checkpoint's weights (for reset); also shows them when nothing else was set.
    void setCheckpoint(const NgaWeights& weights);
    NgaWeights checkpoint() const { return m_checkpoint; }
    /// Shows `weights` without emitting weightsEdited().
    void setWeights(const NgaWeights& weights);
    NgaWeights weights() const { return m_weights; }
    /// True when the weights differ from the checkpoint's.
    bool isModified() const { return !(m_weights == m_checkpoint); }
    double sigma() const;
    void setSigma(double sigma);

    QSlider* slider(int i) const { return m_sliders[size_t(i)]; }
    QDoubleSpinBox* spinBox(int i) const { return m_spins[size_t(i)]; }

    /// Sets the weights as if the person did (emits weightsEdited and gestureFinished).
    void applyGaussian();
    void resetToCheckpoint();

Q_SIGNALS:
    void weightsEdited(const cascadeclip::ui::NgaWeights& weights);
    void gestureFinished();

private:
    void edit(int i, double value);
    void showWeights(const NgaWeights& weights);
    void updateState();

    NgaWeights m_checkpoint;
    NgaWeights m_weights;
    std::array<QSlider*, 6> m_sliders {};
    std::array<QDoubleSpinBox*, 6> m_spins {};
    QSlider* m_sigmaSlider = nullptr;
    QLabel* m_sigmaLabel = nullptr;
    QLabel* m_stateLabel = nullptr;
    QPushButton* m_resetButton = nullptr;
    bool m_updating = false;
};

} // namespace cascadeclip::ui
