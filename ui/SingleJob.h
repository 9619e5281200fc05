// SPDX-License-Identifier: MIT
#pragma once
// One background job at a time for a QObject that reports the job's outcome on its own (GUI) thread: the
// exporter and the model importer. The job runs on a thread of its own, polls a cancel flag, and queues what it
// has to say back to the owner with post() or finish(); Qt drops those calls if the owner is gone by then. The
// destructor cancels and waits, so a job never outlives its owner.

#include <QFuture>
#include <QMetaObject>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace cascadeclip::ui {

class SingleJob {
public:
    /// Calls from the job reach @p owner's thread. GUI thread only, like every member but post() and finish().
    explicit SingleJob(QObject* owner);
    ~SingleJob();
    SingleJob(const SingleJob&) = delete;
    SingleJob& operator=(const SingleJob&) = delete;

    /// Runs @p job(isCanceled) on the job thread; returns false (and runs nothing) while a job runs. The job must
    /// end with finish().
    bool start(std::function<void(const std::function<bool()>& isCanceled)> job);
    /// Asks the running job to stop at its next check.
    void cancel();
    bool isRunning() const { return m_running; }

    /// From the job: runs @p call on the owner's thread.
    void post(std::function<void()> call);
    /// From the job, last: the job is over (isRunning() turns false), then @p call runs on the owner's thread.
    void finish(std::function<void()> call);

private:
    QObject* m_owner;
    QThreadPool m_pool;
    QFuture<void> m_future;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
};

} // namespace cascadeclip::ui
