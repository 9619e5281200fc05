// SPDX-License-Identifier: MIT
#pragma once

#include "ui/SingleJob.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/ModelImport.h>

#include <QObject>
#include <QString>


namespace cascadeclip::ui {

/**
 * Imports the official files into a model bundle on a background thread (importModelBundle), one import at a
 * time, reporting each step and the outcome on the owner's thread. The destructor cancels and waits.
 * GUI thread only.
 */
class ModelImporter : public QObject {
    Q_OBJECT
public:
    explicit ModelImporter(QObject* parent = nullptr);
    ~ModelImporter() override;

    /// Returns false (and starts nothing) while an import runs.
    bool start(const ModelImportRequest& request);
    /// Stops the running import at its next step; it reports canceled() and writes no bundle.
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }

    /// Which of the request's files a core error message is about (the first whose path it names), for messages
    /// that name the file; the checkpoint when none is named.
    static QString fileOfError(const ModelImportRequest& request, const QString& detail);

Q_SIGNALS:
    void step(const QString& line);
    void finished(const QString& bundlePath, int tensors, int classes);
    void failed(const QString& file, const QString& detail, cascadeclip::ErrorCode code);
    void canceled();

private:
    SingleJob m_job {this};
};

} // namespace cascadeclip::ui
