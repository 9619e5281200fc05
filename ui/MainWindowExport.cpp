// SPDX-License-Identifier: MIT
// The window's export and model-setup hooks, kept apart from MainWindow.cpp: they only gather what the dialogs
// need and route their outcome to the window.
#include "ui/ClassListModel.h"
#include "ui/ExportDialog.h"
#include "ui/ImageListModel.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"
#include "ui/ModelSetupDialog.h"
#include "ui/Project.h"
#include "ui/Settings.h"

#include <QDir>
#include <QStatusBar>

namespace cascadeclip::ui {

ExportRequest MainWindow::exportRequest(bool wholeProject) const
{
    ExportRequest request;
    request.classes = m_classes->classes();
    request.threshold = threshold();
    request.singleImage = !wholeProject;
    if (m_projectFolder.isEmpty())
        return request;
    request.annotationDir = project::annotationsDir(m_projectFolder);
    for (int row = 0; row < m_images->count(); ++row)
        request.keepFiles << m_images->path(row);
    if (!wholeProject) {
        if (m_doc && !m_doc->isBlank())
            request.items.push_back({m_doc->imagePath(), m_doc->composite(threshold())});
        return request;
    }
    for (int row = 0; row < m_images->count(); ++row) {
        const QString path = m_images->path(row);
        const auto it = m_documents.find(path);
        if (it == m_documents.end()) {
            request.items.push_back({path, cv::Mat()}); // the exporter reads the saved layers, if any
        } else if (!it->second->isBlank()) {
            // Open documents may hold edits the autosave has not written yet: export what the person sees.
            request.items.push_back({path, it->second->composite(threshold())});
        }
    }
    return request;
}

void MainWindow::showExportDialog()
{
    if (!m_exportDialog) {
        m_exportDialog = new ExportDialog([this](bool wholeProject) { return exportRequest(wholeProject); }, this);
        // The formats of the last export are offered again, in this session and the next.
        m_exportDialog->setFormats(m_settings->exportFormats());
        connect(m_exportDialog, &ExportDialog::exported, this, [this](const ExportSummary& summary) {
            m_settings->setValue(Settings::Key::ExportFormats, m_exportDialog->formats());
            statusBar()->showMessage(tr("Exported %n image(s) to “%1”", nullptr, summary.images)
                                         .arg(QDir::toNativeSeparators(summary.destination)),
                5000);
        });
    }
    m_exportDialog->prepare(m_doc ? m_doc->fileName() : QString(), m_images->count(),
        m_projectFolder.isEmpty() ? QString() : QDir(m_projectFolder).filePath(QStringLiteral("export")));
    m_exportDialog->show();
    m_exportDialog->raise();
    m_exportDialog->activateWindow();
}

void MainWindow::showModelSetup()
{
    if (!m_modelSetupDialog) {
        m_modelSetupDialog = new ModelSetupDialog(m_settings, this);
        connect(m_modelSetupDialog, &ModelSetupDialog::loadRequested, this, &MainWindow::loadModel);
    }
    m_modelSetupDialog->prepare();
    m_modelSetupDialog->show();
    m_modelSetupDialog->raise();
    m_modelSetupDialog->activateWindow();
}

} // namespace cascadeclip::ui
