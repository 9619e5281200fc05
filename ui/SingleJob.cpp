// SPDX-License-Identifier: MIT
#include "ui/SingleJob.h"

#include <QtConcurrent/QtConcurrentRun>

namespace cascadeclip::ui {

SingleJob::SingleJob(QObject* owner)
    : m_owner(owner)
{
    m_pool.setMaxThreadCount(1);
}

SingleJob::~SingleJob()
{
    cancel();
    m_future.waitForFinished();
}

bool SingleJob::start(std::function<void(const std::function<bool()>& isCanceled)> job)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_future
        = QtConcurrent::run(&m_pool, [job = std::move(job), flag = m_cancel] { job([flag] { return flag->load(); }); });
    return true;
}

void SingleJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void SingleJob::post(std::function<void()> call)
{
    QMetaObject::invokeMethod(m_owner, std::move(call), Qt::QueuedConnection);
}

void SingleJob::finish(std::function<void()> call)
{
    post([this, call = std::move(call)] {
        m_running = false;
        call();
    });
}

} // namespace cascadeclip::ui
