// SPDX-License-Identifier: MIT
#include "ui/InspectorPanel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cascadeclip::ui {

namespace {
// Chart layout, in pixels.
constexpr int kLegendLines = 2;
constexpr int kRowHeight = 30;
constexpr int kNameWidth = 74;
constexpr int kValueWidth = 58;
constexpr int kMargin = 6;
constexpr int kPartCount = 9;

/// The nine parts of a class's fused logit (see InspectorChart::partColor), which add up to it.
std::array<float, kPartCount> partsOf(const ClassInspection& c)
{
    std::array<float, kPartCount> p {};
    for (int st = 0; st < 2; ++st) {
        for (int b = 0; b < 3; ++b)
            p[size_t(st * 4 + b)] = c.blockShares[size_t(st)][size_t(b)];
        p[size_t(st * 4 + 3)] = c.stageBias[size_t(st)];
    }
    p[8] = c.stageLogits[2];
    return p;
}
} // namespace

// ----------------------------------------------------------------------------------------------------------- chart

InspectorChart::InspectorChart(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("inspectorChart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
}

QColor InspectorChart::partColor(int part)
{
    static const QColor colors[kPartCount] = {QColor(0x1f, 0x4e, 0x99), QColor(0x3f, 0x78, 0xc9),
        QColor(0x86, 0xb0, 0xea), QColor(0xc4, 0xd4, 0xea), QColor(0x9c, 0x4a, 0x00), QColor(0xe0, 0x7b, 0x1a),
        QColor(0xf5, 0xb8, 0x75), QColor(0xf4, 0xdc, 0xc2), QColor(0x3a, 0x9a, 0x4f)};
    return colors[std::clamp(part, 0, kPartCount - 1)];
}

void InspectorChart::setEntry(const InspectorEntry* entry)
{
    m_entry = entry;
    updateGeometry();
    update();
}

QSize InspectorChart::sizeHint() const
{
    const int rows = m_entry ? int(m_entry->inspection.classes.size()) : 3;
    return QSize(300, rowTop(rows) + kMargin);
}

QSize InspectorChart::minimumSizeHint() const
{
    return QSize(220, sizeHint().height());
}

int InspectorChart::rowTop(int row) const
{
    const int legend = kLegendLines * (fontMetrics().height() + 2) + 6;
    return kMargin + legend + row * kRowHeight;
}

double InspectorChart::scale() const
{
    double extent = 1e-6;
    if (m_entry)
        for (const ClassInspection& c : m_entry->inspection.classes) {
            double pos = 0, neg = 0;
            for (float v : partsOf(c))
                (v > 0 ? pos : neg) += v;
            extent = std::max({extent, pos, -neg, double(std::abs(c.logit))});
        }
    const double half = (width() - kNameWidth - kValueWidth - 3 * kMargin) / 2.0;
    return std::max(1.0, half) / extent;
}

double InspectorChart::zeroX() const
{
    const double left = kMargin + kNameWidth + kMargin;
    return left + (width() - left - kValueWidth - kMargin) / 2.0;
}

void InspectorChart::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    p.setPen(palette().text().color());
    if (!m_entry) {
        p.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignCenter | Qt::TextWordWrap,
            tr("Alt+click a pixel (or use the Inspect tool, I) to see how each level contributed to its scores."));
        return;
    }
    // Legend, one line per mixed stage: the parts in stacking order.
    const QString names[kPartCount]
        = {tr("b5"), tr("b6"), tr("b7"), tr("bias"), tr("b8"), tr("b9"), tr("b10"), tr("bias"), tr("stage 3")};
    int x = kMargin;
    int y = kMargin;
    for (int part = 0; part < kPartCount; ++part) {
        if (part == 0 || part == 4) {
            if (part == 4) {
                x = kMargin;
                y += fm.height() + 2;
            }
            const QString title = part == 0 ? tr("Stage 1:") : tr("Stage 2:");
            p.setPen(palette().text().color());
            p.drawText(QPoint(x, y + fm.ascent()), title);
            x += fm.horizontalAdvance(title) + 6;
        }
        p.setPen(Qt::NoPen);
        p.setBrush(partColor(part));
        p.drawRect(QRectF(x, y + 3, 10, fm.ascent() - 3));
        p.setPen(palette().text().color());
        p.drawText(QPoint(x + 13, y + fm.ascent()), names[part]);
        x += 13 + fm.horizontalAdvance(names[part]) + 7;
    }

    const double zero = zeroX(), s = scale();
    const auto& classes = m_entry->inspection.classes;
    for (size_t row = 0; row < classes.size(); ++row) {
        const ClassInspection& c = classes[row];
        const int top = rowTop(int(row));
        if (row % 2 == 1)
            p.fillRect(QRect(0, top, width(), kRowHeight), palette().alternateBase());
        // Class swatch and name.
        const QColor classColor = row < m_entry->classColors.size() ? m_entry->classColors[row] : QColor(Qt::gray);
        p.setPen(classColor.darker(150));
        p.setBrush(classColor);
        p.drawRoundedRect(QRectF(kMargin, top + (kRowHeight - 11) / 2.0, 11, 11), 2, 2);
        p.setPen(palette().text().color());
        const QString name = fm.elidedText(m_entry->classNames.value(int(row)), Qt::ElideRight, kNameWidth - 16);
        p.drawText(QPoint(kMargin + 16, top + (kRowHeight + fm.ascent()) / 2 - 1), name);
        // Stacked parts.
        double pos = 0, neg = 0;
        const auto parts = partsOf(c);
        p.setPen(Qt::NoPen);
        for (int part = 0; part < kPartCount; ++part) {
            const double v = parts[size_t(part)];
            if (v == 0)
                continue;
            const double from = v > 0 ? pos : neg;
            const double to = from + v;
            (v > 0 ? pos : neg) = to;
            const double x0 = zero + std::min(from, to) * s, x1 = zero + std::max(from, to) * s;
            p.setBrush(partColor(part));
            p.drawRect(QRectF(x0, top + 5, std::max(1.0, x1 - x0), kRowHeight - 10));
        }
        // Fused logit tick.
        const double lx = zero + c.logit * s;
        p.setPen(QPen(palette().text().color(), 2));
        p.drawLine(QPointF(lx, top + 2), QPointF(lx, top + kRowHeight - 2));
        // Probability over the fused logit, at the right.
        p.setPen(palette().text().color());
        const QRect values(width() - kValueWidth - kMargin, top, kValueWidth, kRowHeight);
        p.drawText(values.adjusted(0, 1, 0, -kRowHeight / 2), Qt::AlignRight | Qt::AlignVCenter,
            tr("p %1").arg(c.probability, 0, 'f', 2));
        p.setPen(palette().placeholderText().color());
        p.drawText(values.adjusted(0, kRowHeight / 2 - 1, 0, 0), Qt::AlignRight | Qt::AlignVCenter,
            tr("ℓ %1").arg(c.logit, 0, 'f', 2));
    }
    // Zero axis over the rows.
    if (!classes.empty()) {
        p.setPen(QPen(palette().mid().color(), 1, Qt::DashLine));
        p.drawLine(QPointF(zero, rowTop(0)), QPointF(zero, rowTop(int(classes.size()))));
    }
}

// ----------------------------------------------------------------------------------------------------------- panel

InspectorPanel::InspectorPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("inspectorPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("inspectorPixelList"));
    m_list->setMaximumHeight(90);
    layout->addWidget(m_list);
    auto* buttons = new QHBoxLayout;
    m_pinButton = new QPushButton(tr("Pin"), this);
    m_pinButton->setObjectName(QStringLiteral("inspectorPinButton"));
    m_pinButton->setToolTip(tr("Keep this pixel in the list when the next one is inspected"));
    m_removeButton = new QPushButton(tr("Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("inspectorRemoveButton"));
    m_copyButton = new QPushButton(tr("Copy as CSV"), this);
    m_copyButton->setObjectName(QStringLiteral("inspectorCopyCsvButton"));
    m_copyButton->setToolTip(tr("Copy every listed pixel's per-class, per-stage and per-block values"));
    buttons->addWidget(m_pinButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    buttons->addWidget(m_copyButton);
    layout->addLayout(buttons);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("inspectorStatusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_chart = new InspectorChart(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_chart);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);
    connect(m_pinButton, &QPushButton::clicked, this, &InspectorPanel::pinCurrent);
    connect(m_removeButton, &QPushButton::clicked, this, &InspectorPanel::removeSelected);
    connect(m_copyButton, &QPushButton::clicked, this, &InspectorPanel::copyCsv);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showSelected(); });
    rebuildList(-1);
}

void InspectorPanel::addInspection(const InspectorEntry& entry)
{
    // The latest click replaces the previous unpinned one.
    m_entries.erase(
        std::remove_if(m_entries.begin(), m_entries.end(), [](const auto& e) { return !e.pinned; }), m_entries.end());
    m_entries.push_back(entry);
    m_entries.back().pinned = false;
    m_status->clear();
    rebuildList(int(m_entries.size()) - 1);
}

void InspectorPanel::setStatus(const QString& text)
{
    m_status->setText(text);
}

int InspectorPanel::selectedRow() const
{
    return m_list->currentRow();
}

void InspectorPanel::pinCurrent()
{
    const int row = selectedRow();
    if (row < 0 || row >= entryCount())
        return;
    m_entries[size_t(row)].pinned = true;
    rebuildList(row);
}

void InspectorPanel::removeSelected()
{
    const int row = selectedRow();
    if (row < 0 || row >= entryCount())
        return;
    m_entries.erase(m_entries.begin() + row);
    rebuildList(std::min(row, entryCount() - 1));
}

void InspectorPanel::rebuildList(int select)
{
    {
        const QSignalBlocker block(m_list);
        m_list->clear();
        for (const InspectorEntry& e : m_entries) {
            // The class with the highest probability names the pixel.
            QString best;
            float bestP = -1;
            for (size_t c = 0; c < e.inspection.classes.size(); ++c)
                if (e.inspection.classes[c].probability > bestP) {
                    bestP = e.inspection.classes[c].probability;
                    best = e.classNames.value(int(c));
                }
            const QString text = tr("x %1, y %2 · %3 (%4)%5")
                                     .arg(e.inspection.x)
                                     .arg(e.inspection.y)
                                     .arg(best)
                                     .arg(bestP, 0, 'f', 2)
                                     .arg(e.pinned ? tr(" · pinned") : QString());
            m_list->addItem(text);
        }
        m_list->setCurrentRow(select);
    }
    showSelected();
}

void InspectorPanel::showSelected()
{
    const int row = selectedRow();
    const bool valid = row >= 0 && row < entryCount();
    m_chart->setEntry(valid ? &m_entries[size_t(row)] : nullptr);
    m_pinButton->setEnabled(valid && !m_entries[size_t(row)].pinned);
    m_removeButton->setEnabled(valid);
    m_copyButton->setEnabled(!m_entries.empty());
    Q_EMIT entriesChanged();
}

QString InspectorPanel::csv() const
{
    QString out = QStringLiteral("x,y,class,probability,logit,stage1,stage2,stage3,block5,block6,block7,stage1_bias,"
                                 "block8,block9,block10,stage2_bias,w5,w6,w7,w8,w9,w10\n");
    const auto num = [](double v) { return QString::number(v, 'g', 7); };
    const auto quoted = [](QString s) {
        if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
            s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        return s;
    };
    for (const InspectorEntry& e : m_entries) {
        for (size_t c = 0; c < e.inspection.classes.size(); ++c) {
            const ClassInspection& ci = e.inspection.classes[c];
            QStringList row {QString::number(e.inspection.x), QString::number(e.inspection.y),
                quoted(e.classNames.value(int(c))), num(ci.probability), num(ci.logit)};
            for (float v : ci.stageLogits)
                row << num(v);
            for (int st = 0; st < 2; ++st) {
                for (float v : ci.blockShares[size_t(st)])
                    row << num(v);
                row << num(ci.stageBias[size_t(st)]);
            }
            for (int i = 0; i < 6; ++i)
                row << num(e.nga.at(i));
            out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
    }
    return out;
}

void InspectorPanel::copyCsv()
{
    QApplication::clipboard()->setText(csv());
    m_status->setText(tr("Copied %n pixel(s) as CSV", nullptr, entryCount()));
}

} // namespace cascadeclip::ui
