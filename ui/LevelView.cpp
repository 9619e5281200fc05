// SPDX-License-Identifier: MIT
#include "ui/LevelView.h"

#include "ui/ImageCanvas.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QStackedWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include <opencv2/core.hpp>

namespace cascadeclip::ui {

namespace {

constexpr std::array<Level, 4> kFourLevels {Level::Stage1, Level::Stage2, Level::Stage3, Level::Fused};

int stageIndex(Level level)
{
    switch (level) {
    case Level::Stage1:
        return 0;
    case Level::Stage2:
        return 1;
    case Level::Stage3:
        return 2;
    default:
        return -1;
    }
}

/// BGR picture -> ARGB32, transparent where `labels` (when given) is unlabeled.
QImage toArgb(const cv::Mat& bgr, const cv::Mat& labels)
{
    QImage out(bgr.cols, bgr.rows, QImage::Format_ARGB32);
    for (int y = 0; y < bgr.rows; ++y) {
        const auto* in = bgr.ptr<cv::Vec3b>(y);
        const auto* l = labels.empty() ? nullptr : labels.ptr<std::uint16_t>(y);
        auto* px = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < bgr.cols; ++x)
            px[x] = l && l[x] == kUnlabeled ? 0 : qRgb(in[x][2], in[x][1], in[x][0]);
    }
    return out;
}

} // namespace

// ------------------------------------------------------------------------------------------------------ colour bar

ColorBarWidget::ColorBarWidget(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

void ColorBarWidget::setLegend(const QString& title, render::ValueRange range)
{
    m_title = title;
    m_range = range;
    setToolTip(title);
    updateGeometry();
    update();
}

QSize ColorBarWidget::sizeHint() const
{
    const QStringList lines = m_title.split(QLatin1Char('\n'));
    int widest = 0;
    for (const QString& line : lines)
        widest = std::max(widest, fontMetrics().horizontalAdvance(line));
    return QSize(std::clamp(widest + 18, 96, 200), 220);
}

void ColorBarWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    const QFontMetrics fm = fontMetrics();
    const int margin = 8;
    p.setPen(QColor(40, 40, 40));
    // Title: the class name (bold) over the quantity and level.
    const QStringList lines = m_title.split(QLatin1Char('\n'));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const int textWidth = width() - 2 * margin;
    p.drawText(
        QPoint(margin, margin + fm.ascent()), QFontMetrics(bold).elidedText(lines.value(0), Qt::ElideRight, textWidth));
    p.setFont(font());
    p.drawText(
        QPoint(margin, margin + fm.height() + fm.ascent()), fm.elidedText(lines.value(1), Qt::ElideRight, textWidth));
    const QRect titleRect(margin, margin, textWidth, fm.height() * 2);
    const int top = titleRect.bottom() + 6;
    const QRect bar(margin, top, 18, std::max(10, height() - top - margin));
    // The same colours as the heatmap and `cascadeclip render`: core's colour map, max at the top.
    const auto& table = render::colormap();
    for (int y = 0; y < bar.height(); ++y) {
        const int index = bar.height() > 1 ? qRound(255.0 * (bar.height() - 1 - y) / (bar.height() - 1)) : 255;
        const render::Rgb& c = table[size_t(index)];
        p.fillRect(QRect(bar.x(), bar.y() + y, bar.width(), 1), QColor(c[0], c[1], c[2]));
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QColor(40, 40, 40));
    p.drawRect(bar);
    const int tx = bar.right() + 6;
    const auto label = [&](float v) { return QString::fromStdString(render::formatValue(v)); };
    p.drawText(QPoint(tx, bar.top() + fm.ascent()), label(m_range.max));
    p.drawText(QPoint(tx, bar.center().y() + fm.ascent() / 2), label((m_range.min + m_range.max) / 2));
    p.drawText(QPoint(tx, bar.bottom()), label(m_range.min));
}

// ------------------------------------------------------------------------------------------------------- one pane

LevelPane::LevelPane(const QString& suffix, QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("levelPaneTitle") + suffix);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    layout->addWidget(m_title);
    auto* row = new QHBoxLayout;
    row->setSpacing(2);
    m_canvas = new ImageCanvas(this);
    m_canvas->setObjectName(QStringLiteral("levelPaneCanvas") + suffix);
    m_canvas->setTool(ImageCanvas::Tool::Inspect);
    m_canvas->setMinimumSize(120, 90);
    row->addWidget(m_canvas, 1);
    m_bar = new ColorBarWidget(this);
    m_bar->setObjectName(QStringLiteral("levelPaneColorBar") + suffix);
    m_bar->setFixedWidth(96);
    row->addWidget(m_bar);
    layout->addLayout(row, 1);
}

// ------------------------------------------------------------------------------------------------------ the view

LevelView::LevelView(ImageCanvas* canvas, QStackedWidget* stack, QObject* parent)
    : QObject(parent)
    , m_canvas(canvas)
    , m_stack(stack)
{
    m_fourUp = new QWidget(stack);
    m_fourUp->setObjectName(QStringLiteral("fourUpView"));
    auto* grid = new QGridLayout(m_fourUp);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setSpacing(4);
    for (int i = 0; i < 4; ++i) {
        m_panes[size_t(i)] = new LevelPane(QString::number(i + 1), m_fourUp);
        grid->addWidget(m_panes[size_t(i)], i / 2, i % 2);
        ImageCanvas* c = m_panes[size_t(i)]->canvas();
        connect(c, &ImageCanvas::viewChanged, this, [this, c] { followView(c); });
        connect(c, &ImageCanvas::inspectRequested, this, &LevelView::inspectRequested);
    }
    stack->addWidget(m_fourUp);

    m_canvasBar = new ColorBarWidget(canvas);
    m_canvasBar->setObjectName(QStringLiteral("canvasColorBar"));
    m_canvasBar->hide();
    canvas->installEventFilter(this);
}

QString LevelView::levelName(Level level)
{
    switch (level) {
    case Level::Annotation:
        return tr("Annotation");
    case Level::Stage1:
        return tr("Stage 1 (blocks 5–7)");
    case Level::Stage2:
        return tr("Stage 2 (blocks 8–10)");
    case Level::Stage3:
        return tr("Stage 3 (final block)");
    case Level::Fused:
        return tr("Fused");
    case Level::FourUp:
        return tr("All four levels");
    }
    return {};
}

void LevelView::addControls(QToolBar* bar)
{
    auto* levelLabel = new QLabel(tr(" View "), bar);
    bar->addWidget(levelLabel);
    m_levelBox = new QComboBox(bar);
    m_levelBox->setObjectName(QStringLiteral("levelViewCombo"));
    m_levelBox->setToolTip(tr("Show the annotation, one level of the cascade, or all four side by side. The level "
                              "views are read-only; click with Alt (or the Inspect tool) to inspect a pixel."));
    for (Level l : {Level::Annotation, Level::Stage1, Level::Stage2, Level::Stage3, Level::Fused, Level::FourUp})
        m_levelBox->addItem(levelName(l), int(l));
    bar->addWidget(m_levelBox);
    m_displayBox = new QComboBox(bar);
    m_displayBox->setObjectName(QStringLiteral("levelDisplayCombo"));
    m_displayBox->addItem(tr("Labels"), int(LevelDisplay::Labels));
    m_displayBox->addItem(tr("Probability"), int(LevelDisplay::Probability));
    m_displayBox->addItem(tr("Logit"), int(LevelDisplay::Logit));
    m_displayBox->setToolTip(tr("Draw the level as a label map, or one class's probability or logit as a heatmap"));
    bar->addWidget(m_displayBox);
    m_classBox = new QComboBox(bar);
    m_classBox->setObjectName(QStringLiteral("heatmapClassCombo"));
    m_classBox->setToolTip(tr("Class of the heatmap"));
    m_classBox->setMinimumContentsLength(10);
    m_classBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    bar->addWidget(m_classBox);
    connect(m_levelBox, &QComboBox::activated, this, [this] { setLevel(Level(m_levelBox->currentData().toInt())); });
    connect(m_displayBox, &QComboBox::activated, this,
        [this] { setDisplay(LevelDisplay(m_displayBox->currentData().toInt())); });
    connect(m_classBox, &QComboBox::activated, this, [this](int index) { setHeatClass(index); });
    syncControls();
}

void LevelView::syncControls()
{
    if (!m_levelBox)
        return;
    const QSignalBlocker b1(m_levelBox), b2(m_displayBox), b3(m_classBox);
    m_levelBox->setCurrentIndex(m_levelBox->findData(int(m_level)));
    m_displayBox->setCurrentIndex(m_displayBox->findData(int(m_display)));
    m_displayBox->setEnabled(m_level != Level::Annotation);
    m_classBox->clear();
    m_classBox->addItems(m_names);
    m_classBox->setCurrentIndex(heatClass());
    m_classBox->setEnabled(m_level != Level::Annotation && m_display != LevelDisplay::Labels && !m_names.isEmpty());
}

int LevelView::heatClass() const
{
    if (m_names.isEmpty())
        return -1;
    const int i = m_names.indexOf(m_heatClassName);
    return i >= 0 ? i : 0;
}

void LevelView::setLevel(Level level)
{
    if (level == m_level)
        return;
    m_level = level;
    syncControls();
    render();
    Q_EMIT viewChanged();
    if (hasResult() && !hasNeededData())
        Q_EMIT dataNeeded();
}

void LevelView::setDisplay(LevelDisplay display)
{
    if (display == m_display)
        return;
    m_display = display;
    syncControls();
    render();
    Q_EMIT viewChanged();
    if (hasResult() && !hasNeededData())
        Q_EMIT dataNeeded();
}

void LevelView::setHeatClass(int index)
{
    if (index < 0 || index >= m_names.size())
        return;
    m_heatClassName = m_names.at(index);
    syncControls();
    render();
    Q_EMIT viewChanged();
}

void LevelView::setHeatClassName(const QString& name)
{
    if (name.isEmpty() || name == m_heatClassName)
        return;
    m_heatClassName = name;
    syncControls();
    if (m_display != LevelDisplay::Labels && overridesCanvas())
        render();
}

void LevelView::setImage(const QImage& image)
{
    m_image = image;
    m_result = {};
    for (LevelPane* p : m_panes)
        p->canvas()->setImage(image);
    render();
}

void LevelView::setResult(
    const SegmentationResult& result, const std::vector<render::Rgb>& colors, const QStringList& names)
{
    m_result = result;
    m_colors = colors;
    m_names = names;
    if (m_heatClassName.isEmpty())
        m_heatClassName = m_names.value(0);
    syncControls();
    render();
}

void LevelView::setColors(const std::vector<render::Rgb>& colors)
{
    m_colors = colors;
    render();
}

void LevelView::setThreshold(float threshold)
{
    m_threshold = threshold;
    if (m_display == LevelDisplay::Labels && overridesCanvas())
        render();
}

void LevelView::setOpacity(double opacity)
{
    m_opacity = opacity;
    for (LevelPane* p : m_panes)
        p->canvas()->setOverlayOpacity(opacity);
}

bool LevelView::needsStageLogits() const
{
    if (m_level == Level::Annotation)
        return false;
    if (m_level == Level::Fused)
        return m_display == LevelDisplay::Logit;
    return true;
}

bool LevelView::needsProbabilities() const
{
    return m_display == LevelDisplay::Probability && (m_level == Level::Fused || m_level == Level::FourUp);
}

bool LevelView::hasNeededData() const
{
    if (!hasResult())
        return false;
    const size_t classes = m_result.classNames.size();
    if (needsStageLogits())
        for (const auto& s : m_result.stageLogits)
            if (s.size() != classes)
                return false;
    if (needsProbabilities() && m_result.probabilities.size() != classes)
        return false;
    return true;
}

cv::Mat LevelView::levelLabels(Level level) const
{
    if (!hasResult())
        return {};
    if (level == Level::Fused) {
        cv::Mat labels = m_result.labels.clone();
        if (!m_result.confidence.empty())
            labels.setTo(kUnlabeled, m_result.confidence < m_threshold);
        return labels;
    }
    const int s = stageIndex(level);
    if (s < 0 || m_result.stageLogits[size_t(s)].empty())
        return {};
    return render::stageLabels(m_result.stageLogits[size_t(s)], m_threshold);
}

cv::Mat LevelView::levelValues(Level level, render::ValueRange* range) const
{
    const int c = heatClass();
    if (!hasResult() || c < 0 || m_display == LevelDisplay::Labels)
        return {};
    const auto cls = size_t(c);
    const bool prob = m_display == LevelDisplay::Probability;
    cv::Mat values;
    if (level == Level::Fused) {
        if (prob && cls < m_result.probabilities.size()) {
            values = m_result.probabilities[cls];
        } else if (!prob) {
            std::vector<cv::Mat> stages;
            for (const auto& s : m_result.stageLogits)
                if (cls < s.size())
                    stages.push_back(s[cls]);
            if (stages.size() == 3)
                values = render::sum(stages);
        }
    } else if (const int s = stageIndex(level); s >= 0 && cls < m_result.stageLogits[size_t(s)].size()) {
        const cv::Mat& logits = m_result.stageLogits[size_t(s)][cls];
        values = prob ? render::sigmoid(logits) : logits;
    }
    if (!values.empty() && range)
        *range = prob ? render::kProbabilityRange : render::finiteRange(values);
    return values;
}

QImage LevelView::levelImage(Level level) const
{
    if (m_display == LevelDisplay::Labels) {
        const cv::Mat labels = levelLabels(level);
        if (labels.empty())
            return {};
        return toArgb(render::colorizeLabels(labels, m_colors), labels);
    }
    render::ValueRange range;
    const cv::Mat values = levelValues(level, &range);
    if (values.empty())
        return {};
    return toArgb(render::heatmap(values, range), cv::Mat());
}

QString LevelView::legendTitle(Level level) const
{
    const QString quantity = m_display == LevelDisplay::Probability ? tr("probability") : tr("logit");
    QString where;
    switch (level) {
    case Level::Stage1:
        where = tr("stage 1");
        break;
    case Level::Stage2:
        where = tr("stage 2");
        break;
    case Level::Stage3:
        where = tr("stage 3");
        break;
    default:
        where = tr("fused");
        break;
    }
    // Two lines: the class, then what is shown of it.
    //: Keep the ASCII comma: the four-up panes show only what comes before it.
    return tr("%1\n%2, %3").arg(m_names.value(heatClass()), quantity, where);
}

void LevelView::render()
{
    const bool heat = m_display != LevelDisplay::Labels;
    if (m_level == Level::FourUp) {
        for (size_t i = 0; i < 4; ++i) {
            LevelPane* pane = m_panes[i];
            const Level l = kFourLevels[i];
            const QImage overlay = levelImage(l);
            pane->canvas()->setOverlay(overlay);
            pane->canvas()->setOverlayOpacity(m_opacity);
            pane->titleLabel()->setText(hasResult() && overlay.isNull() ? tr("%1 — re-decoding…").arg(levelName(l))
                    : hasResult()                                       ? levelName(l)
                                                                        : tr("%1 — run the model").arg(levelName(l)));
            render::ValueRange range;
            const bool hasValues = heat && !levelValues(l, &range).empty();
            pane->colorBar()->setVisible(hasValues);
            // The pane's title names the level; the legend names the class and the quantity.
            if (hasValues)
                pane->colorBar()->setLegend(legendTitle(l).section(QLatin1Char(','), 0, 0), range);
        }
        if (m_stack->currentWidget() == m_canvas)
            m_stack->setCurrentWidget(m_fourUp);
        m_canvasBar->hide();
        return;
    }
    if (m_stack->currentWidget() == m_fourUp)
        m_stack->setCurrentWidget(m_canvas);
    if (m_level == Level::Annotation) {
        m_canvasBar->hide();
        return;
    }
    m_canvas->setOverlay(levelImage(m_level));
    render::ValueRange range;
    const bool hasValues = heat && !levelValues(m_level, &range).empty();
    m_canvasBar->setVisible(hasValues);
    if (hasValues) {
        m_canvasBar->setLegend(legendTitle(m_level), range);
        placeCanvasBar();
    }
}

void LevelView::placeCanvasBar()
{
    const QSize s(m_canvasBar->sizeHint().width(), std::min(240, m_canvas->height() - 24));
    m_canvasBar->setGeometry(QRect(QPoint(m_canvas->width() - s.width() - 12, 12), s));
    m_canvasBar->raise();
}

bool LevelView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_canvas && event->type() == QEvent::Resize && m_canvasBar->isVisible())
        placeCanvasBar();
    return QObject::eventFilter(watched, event);
}

void LevelView::followView(ImageCanvas* source)
{
    if (m_syncing || !source->hasImage())
        return;
    m_syncing = true;
    // A pane that fits its window makes the others fit theirs: the panes are laid out one after the other, so
    // copying a zoom computed for a size another pane does not have yet would leave that one off-centre.
    for (LevelPane* p : m_panes) {
        if (p->canvas() == source || !p->canvas()->hasImage())
            continue;
        if (source->isFitToWindow())
            p->canvas()->fitToWindow();
        else
            p->canvas()->setView(source->zoom(), source->viewCenter());
    }
    m_syncing = false;
}

} // namespace cascadeclip::ui
