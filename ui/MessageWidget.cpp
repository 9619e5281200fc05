// SPDX-License-Identifier: MIT
#include "ui/MessageWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace cascadeclip::ui {

MessageWidget::MessageWidget(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("messageWidget"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(10, 6, 6, 6);
    outer->setSpacing(4);
    auto* row = new QHBoxLayout;
    m_icon = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("messageTextLabel"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailsButton = new QToolButton(this);
    m_detailsButton->setObjectName(QStringLiteral("messageDetailsButton"));
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setAutoRaise(true);
    auto* close = new QToolButton(this);
    close->setObjectName(QStringLiteral("messageCloseButton"));
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    row->addWidget(m_icon, 0, Qt::AlignTop);
    row->addWidget(m_text, 1);
    row->addWidget(m_detailsButton, 0, Qt::AlignTop);
    row->addWidget(close, 0, Qt::AlignTop);
    outer->addLayout(row);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("messageDetailsLabel"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_detail->setFont(mono);
    m_detail->hide();
    outer->addWidget(m_detail);
    connect(m_detailsButton, &QToolButton::toggled, m_detail, &QWidget::setVisible);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageWidget::showMessage(const QString& text, Type type, const QString& detail)
{
    m_type = type;
    m_text->setText(text);
    m_detail->setText(detail);
    m_detailsButton->setVisible(!detail.isEmpty());
    m_detailsButton->setChecked(false);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString colors = QStringLiteral("background:#e8f1fb; border:1px solid #9cc2e8; color:#1d3557;");
    if (type == Type::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
        colors = QStringLiteral("background:#fff6e0; border:1px solid #e8c46a; color:#5c4300;");
    } else if (type == Type::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        colors = QStringLiteral("background:#fdecec; border:1px solid #e59c9c; color:#6b1515;");
    }
    setStyleSheet(QStringLiteral("#messageWidget{%1 border-radius:4px;} #messageWidget QLabel{border:none;"
                                 "background:transparent;}")
                      .arg(colors));
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(20, 20));
    show();
}

QString MessageWidget::text() const
{
    return m_text->text();
}

QString MessageWidget::detail() const
{
    return m_detail->text();
}

} // namespace cascadeclip::ui
