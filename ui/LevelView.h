// SPDX-License-Identifier: MIT
#pragma once

#include <cascadeclip/Segmenter.h>
#include <cascadeclip/render/Render.h>

#include <QImage>
#include <QObject>
#include <QStringList>
#include <QWidget>

#include <array>
#include <vector>

class QComboBox;
class QLabel;
class QStackedWidget;
class QToolBar;

namespace cascadeclip::ui {

class ImageCanvas;

/// What the canvas shows: the annotation (editable), one level of the cascade, or all four levels side by side.
enum class Level { Annotation, Stage1, Stage2, Stage3, Fused, FourUp };
/// How a level is drawn: its label map, or one class's probability or logit as a heatmap.
enum class LevelDisplay { Labels, Probability, Logit };

/// The legend of a heatmap: the class and quantity, the colour map from the range's max (top) to its min (bottom).
class ColorBarWidget : public QWidget {
    Q_OBJECT
public:
    explicit ColorBarWidget(QWidget* parent = nullptr);
    void setLegend(const QString& title, render::ValueRange range);
    QString title() const { return m_title; }
    render::ValueRange range() const { return m_range; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_title;
    render::ValueRange m_range;
};

/// One pane of the four-up view: a title, a read-only canvas (clicks inspect) and a colour bar for heatmaps.
class LevelPane : public QWidget {
    Q_OBJECT
public:
    LevelPane(const QString& objectNameSuffix, QWidget* parent = nullptr);
    ImageCanvas* canvas() const { return m_canvas; }
    QLabel* titleLabel() const { return m_title; }
    ColorBarWidget* colorBar() const { return m_bar; }

private:
    QLabel* m_title = nullptr;
    ImageCanvas* m_canvas = nullptr;
    ColorBarWidget* m_bar = nullptr;
};

/**
 * The level views of issue "Inspect the cascade": the canvas switches between stage 1 (blocks 5-7), stage 2
 * (blocks 8-10), stage 3 (the final block) and the fused result, each as a label map or a heatmap of one class's
 * probability or logit with a colour bar, or shows all four side by side with synchronised zoom and pan.
 *
 * It draws from the last model result of the current image (SegmentationResult::stageLogits, probabilities); when
 * the chosen view needs data the result lacks it emits dataNeeded() and the window re-decodes with
 * keepStageLogits / keepProbabilities. Pictures come from core's render module, as `cascadeclip render` draws them.
 * GUI thread only.
 */
class LevelView : public QObject {
    Q_OBJECT
public:
    /// `canvas` is the window's main canvas (the view draws its overlay when a level is shown); the four-up page is
    /// added to `stack`, which also holds the canvas.
    LevelView(ImageCanvas* canvas, QStackedWidget* stack, QObject* parent = nullptr);

    /// Adds the level, display and class pickers to `bar`.
    void addControls(QToolBar* bar);

    Level level() const { return m_level; }
    LevelDisplay display() const { return m_display; }
    /// Index of the heatmap's class in the result's class list (-1 without a result).
    int heatClass() const;
    void setLevel(Level level);
    void setDisplay(LevelDisplay display);
    void setHeatClass(int index);
    /// Picks the heatmap's class by name (kept across results; ignored when the result has no such class).
    void setHeatClassName(const QString& name);

    /// The current image changed: the stored result belongs to the previous one.
    void setImage(const QImage& image);
    /// A result of the current image; `colors` and `names` per class index of the result.
    void setResult(const SegmentationResult& result, const std::vector<render::Rgb>& colors, const QStringList& names);
    /// New class colours (the panel changed), per class index of the stored result.
    void setColors(const std::vector<render::Rgb>& colors);
    bool hasResult() const { return !m_result.labels.empty(); }
    const SegmentationResult& result() const { return m_result; }
    void setThreshold(float threshold);
    void setOpacity(double opacity);

    /// True when the canvas shows a level rather than the editable annotation.
    bool overridesCanvas() const { return m_level != Level::Annotation; }
    bool needsStageLogits() const;
    bool needsProbabilities() const;
    /// The stored result holds what the chosen view needs.
    bool hasNeededData() const;

    /// Draws the chosen view (canvas overlay and colour bar, or the four panes).
    void render();
    /// The label map of a level (Stage1..Stage3, Fused) as class indices of the result, or empty without data.
    cv::Mat levelLabels(Level level) const;
    /// The heatmap values of the heat class at a level, and the range the colour bar shows.
    cv::Mat levelValues(Level level, render::ValueRange* range) const;
    /// Overlay picture of a level (ARGB32, transparent where unlabeled), null without data.
    QImage levelImage(Level level) const;

    QWidget* fourUpWidget() const { return m_fourUp; }
    LevelPane* pane(int i) const { return m_panes[size_t(i)]; }
    ColorBarWidget* canvasColorBar() const { return m_canvasBar; }
    static QString levelName(Level level);

Q_SIGNALS:
    /// The chosen view needs stage logits or probabilities that the stored result lacks.
    void dataNeeded();
    /// Level, display or class changed (the window redraws the canvas overlay when it goes back to the annotation).
    void viewChanged();
    /// A click on a four-up pane.
    void inspectRequested(const QPoint& pixel);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void syncControls();
    void placeCanvasBar();
    void followView(ImageCanvas* source);
    QString legendTitle(Level level) const;

    ImageCanvas* m_canvas;
    QStackedWidget* m_stack;
    QWidget* m_fourUp = nullptr;
    std::array<LevelPane*, 4> m_panes {};
    ColorBarWidget* m_canvasBar = nullptr;
    QComboBox* m_levelBox = nullptr;
    QComboBox* m_displayBox = nullptr;
    QComboBox* m_classBox = nullptr;

    Level m_level = Level::Annotation;
    LevelDisplay m_display = LevelDisplay::Labels;
    QString m_heatClassName;
    float m_threshold = 0.0f;
    double m_opacity = 0.55;
    QImage m_image;
    SegmentationResult m_result;
    std::vector<render::Rgb> m_colors;
    QStringList m_names;
    bool m_syncing = false;
};

} // namespace cascadeclip::ui
