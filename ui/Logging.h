// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <spdlog/logger.h>

#include <deque>
#include <memory>
#include <mutex>

namespace cascadeclip::ui {

/// The "cascadeclip.ui" logger (created on first use, thread-safe). Its messages also reach the LogHub.
std::shared_ptr<spdlog::logger> logger();

/**
 * The permanent receiver of log lines for in-app log panels.
 *
 * spdlog's sinks outlive every widget ("the qt_sink won't be notified if the target widget is destroyed ... provide
 * some permanent QObject", spdlog/sinks/qt_sinks.h), so the sink targets this process-wide object, which is never
 * destroyed before the loggers; panels connect to it and may come and go. Keeps the last lines so a panel opened
 * later shows the history.
 */
class LogHub : public QObject {
    Q_OBJECT
public:
    static LogHub& instance();

    /// Called from any thread by the sink.
    void post(int level, const QString& line);
    struct Line {
        quint64 sequence; // increases by one per line, so a panel can skip lines it already took from history()
        int level; // spdlog::level::level_enum
        QString text;
    };
    /// The retained lines, oldest first.
    std::vector<Line> history() const;

Q_SIGNALS:
    /// Emitted on the hub's (GUI) thread; `level` is a spdlog::level::level_enum value.
    void messageLogged(quint64 sequence, int level, const QString& line);

private:
    LogHub() = default;
    mutable std::mutex m_mutex;
    std::deque<Line> m_history;
    quint64 m_sequence = 0;
};

/// Adds the LogHub sink to the default spdlog logger too, so core's messages reach the panel. Idempotent.
void installLogHubSink();

} // namespace cascadeclip::ui
