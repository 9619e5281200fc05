// SPDX-License-Identifier: MIT
#pragma once

#include "ui/NgaWeights.h"

#include <cascadeclip/Segmenter.h>

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;
class QListWidget;
class QPushButton;

namespace cascadeclip::ui {

/// One inspected pixel, with what is needed to show it later (the class list and weights may change meanwhile).
struct InspectorEntry {
    PixelInspection inspection;
    QStringList classNames; // per class of the inspection
    std::vector<QColor> classColors;
    NgaWeights nga;
    QString imagePath; // the image the pixel belongs to
    bool pinned = false;
};

/**
 * A bar chart of one inspected pixel: per class its probability and fused logit, the logit split into the three
 * stages, and stages 1 and 2 split further into their blocks' shares and the key bias's share. Positive parts
 * stack to the right of zero, negative ones to the left; a black tick marks the fused logit. GUI thread only.
 */
class InspectorChart : public QWidget {
    Q_OBJECT
public:
    explicit InspectorChart(QWidget* parent = nullptr);
    void setEntry(const InspectorEntry* entry);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /// Colour of a part: 0..3 stage 1 (blocks 5, 6, 7, bias), 4..7 stage 2 (blocks 8, 9, 10, bias), 8 stage 3.
    static QColor partColor(int part);
    /// The widget x of logit value 0 and the pixels per logit unit of the current entry.
    double zeroX() const;
    double scale() const;
    /// Top of class row `row`.
    int rowTop(int row) const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    const InspectorEntry* m_entry = nullptr;
};

/**
 * The Inspector dock: a list of inspected pixels (the latest click, replaced by the next one, and any pinned ones),
 * the chart of the selected one, and "Copy as CSV" for all of them. GUI thread only.
 */
class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(QWidget* parent = nullptr);

    /// Shows a new inspection as the latest (unpinned) entry, replacing the previous unpinned one.
    void addInspection(const InspectorEntry& entry);
    /// Shows that an inspection is on its way (or why it is not).
    void setStatus(const QString& text);
    void pinCurrent();
    void removeSelected();
    int entryCount() const { return int(m_entries.size()); }
    const InspectorEntry& entry(int i) const { return m_entries[size_t(i)]; }
    int selectedRow() const;
    /// All entries as CSV: one row per pixel and class, header first, C locale numbers.
    QString csv() const;
    void copyCsv();
    InspectorChart* chart() const { return m_chart; }

Q_SIGNALS:
    /// Entries were added, removed, pinned or selected.
    void entriesChanged();

private:
    void rebuildList(int select);
    void showSelected();

    std::vector<InspectorEntry> m_entries;
    QListWidget* m_list = nullptr;
    InspectorChart* m_chart = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_pinButton = nullptr;
    QPushButton* m_removeButton = nullptr;
    QPushButton* m_copyButton = nullptr;
};

} // namespace cascadeclip::ui
