// SPDX-License-Identifier: MIT
#include "ui/Logging.h"

#include <QCoreApplication>
#include <QThread>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace cascadeclip::ui {

namespace {

// Lines kept for panels that open late.
constexpr size_t kHistoryLines = 2000;

class LogHubSink : public spdlog::sinks::base_sink<std::mutex> {
protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        QString line = QString::fromUtf8(formatted.data(), static_cast<qsizetype>(formatted.size())).trimmed();
        LogHub::instance().post(static_cast<int>(msg.level), line);
    }
    void flush_() override { }
};

std::shared_ptr<LogHubSink> hubSink()
{
    static const auto sink = [] {
        auto s = std::make_shared<LogHubSink>();
        s->set_pattern("%H:%M:%S.%e %^%l%$ [%n] %v");
        return s;
    }();
    return sink;
}

} // namespace

LogHub& LogHub::instance()
{
    // Intentionally leaked: it must outlive every logger that might still write during static destruction.
    static auto* hub = [] {
        auto* h = new LogHub;
        // The first log line may come from the worker thread; the hub must deliver on the GUI thread.
        if (auto* app = QCoreApplication::instance())
            h->moveToThread(app->thread());
        return h;
    }();
    return *hub;
}

void LogHub::post(int level, const QString& line)
{
    quint64 seq = 0;
    {
        std::lock_guard lock(m_mutex);
        seq = ++m_sequence;
        m_history.push_back({seq, level, line});
        while (m_history.size() > kHistoryLines)
            m_history.pop_front();
    }
    QMetaObject::invokeMethod(
        this, [this, seq, level, line] { Q_EMIT messageLogged(seq, level, line); }, Qt::QueuedConnection);
}

std::vector<LogHub::Line> LogHub::history() const
{
    std::lock_guard lock(m_mutex);
    return {m_history.begin(), m_history.end()};
}

std::shared_ptr<spdlog::logger> logger()
{
    static const std::shared_ptr<spdlog::logger> log = [] {
        if (auto existing = spdlog::get("cascadeclip.ui"))
            return existing;
        auto l = std::make_shared<spdlog::logger>("cascadeclip.ui", hubSink());
        l->sinks().push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        l->set_level(spdlog::level::info);
        spdlog::register_logger(l);
        return l;
    }();
    return log;
}

void installLogHubSink()
{
    auto def = spdlog::default_logger();
    auto& sinks = def->sinks();
    if (std::find(sinks.begin(), sinks.end(), hubSink()) == sinks.end())
        sinks.push_back(hubSink());
}

} // namespace cascadeclip::ui
