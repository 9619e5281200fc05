// SPDX-License-Identifier: MIT
#include "ui/SegmentationController.h"

#include "ui/Logging.h"

#include <cascadeclip/Runtime.h>

#include <opencv2/core.hpp>

#include <new>

namespace cascadeclip::ui {

// Lives on the worker thread; touched only by lambdas queued to it. Reports back by queuing lambdas to the
// controller, which Qt discards if the controller is already gone.
class SegmentationController::Worker : public QObject {
public:
    Worker(SegmenterFactory factory, std::shared_ptr<Shared> shared, SegmentationController* controller)
        : m_factory(std::move(factory))
        , m_shared(std::move(shared))
        , m_controller(controller)
    {
    }

    void load(const QString& path, const SegmenterOptions& options)
    {
        const auto report = [this](auto&& fn) { QMetaObject::invokeMethod(m_controller, fn, Qt::QueuedConnection); };
        QString detail;
        ErrorCode code = ErrorCode::Internal;
        try {
            // LibTorch keeps the intra-op thread count per thread: set it here, on the thread that computes.
            setComputeThreads(options.threads);
            m_segmenter.reset();
            m_segmenter = m_factory(path.toStdString(), options);
            if (!m_segmenter)
                throw Error(ErrorCode::Internal, "the model factory returned no model");
            ModelInfo info = m_segmenter->info();
            logger()->info("model loaded: {} on {}", info.weightsPath, info.device);
            SegmentationController* c = m_controller;
            report([c, info] {
                c->m_hasModel = true;
                c->m_modelInfo = info;
                Q_EMIT c->modelLoaded(info);
            });
            return;
        } catch (const Error& e) {
            code = e.code();
            detail = QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            code = ErrorCode::OutOfMemory;
            detail = SegmentationController::tr("out of memory while loading the model");
        } catch (const std::exception& e) {
            detail = QString::fromStdString(e.what());
        } catch (...) {
            detail = SegmentationController::tr("unknown exception while loading the model");
        }
        logger()->error("model load failed: {}: {}", path.toStdString(), detail.toStdString());
        SegmentationController* c = m_controller;
        report([c, path, detail, code] {
            c->m_hasModel = false;
            Q_EMIT c->modelFailed(path, detail, code);
        });
    }

    void run(quint64 id, const QString& context, const cv::Mat& bgr, const SegmentationRequest& request, bool redecode)
    {
        SegmentationController* c = m_controller;
        const auto report = [c](auto&& fn) { QMetaObject::invokeMethod(c, fn, Qt::QueuedConnection); };
        const std::shared_ptr<Shared> shared = m_shared;
        if (shared->isCanceled(id)) {
            report([c, id] { c->onJobCanceled(id); });
            return;
        }
        report([c, id] { c->onJobStarted(id); });
        RunHooks hooks;
        hooks.isCanceled = [shared, id] { return shared->isCanceled(id); };
        hooks.onProgress = [c, id, report](int done, int total) {
            report([c, id, done, total] { c->onJobProgress(id, done, total); });
        };
        QString detail;
        ErrorCode code = ErrorCode::Internal;
        try {
            if (!m_segmenter)
                throw Error(ErrorCode::InvalidInput, "no model is loaded");
            SegmentationResult result
                = redecode ? m_segmenter->redecode(request, hooks) : m_segmenter->segment(bgr, request, hooks);
            report([c, id, result] { c->onJobFinished(id, result); });
            return;
        } catch (const Canceled&) {
            report([c, id] { c->onJobCanceled(id); });
            return;
        } catch (const Error& e) {
            code = e.code();
            detail = QString::fromStdString(e.what());
        } catch (const cv::Exception& e) {
            detail = QStringLiteral("OpenCV: ") + QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            code = ErrorCode::OutOfMemory;
            detail = SegmentationController::tr("out of memory");
        } catch (const std::exception& e) {
            detail = QString::fromStdString(e.what());
        } catch (...) {
            detail = SegmentationController::tr("unknown exception");
        }
        logger()->error("job {} ({}) failed: {}", id, context.toStdString(), detail.toStdString());
        report([c, id, context, detail, code] { c->onJobFailed(id, context, detail, code); });
    }

    void inspect(quint64 id, int x, int y, const SegmentationRequest& request)
    {
        SegmentationController* c = m_controller;
        const auto report = [c](auto&& fn) { QMetaObject::invokeMethod(c, fn, Qt::QueuedConnection); };
        QString detail;
        ErrorCode code = ErrorCode::Internal;
        try {
            if (!m_segmenter)
                throw Error(ErrorCode::InvalidInput, "no model is loaded");
            PixelInspection result = m_segmenter->inspect(x, y, request);
            report([c, id, result] { Q_EMIT c->inspected(id, result); });
            return;
        } catch (const Error& e) {
            code = e.code();
            detail = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            detail = QString::fromStdString(e.what());
        } catch (...) {
            detail = QStringLiteral("unknown exception");
        }
        logger()->error("inspection {} at ({}, {}) failed: {}", id, x, y, detail.toStdString());
        report([c, id, detail, code] { Q_EMIT c->inspectFailed(id, detail, code); });
    }

private:
    SegmenterFactory m_factory;
    std::shared_ptr<Shared> m_shared;
    SegmentationController* m_controller;
    std::unique_ptr<Segmenter> m_segmenter;
};

SegmentationController::SegmentationController(SegmenterFactory factory, QObject* parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
    qRegisterMetaType<cascadeclip::SegmentationResult>();
    qRegisterMetaType<cascadeclip::ModelInfo>();
    qRegisterMetaType<cascadeclip::PixelInspection>();
    qRegisterMetaType<cascadeclip::ErrorCode>();
    m_thread.setObjectName(QStringLiteral("cascadeclip-segmentation"));
    m_worker = new Worker(std::move(factory), m_shared, this);
    m_worker->moveToThread(&m_thread);
    // Deleted on its own thread when the loop ends, so the model is destroyed where it ran.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

SegmentationController::~SegmentationController()
{
    m_shared->canceledThrough = m_nextJob.load();
    m_thread.quit();
    m_thread.wait();
}

void SegmentationController::loadModel(const QString& path, const SegmenterOptions& options)
{
    cancel();
    m_hasModel = false;
    Worker* w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, path, options] { w->load(path, options); }, Qt::QueuedConnection);
}

quint64 SegmentationController::startJob()
{
    const quint64 id = ++m_nextJob;
    // Storing the new id is what supersedes the previous job: its isCanceled() now returns true.
    m_shared->current = id;
    m_busyJob = id;
    return id;
}

void SegmentationController::launch(
    quint64 id, const QString& context, const cv::Mat& bgr, const SegmentationRequest& request, bool redecode)
{
    Worker* w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, context, bgr, request, redecode] { w->run(id, context, bgr, request, redecode); },
        Qt::QueuedConnection);
}

quint64 SegmentationController::segment(const QString& context, const cv::Mat& bgr, const SegmentationRequest& request)
{
    dropWaiting();
    const quint64 id = startJob();
    launch(id, context, bgr, request, false);
    return id;
}

quint64 SegmentationController::redecode(const QString& context, const SegmentationRequest& request)
{
    dropWaiting();
    const quint64 id = startJob();
    launch(id, context, cv::Mat(), request, true);
    return id;
}

quint64 SegmentationController::redecodeCoalesced(const QString& context, const SegmentationRequest& request)
{
    if (m_busyJob == 0 && !m_waiting)
        return redecode(context, request);
    dropWaiting();
    // The id is taken now (ids stay in request order) but not made current, so the running job goes on.
    m_waiting = Waiting {++m_nextJob, context, request};
    return m_waiting->id;
}

void SegmentationController::startWaiting()
{
    if (!m_waiting || m_busyJob != 0)
        return;
    const Waiting w = std::move(*m_waiting);
    m_waiting.reset();
    m_shared->current = w.id;
    m_busyJob = w.id;
    launch(w.id, w.context, cv::Mat(), w.request, true);
}

void SegmentationController::dropWaiting()
{
    if (!m_waiting)
        return;
    const quint64 id = m_waiting->id;
    m_waiting.reset();
    Q_EMIT canceled(id);
}

quint64 SegmentationController::inspect(int x, int y, const SegmentationRequest& request)
{
    const quint64 id = ++m_nextInspection;
    Worker* w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, x, y, request] { w->inspect(id, x, y, request); }, Qt::QueuedConnection);
    return id;
}

void SegmentationController::cancel()
{
    dropWaiting();
    m_shared->canceledThrough = m_nextJob.load();
}

void SegmentationController::onJobStarted(quint64 id)
{
    if (id == m_shared->current.load())
        Q_EMIT started(id);
}

void SegmentationController::onJobProgress(quint64 id, int done, int total)
{
    if (!m_shared->isCanceled(id))
        Q_EMIT progressChanged(id, done, total);
}

void SegmentationController::onJobFinished(quint64 id, const SegmentationResult& result)
{
    // A job that ignored its cancel check still ends as canceled: its result is late and dropped.
    if (m_shared->isCanceled(id)) {
        onJobCanceled(id);
        return;
    }
    m_busyJob = 0;
    Q_EMIT finished(id, result);
    startWaiting();
}

void SegmentationController::onJobFailed(quint64 id, const QString& context, const QString& detail, ErrorCode code)
{
    if (m_shared->isCanceled(id)) {
        onJobCanceled(id);
        return;
    }
    m_busyJob = 0;
    Q_EMIT failed(id, context, detail, code);
    startWaiting();
}

void SegmentationController::onJobCanceled(quint64 id)
{
    const bool wasRunning = id == m_busyJob;
    if (wasRunning)
        m_busyJob = 0;
    Q_EMIT canceled(id);
    if (wasRunning)
        startWaiting();
}

} // namespace cascadeclip::ui
