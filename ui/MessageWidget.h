// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace cascadeclip::ui {

/// An inline, non-modal message bar (errors, warnings, notes) with an optional expandable technical detail.
class MessageWidget : public QFrame {
    Q_OBJECT
public:
    enum class Type { Information, Warning, Error };

    explicit MessageWidget(QWidget* parent = nullptr);

    /// Shows `text` (already translated); `detail` (technical, may be empty) appears behind a Details button.
    void showMessage(const QString& text, Type type, const QString& detail = {});
    QString text() const;
    QString detail() const;
    Type type() const { return m_type; }

private:
    Type m_type = Type::Information;
    QLabel* m_icon;
    QLabel* m_text;
    QLabel* m_detail;
    QToolButton* m_detailsButton;
};

} // namespace cascadeclip::ui
