// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

class QLabel;
class QStackedWidget;

namespace cascadeclip::ui {

/// The annotation workspace. With no model configured it shows an empty state that points to model setup.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

private:
    void createActions();
    QWidget* createEmptyState();

    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyStateLabel = nullptr;
};

} // namespace cascadeclip::ui
