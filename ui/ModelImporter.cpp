// SPDX-License-Identifier: MIT
#include "ui/ModelImporter.h"

#include "ui/SegmentationController.h" // ErrorCode's metatype

#include <QtConcurrent/QtConcurrentRun>

namespace cascadeclip::ui {

ModelImporter::ModelImporter(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<cascadeclip::ErrorCode>();
    m_pool.setMaxThreadCount(1);
}

ModelImporter::~ModelImporter()
{
    cancel();
    m_future.waitForFinished();
}

QString ModelImporter::fileOfError(const ModelImportRequest& request, const QString& detail)
{
    for (const std::string& path : {request.checkpointPath, request.clipPath, request.vocabPath, request.outputPath}) {
        const QString p = QString::fromStdString(path);
        if (!p.isEmpty() && detail.contains(p))
            return p;
    }
    return QString::fromStdString(request.checkpointPath);
}

bool ModelImporter::start(const ModelImportRequest& request)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    m_future = QtConcurrent::run(&m_pool, [this, request, cancelFlag] {
        // Queued back to the importer; its destructor waits for this job, and Qt drops posts to a deleted object.
        const auto post = [this](auto fn) { QMetaObject::invokeMethod(this, fn, Qt::QueuedConnection); };
        const auto fail = [&](const QString& detail, ErrorCode code) {
            const QString file = fileOfError(request, detail);
            post([this, file, detail, code] {
                m_running = false;
                Q_EMIT failed(file, detail, code);
            });
        };
        try {
            const ModelImportSummary summary = importModelBundle(
                request,
                [&](const std::string& line) {
                    const QString text = QString::fromStdString(line);
                    post([this, text] { Q_EMIT step(text); });
                },
                [cancelFlag] { return cancelFlag->load(); });
            const QString path = QString::fromStdString(summary.outputPath);
            const int tensors = int(summary.tensors);
            const int classes = int(summary.classNames.size());
            post([this, path, tensors, classes] {
                m_running = false;
                Q_EMIT finished(path, tensors, classes);
            });
        } catch (const Canceled&) {
            post([this] {
                m_running = false;
                Q_EMIT canceled();
            });
        } catch (const Error& e) {
            fail(QString::fromStdString(e.what()), e.code());
        } catch (const std::bad_alloc&) {
            fail(QStringLiteral("out of memory while importing"), ErrorCode::OutOfMemory);
        } catch (const std::exception& e) {
            fail(QString::fromStdString(e.what()), ErrorCode::Internal);
        }
    });
    return true;
}

void ModelImporter::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace cascadeclip::ui
