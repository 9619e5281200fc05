// SPDX-License-Identifier: MIT
#include "ui/MainWindow.h"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QtTest>

using cascadeclip::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyStatePointsToModelSetup();
};

void TestMainWindow::emptyStatePointsToModelSetup()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto* label = window.findChild<QLabel*>(QStringLiteral("emptyStateLabel"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("No model")));
    auto* setup = window.findChild<QPushButton*>(QStringLiteral("setupModelButton"));
    QVERIFY(setup);
    QVERIFY(setup->isVisible());
    QVERIFY(setup->isEnabled());
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("No model configured"));

    const QString artifacts = qEnvironmentVariable("CASCADECLIP_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(artifacts);
    QVERIFY(window.grab().save(artifacts + QStringLiteral("/main_window_empty.png")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
