// SPDX-License-Identifier: MIT
#include "ui/MainWindow.h"

#include <cascadeclip/Runtime.h>
#include <cascadeclip/Version.h>

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace cascadeclip::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Cascade-CLIP Studio"));
    resize(1280, 800);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("centralStack"));
    m_stack->addWidget(createEmptyState());
    setCentralWidget(m_stack);

    createActions();
    statusBar()->showMessage(tr("No model configured"));
}

QWidget* MainWindow::createEmptyState()
{
    auto* page = new QWidget(this);
    page->setObjectName(QStringLiteral("emptyStatePage"));
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(2);

    auto* title = new QLabel(tr("Welcome to Cascade-CLIP Studio"), page);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);

    m_emptyStateLabel = new QLabel(tr("No model is configured yet. Set up a model bundle, or import OpenAI's "
                                      "ViT-B-16.pt together with an official Cascade-CLIP checkpoint, "
                                      "then open an image or a folder and type the class names you want."),
        page);
    m_emptyStateLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyStateLabel->setWordWrap(true);
    m_emptyStateLabel->setAlignment(Qt::AlignCenter);
    m_emptyStateLabel->setMaximumWidth(560);
    layout->addWidget(m_emptyStateLabel, 0, Qt::AlignHCenter);

    auto* setupButton = new QPushButton(tr("Set Up Model…"), page);
    setupButton->setObjectName(QStringLiteral("setupModelButton"));
    layout->addWidget(setupButton, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    return page;
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* aboutAction = helpMenu->addAction(tr("&About Cascade-CLIP Studio"), this, [this] {
        QMessageBox::about(this, tr("About Cascade-CLIP Studio"),
            tr("<b>Cascade-CLIP Studio %1</b><p>Zero-shot semantic segmentation with Cascade-CLIP.</p>"
               "<p>Qt %2</p><pre>%3</pre>")
                .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion()),
                    QString::fromStdString(runtimeReport()).toHtmlEscaped()));
    });
    aboutAction->setObjectName(QStringLiteral("aboutAction"));
}

} // namespace cascadeclip::ui
