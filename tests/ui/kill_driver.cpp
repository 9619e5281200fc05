// SPDX-License-Identifier: MIT
// The application under SIGKILL (tests/ui/kill_trials.py drives it): a real MainWindow, offscreen, on a project
// folder, with the user's autosave.
//
//   kill_driver edit   FOLDER JOURNAL AUTOSAVE_MS    paints brush dabs on the first image, one every few
//                                                    milliseconds, journaling each (fsync) before the next, until
//                                                    killed
//   kill_driver verify FOLDER JOURNAL AUTOSAVE_MS KILLED_AT_MS SLACK_MS
//                                                    reopens the project like a restarted app and checks that every
//                                                    dab journaled before KILLED_AT - AUTOSAVE - SLACK is on screen
//                                                    and that no file is unreadable; prints "lost N of M"
#include "ui/AnnotationDocument.h"
#include "ui/MainWindow.h"
#include "ui/Project.h"
#include "ui/Settings.h"

#include <cascadeclip/Error.h>

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

using namespace cascadeclip;
using namespace cascadeclip::ui;

namespace {

// Dabs go to the centres of a grid of cells, so that each pixel checked belongs to one cell.
constexpr int kCell = 10;
constexpr int kRadius = 3;

struct Dab {
    qint64 at = 0; // ms since the epoch, when the dab was done (journaled right after)
    int cell = 0;
    int value = 0;
};

QPoint cellCentre(int cell, const QSize& size)
{
    const int columns = size.width() / kCell;
    return {(cell % columns) * kCell + kCell / 2, (cell / columns) * kCell + kCell / 2};
}

std::unique_ptr<MainWindow> openProject(const QString& folder, int autosaveMs, std::unique_ptr<Settings>& settings)
{
    settings = Settings::createTempInstance();
    settings->setValue(Settings::Key::AutosaveDelayMs, autosaveMs);
    SegmenterFactory noModel = [](const std::string&, const SegmenterOptions&) -> std::unique_ptr<Segmenter> {
        throw Error(ErrorCode::WeightsNotFound, "no model in this test");
    };
    auto window = std::make_unique<MainWindow>(std::move(noModel), settings.get());
    window->show();
    if (!window->openFolder(folder))
        return nullptr;
    window->setCurrentImage(0);
    return window;
}

int edit(const QString& folder, const QString& journalPath, int autosaveMs)
{
    std::unique_ptr<Settings> settings;
    const auto window = openProject(folder, autosaveMs, settings);
    if (!window || !window->currentDocument()) {
        std::fprintf(stderr, "kill_driver: cannot open %s\n", qPrintable(folder));
        return 3;
    }
    const int journal = ::open(QFile::encodeName(journalPath).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (journal < 0)
        return 3;
    AnnotationDocument* doc = window->currentDocument();
    const QSize size = doc->size();
    const int cells = (size.width() / kCell) * (size.height() / kCell);
    int i = 0;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, [&] {
        // A fixed pseudo-random walk over the cells and values, so that cells are painted over again.
        const int cell = int((std::uint32_t(i) * 2654435761u) % std::uint32_t(cells));
        const int value = 1 + (i * 7) % 11;
        const QPointF at(cellCentre(cell, size));
        doc->beginStroke();
        doc->strokeSegment(at, at, kRadius, std::uint16_t(value), false, 0.0f);
        doc->endStroke(QStringLiteral("dab"));
        const std::string line = std::to_string(QDateTime::currentMSecsSinceEpoch()) + " " + std::to_string(cell) + " "
            + std::to_string(value) + "\n";
        if (::write(journal, line.data(), line.size()) != ssize_t(line.size()) || ::fsync(journal) != 0)
            std::abort();
        ++i;
        timer.setInterval(2 + (i * 13) % 25); // bursts and pauses shorter than the autosave delay
    });
    timer.start(5);
    return QApplication::exec();
}

int verify(const QString& folder, const QString& journalPath, int autosaveMs, qint64 killedAt, int slackMs)
{
    QString error;
    if (!project::load(folder, &error) && !error.isEmpty()) {
        std::printf("corrupt project file: %s\n", qPrintable(error));
        return 1;
    }
    std::unique_ptr<Settings> settings;
    const auto window = openProject(folder, autosaveMs, settings);
    if (!window || !window->currentDocument()) {
        std::printf("cannot reopen the project\n");
        return 1;
    }
    AnnotationDocument* doc = window->currentDocument();
    // The sidecar and layers must read back: loading them again on a fresh document proves it.
    AnnotationDocument fresh(doc->imagePath());
    if (!fresh.loadImage(&error) || !fresh.loadAnnotation(project::annotationsDir(folder), &error)) {
        std::printf("corrupt annotation: %s\n", qPrintable(error));
        return 1;
    }
    QFile journal(journalPath);
    if (!journal.open(QIODevice::ReadOnly))
        return 1;
    std::map<int, std::vector<Dab>> byCell;
    int dabs = 0;
    while (!journal.atEnd()) {
        const QList<QByteArray> parts = journal.readLine().trimmed().split(' ');
        if (parts.size() != 3)
            continue; // the line being written when the kill came
        byCell[parts[1].toInt()].push_back({parts[0].toLongLong(), parts[1].toInt(), parts[2].toInt()});
        ++dabs;
    }
    const qint64 cutoff = killedAt - autosaveMs - slackMs;
    const cv::Mat& edits = doc->edits();
    int checked = 0, lost = 0;
    for (const auto& [cell, list] : byCell) {
        // The last dab before the cutoff must be there, or a later one (saved early) over it.
        std::vector<int> allowed;
        for (const Dab& d : list) {
            if (d.at <= cutoff)
                allowed.assign(1, d.value);
            else
                allowed.push_back(d.value);
        }
        if (list.front().at > cutoff)
            continue; // nothing old enough to be required
        ++checked;
        const QPoint p = cellCentre(cell, doc->size());
        const int value = edits.at<std::uint16_t>(p.y(), p.x());
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            ++lost;
            std::printf("cell %d at (%d, %d) holds %d, expected one of the last values\n", cell, p.x(), p.y(), value);
        }
    }
    std::printf("dabs %d, cells checked %d, lost %d\n", dabs, checked, lost);
    return lost == 0 ? 0 : 2;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() >= 5 && args[1] == QLatin1String("edit"))
        return edit(args[2], args[3], args[4].toInt());
    if (args.size() >= 7 && args[1] == QLatin1String("verify"))
        return verify(args[2], args[3], args[4].toInt(), args[5].toLongLong(), args[6].toInt());
    std::fprintf(stderr, "usage: kill_driver edit FOLDER JOURNAL AUTOSAVE_MS | verify ... KILLED_AT_MS SLACK_MS\n");
    return 64;
}
