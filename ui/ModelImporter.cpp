// SPDX-License-Identifier: MIT
#include "ui/ModelImporter.h"

#include "ui/SegmentationController.h" // ErrorCode's metatype

namespace cascadeclip::ui {

ModelImporter::ModelImporter(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<cascadeclip::ErrorCode>();
}

ModelImporter::~ModelImporter() = default;

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
    return m_job.start([this, request](const std::function<bool()>& isCanceled) {
        const auto fail = [&](const QString& detail, ErrorCode code) {
            m_job.finish(
                [this, file = fileOfError(request, detail), detail, code] { Q_EMIT failed(file, detail, code); });
        };
        try {
            const ModelImportSummary summary = importModelBundle(
                request,
                [&](const std::string& line) {
                    m_job.post([this, text = QString::fromStdString(line)] { Q_EMIT step(text); });
                },
                isCanceled);
            const QString path = QString::fromStdString(summary.outputPath);
            const int tensors = int(summary.tensors);
            const int classes = int(summary.classNames.size());
            m_job.finish([this, path, tensors, classes] { Q_EMIT finished(path, tensors, classes); });
        } catch (const Canceled&) {
            m_job.finish([this] { Q_EMIT canceled(); });
        } catch (const Error& e) {
            fail(QString::fromStdString(e.what()), e.code());
        } catch (const std::bad_alloc&) {
            fail(QStringLiteral("out of memory while importing"), ErrorCode::OutOfMemory);
        } catch (const std::exception& e) {
            fail(QString::fromStdString(e.what()), ErrorCode::Internal);
        }
    });
}

void ModelImporter::cancel()
{
    m_job.cancel();
}

} // namespace cascadeclip::ui
