// SPDX-License-Identifier: MIT
#pragma once

#include <cascadeclip/Error.h>
#include <cascadeclip/ModelImport.h>

#include <QDialog>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace cascadeclip::ui {

class MessageWidget;
class ModelImporter;
class Settings;

/**
 * Model setup: choose a model bundle, or import OpenAI's ViT-B-16.pt with an official Cascade-CLIP checkpoint (and
 * the BPE vocabulary) into a new bundle on a background thread, with the overrides `cascadeclip import` offers;
 * and the runtime: device (what was found, and why not CUDA) and threads. Loading goes through the window's
 * controller: the dialog only asks for it with loadRequested(). Non-modal. GUI thread only.
 */
class ModelSetupDialog : public QDialog {
    Q_OBJECT
public:
    /// @param settings not owned; device and threads are stored there before a load is requested.
    explicit ModelSetupDialog(Settings* settings, QWidget* parent = nullptr);
    ~ModelSetupDialog() override;

    /// Fills the fields from the settings (current bundle, device, threads).
    void prepare();
    /// The request the import fields describe; std::nullopt after showing why it is incomplete.
    std::optional<ModelImportRequest> importRequest();
    /// Starts the import (the Import button).
    void startImport();
    /// Stores device and threads and asks for the bundle in the field (the Load button).
    void loadBundle();
    ModelImporter* importer() const { return m_importer; }

Q_SIGNALS:
    /// A bundle should be loaded with the stored device and threads.
    void loadRequested(const QString& bundlePath);

protected:
    void reject() override;

private:
    QLineEdit* addFileRow(QFormLayout* form, const QString& label, const char* name, const QString& filter, bool save,
        const QString& placeholder = {});
    void storeRuntime();
    void setImporting(bool busy);
    void showError(const QString& text, const QString& detail);
    void onImportFailed(const QString& file, const QString& detail, ErrorCode code);

    Settings* m_settings;
    ModelImporter* m_importer = nullptr;
    MessageWidget* m_message = nullptr;
    QLineEdit* m_bundle = nullptr;
    QPushButton* m_loadButton = nullptr;
    QLineEdit* m_clip = nullptr;
    QLineEdit* m_checkpoint = nullptr;
    QLineEdit* m_vocab = nullptr;
    QLineEdit* m_output = nullptr;
    QComboBox* m_template = nullptr;
    QComboBox* m_setting = nullptr;
    QComboBox* m_seen = nullptr;
    QLineEdit* m_seenIndices = nullptr;
    QPushButton* m_importButton = nullptr;
    QPushButton* m_cancelImportButton = nullptr;
    QProgressBar* m_importProgress = nullptr;
    QLabel* m_importStep = nullptr;
    QPlainTextEdit* m_importLog = nullptr;
    QComboBox* m_device = nullptr;
    QLabel* m_deviceInfo = nullptr;
    QSpinBox* m_threads = nullptr;
    QWidget* m_importFields = nullptr;
};

} // namespace cascadeclip::ui
