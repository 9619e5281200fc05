// SPDX-License-Identifier: MIT
#pragma once

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace cascadeclip::ui {

/// Makes a Segmenter for a weights path. The application wires it to Segmenter::load; tests inject a fake.
/// Called on the worker thread.
using SegmenterFactory = std::function<std::unique_ptr<Segmenter>(const std::string& path, const SegmenterOptions&)>;

/**
 * Runs the model on one dedicated worker thread and reports back through queued signals.
 *
 * Every segment()/redecode() gets a job id from an atomic counter. A new job supersedes the running one: the
 * running job's cancel check turns true at once, and whatever it still produces is dropped by job id. Only the
 * current job reports started/progressChanged/finished/failed; every job that ends by cancellation (asked for,
 * or superseded) reports canceled(jobId). Model loading runs on the same thread, so jobs queued after a load use
 * the new model.
 *
 * All public functions must be called from the thread that owns the controller (the GUI thread); all signals are
 * emitted on it. The destructor cancels, stops the thread and waits for it.
 */
class SegmentationController : public QObject {
    Q_OBJECT
public:
    explicit SegmentationController(SegmenterFactory factory, QObject* parent = nullptr);
    ~SegmentationController() override;

    /**
     * Loads a model on the worker (cancelling a running segmentation first). Reports modelLoaded or modelFailed.
     * @param options device and intra-op threads; the worker applies the thread count on itself.
     */
    void loadModel(const QString& path, const SegmenterOptions& options);

    /**
     * Segments a BGR (CV_8UC3) image with the loaded model.
     * @param context the image's file name, repeated in failed() so messages can name it.
     * @return the new job's id.
     */
    quint64 segment(const QString& context, const cv::Mat& bgr, const SegmentationRequest& request);

    /// Decodes again from the features cached by the last segment() (other classes, NGA weights).
    quint64 redecode(const QString& context, const SegmentationRequest& request);

    /**
     * Decodes again like redecode(), coalesced for live controls (the NGA sliders): when no job runs it starts at
     * once; otherwise it waits until the running job has ended (the running job is not interrupted, so results keep
     * arriving while a slider moves), and a newer coalesced request replaces the waiting one, which reports
     * canceled(jobId). So at most one request waits, and it is always the latest: never a backlog.
     * @return the job's id (it reports started/finished/... like any job once it runs).
     */
    quint64 redecodeCoalesced(const QString& context, const SegmentationRequest& request);
    /// The id of the coalesced request that waits for the running job, or 0.
    quint64 waitingJob() const { return m_waiting ? m_waiting->id : 0; }

    /**
     * Splits the scores at pixel (x, y) of the last segmented image into stages and blocks (Segmenter::inspect), on
     * the worker after whatever is queued before it. It never cancels a running job. Reports inspected() or
     * inspectFailed() with the returned id.
     */
    quint64 inspect(int x, int y, const SegmentationRequest& request);

    /// Cancels the current job (and drops a waiting coalesced one), if any. Their ends are reported by canceled(jobId).
    void cancel();

    /// The newest job id handed out (0 before the first), whether or not it still runs.
    quint64 currentJob() const { return m_shared->current.load(); }
    /// True from segment()/redecode() until the job's finished/failed/canceled (and while a coalesced one waits).
    bool isBusy() const { return m_busyJob != 0 || m_waiting; }
    bool hasModel() const { return m_hasModel; }
    /// The loaded model's description; valid when hasModel().
    const ModelInfo& modelInfo() const { return m_modelInfo; }
    /// The worker thread, for tests that check where the model runs.
    const QThread* workerThread() const { return &m_thread; }

Q_SIGNALS:
    void started(quint64 jobId);
    void progressChanged(quint64 jobId, int done, int total);
    void finished(quint64 jobId, const cascadeclip::SegmentationResult& result);
    /// @param fileOrContext what the job was about (usually the image's file name); @param detail technical text.
    void failed(quint64 jobId, const QString& fileOrContext, const QString& detail, cascadeclip::ErrorCode code);
    void canceled(quint64 jobId);
    void modelLoaded(const cascadeclip::ModelInfo& info);
    void modelFailed(const QString& path, const QString& detail, cascadeclip::ErrorCode code);
    void inspected(quint64 inspectionId, const cascadeclip::PixelInspection& result);
    void inspectFailed(quint64 inspectionId, const QString& detail, cascadeclip::ErrorCode code);

private:
    // Shared with the worker's cancel checks, which may outlive a queued lambda's view of `this`.
    struct Shared {
        std::atomic<quint64> current {0};
        std::atomic<quint64> canceledThrough {0};
        bool isCanceled(quint64 id) const { return current.load() != id || canceledThrough.load() >= id; }
    };
    class Worker;

    quint64 startJob();
    void onJobStarted(quint64 id);
    void onJobProgress(quint64 id, int done, int total);
    void onJobFinished(quint64 id, const SegmentationResult& result);
    void onJobFailed(quint64 id, const QString& context, const QString& detail, ErrorCode code);
    void onJobCanceled(quint64 id);
    /// Starts the waiting coalesced request once the running job has ended.
    void startWaiting();
    void dropWaiting();
    void launch(
        quint64 id, const QString& context, const cv::Mat& bgr, const SegmentationRequest& request, bool redecode);

    struct Waiting {
        quint64 id = 0;
        QString context;
        SegmentationRequest request;
    };

    std::shared_ptr<Shared> m_shared;
    std::atomic<quint64> m_nextJob {0};
    quint64 m_nextInspection = 0;
    std::optional<Waiting> m_waiting;
    quint64 m_busyJob = 0;
    bool m_hasModel = false;
    ModelInfo m_modelInfo;
    QThread m_thread;
    Worker* m_worker = nullptr;
};

} // namespace cascadeclip::ui

Q_DECLARE_METATYPE(cascadeclip::SegmentationResult)
Q_DECLARE_METATYPE(cascadeclip::ModelInfo)
Q_DECLARE_METATYPE(cascadeclip::PixelInspection)
Q_DECLARE_METATYPE(cascadeclip::ErrorCode)
