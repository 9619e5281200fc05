// SPDX-License-Identifier: MIT
#pragma once

#include "ui/Exporter.h"

#include <QDialog>
#include <QStringList>

#include <functional>
#include <utility>
#include <vector>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace cascadeclip::ui {

class MessageWidget;

/**
 * Export settings (formats, current image or whole project, destination folder) and the running export, with
 * progress and cancel. Non-modal: the window keeps working while files are written on a background thread.
 * Errors appear inline, naming the file and the reason; the dialog stays open so another folder can be chosen.
 * GUI thread only.
 */
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    /// Builds the request's items and classes for the chosen scope (true = the whole project).
    using RequestSource = std::function<ExportRequest(bool wholeProject)>;

    ExportDialog(RequestSource source, QWidget* parent = nullptr);
    ~ExportDialog() override;

    /// Shows what the scopes mean right now and proposes `defaultDestination` when the field is empty.
    void prepare(const QString& currentImage, int projectImages, const QString& defaultDestination);
    /// The checked formats, by name: "palette", "color", "coco", "polygons", "labelme".
    QStringList formats() const;
    /// Checks exactly the named formats (unknown names are ignored).
    void setFormats(const QStringList& names);
    /// Starts the export with the dialog's settings (what the Export button does).
    void startExport();
    bool isExporting() const;
    Exporter* exporter() const { return m_exporter; }

Q_SIGNALS:
    void exported(const cascadeclip::ui::ExportSummary& summary);
    void exportFailed(const QString& text, const QString& detail);

protected:
    void closeEvent(QCloseEvent* event) override;
    void reject() override;

private:
    void chooseDestination();
    std::vector<std::pair<QString, QCheckBox*>> formatBoxes() const;
    void setBusy(bool busy);
    void updateButtons();
    void onFinished(const ExportSummary& summary);
    void onFailed(const QString& file, const QString& detail);

    RequestSource m_source;
    Exporter* m_exporter = nullptr;
    MessageWidget* m_message = nullptr;
    QRadioButton* m_currentRadio = nullptr;
    QRadioButton* m_projectRadio = nullptr;
    QCheckBox* m_palette = nullptr;
    QCheckBox* m_color = nullptr;
    QCheckBox* m_coco = nullptr;
    QCheckBox* m_polygons = nullptr;
    QCheckBox* m_labelme = nullptr;
    QLineEdit* m_destination = nullptr;
    QPushButton* m_browse = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_exportButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QString m_proposedDestination; // the default last proposed, to tell it from a folder the person chose
};

} // namespace cascadeclip::ui
