// SPDX-License-Identifier: MIT
#include "ui/NgaPanel.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace cascadeclip::ui {

namespace {
// σ slider: 0.25 .. 4 in steps of 0.05 (σ = 1 is the official initialisation).
constexpr int kSigmaScale = 20;
constexpr int kSigmaMin = 5;
constexpr int kSigmaMax = 80;
} // namespace

NgaPanel::NgaPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("ngaPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    for (int stage = 0; stage < 2; ++stage) {
        auto* box = new QGroupBox(stage == 0 ? tr("Stage 1 (blocks 5–7)") : tr("Stage 2 (blocks 8–10)"), this);
        auto* grid = new QGridLayout(box);
        grid->setContentsMargins(6, 4, 6, 4);
        grid->setVerticalSpacing(2);
        for (int b = 0; b < 3; ++b) {
            const int i = stage * 3 + b;
            const int block = (stage == 0 ? 5 : 8) + b;
            auto* label = new QLabel(tr("Block %1").arg(block), box);
            // One label width in both groups, so the sliders of the two stages line up.
            label->setMinimumWidth(label->fontMetrics().horizontalAdvance(tr("Block %1").arg(10)) + 4);
            grid->addWidget(label, b, 0);
            auto* slider = new QSlider(Qt::Horizontal, box);
            slider->setObjectName(QStringLiteral("ngaSlider%1").arg(block));
            slider->setRange(int(kMin * kSliderScale), int(kMax * kSliderScale));
            slider->setToolTip(tr("Weight of block %1 in stage %2").arg(block).arg(stage + 1));
            grid->addWidget(slider, b, 1);
            auto* spin = new QDoubleSpinBox(box);
            spin->setObjectName(QStringLiteral("ngaSpinBox%1").arg(block));
            spin->setRange(kMin, kMax);
            spin->setDecimals(3);
            spin->setSingleStep(0.01);
            spin->setKeyboardTracking(false);
            grid->addWidget(spin, b, 2);
            m_sliders[size_t(i)] = slider;
            m_spins[size_t(i)] = spin;
            connect(slider, &QSlider::valueChanged, this, [this, i, slider](int v) {
                if (m_updating)
                    return;
                edit(i, double(v) / kSliderScale);
                // A step by key, wheel or click is a gesture of its own; a drag ends when the slider is released.
                if (!slider->isSliderDown())
                    Q_EMIT gestureFinished();
            });
            connect(slider, &QSlider::sliderReleased, this, &NgaPanel::gestureFinished);
            connect(spin, &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
                if (!m_updating) {
                    edit(i, v);
                    Q_EMIT gestureFinished();
                }
            });
        }
        grid->setColumnStretch(1, 1);
        layout->addWidget(box);
    }

    auto* presetBox = new QGroupBox(tr("Gaussian preset"), this);
    auto* presetLayout = new QGridLayout(presetBox);
    presetLayout->setContentsMargins(6, 4, 6, 4);
    presetLayout->addWidget(new QLabel(tr("σ"), presetBox), 0, 0);
    m_sigmaSlider = new QSlider(Qt::Horizontal, presetBox);
    m_sigmaSlider->setObjectName(QStringLiteral("ngaSigmaSlider"));
    m_sigmaSlider->setRange(kSigmaMin, kSigmaMax);
    m_sigmaSlider->setValue(kSigmaScale); // σ = 1
    m_sigmaSlider->setToolTip(tr("Width of the Gaussian: weight = exp(−d²/2σ²), d = blocks to the stage's last"));
    presetLayout->addWidget(m_sigmaSlider, 0, 1);
    m_sigmaLabel = new QLabel(presetBox);
    m_sigmaLabel->setObjectName(QStringLiteral("ngaSigmaLabel"));
    m_sigmaLabel->setMinimumWidth(m_sigmaLabel->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
    presetLayout->addWidget(m_sigmaLabel, 0, 2);
    auto* gaussian = new QPushButton(tr("Apply Gaussian"), presetBox);
    gaussian->setObjectName(QStringLiteral("ngaGaussianButton"));
    gaussian->setToolTip(tr("Set both stages to exp(−d²/2σ²); moving σ afterwards updates them live"));
    presetLayout->addWidget(gaussian, 1, 0, 1, 3);
    presetLayout->setColumnStretch(1, 1);
    layout->addWidget(presetBox);
    connect(gaussian, &QPushButton::clicked, this, &NgaPanel::applyGaussian);
    connect(m_sigmaSlider, &QSlider::valueChanged, this, [this] {
        m_sigmaLabel->setText(QLocale().toString(sigma(), 'f', 2));
        // Live while the weights follow the preset (they did before this move).
        if (!m_updating && m_sigmaSlider->isSliderDown())
            applyGaussian();
    });
    m_sigmaLabel->setText(QLocale().toString(sigma(), 'f', 2));
    connect(m_sigmaSlider, &QSlider::sliderReleased, this, &NgaPanel::gestureFinished);

    auto* bottom = new QHBoxLayout;
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("ngaStateLabel"));
    m_stateLabel->setWordWrap(true);
    bottom->addWidget(m_stateLabel, 1);
    m_resetButton = new QPushButton(tr("Reset"), this);
    m_resetButton->setObjectName(QStringLiteral("ngaResetButton"));
    m_resetButton->setToolTip(tr("Back to the checkpoint's learned weights"));
    connect(m_resetButton, &QPushButton::clicked, this, &NgaPanel::resetToCheckpoint);
    bottom->addWidget(m_resetButton);
    layout->addLayout(bottom);
    layout->addStretch();
    showWeights(m_weights);
}

double NgaPanel::sigma() const
{
    return double(m_sigmaSlider->value()) / kSigmaScale;
}

void NgaPanel::setSigma(double sigma)
{
    const QSignalBlocker block(m_sigmaSlider);
    m_sigmaSlider->setValue(int(std::lround(sigma * kSigmaScale)));
    m_sigmaLabel->setText(QLocale().toString(this->sigma(), 'f', 2));
}

void NgaPanel::setCheckpoint(const NgaWeights& weights)
{
    m_checkpoint = weights;
    updateState();
}

void NgaPanel::setWeights(const NgaWeights& weights)
{
    m_weights = weights;
    showWeights(weights);
}

void NgaPanel::showWeights(const NgaWeights& weights)
{
    m_updating = true;
    for (int i = 0; i < 6; ++i) {
        m_sliders[size_t(i)]->setValue(int(std::lround(weights.at(i) * kSliderScale)));
        m_spins[size_t(i)]->setValue(weights.at(i));
    }
    m_updating = false;
    updateState();
}

void NgaPanel::edit(int i, double value)
{
    m_weights.set(i, float(value));
    // Mirror the edited control in its twin without echoing back.
    m_updating = true;
    m_sliders[size_t(i)]->setValue(int(std::lround(value * kSliderScale)));
    m_spins[size_t(i)]->setValue(value);
    m_updating = false;
    updateState();
    Q_EMIT weightsEdited(m_weights);
}

void NgaPanel::applyGaussian()
{
    m_weights = NgaWeights::gaussian(sigma());
    showWeights(m_weights);
    Q_EMIT weightsEdited(m_weights);
    if (!m_sigmaSlider->isSliderDown())
        Q_EMIT gestureFinished();
}

void NgaPanel::resetToCheckpoint()
{
    m_weights = m_checkpoint;
    showWeights(m_weights);
    Q_EMIT weightsEdited(m_weights);
    Q_EMIT gestureFinished();
}

void NgaPanel::updateState()
{
    m_resetButton->setEnabled(isModified());
    m_stateLabel->setText(isModified() ? tr("Edited") : tr("Checkpoint weights"));
    m_stateLabel->setToolTip(tr("Checkpoint: %1, %2, %3 | %4, %5, %6")
                                 .arg(m_checkpoint.at(0))
                                 .arg(m_checkpoint.at(1))
                                 .arg(m_checkpoint.at(2))
                                 .arg(m_checkpoint.at(3))
                                 .arg(m_checkpoint.at(4))
                                 .arg(m_checkpoint.at(5)));
}

} // namespace cascadeclip::ui
