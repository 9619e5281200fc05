// SPDX-License-Identifier: MIT
#pragma once

#include "ui/ClassListModel.h"
#include "ui/SingleJob.h"

#include <QFlags>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <opencv2/core/mat.hpp>

#include <functional>

namespace cascadeclip::ui {

/// The file formats an export writes, through core/annotation (ecosystem.md §3).
enum class ExportFormat {
    PalettePng = 0x1, // NAME.png: 8-bit palette, pixel = class index in panel order, 255 = unlabeled
    ColorPng = 0x2, // NAME_color.png + labelmap.txt (CVAT) + legend.json
    Coco = 0x4, // coco.json (project) or NAME.coco.json (one image): compressed RLE, optional polygons
    Labelme = 0x8, // NAME.json: labelme 5 mask shapes, imagePath relative to the JSON file
};
Q_DECLARE_FLAGS(ExportFormats, ExportFormat)

/// One image to export: its label map when the caller has it in memory, else it is read from the project.
struct ExportItem {
    QString imagePath;
    cv::Mat labels; // CV_16UC1 class ids or kUnlabeled; empty = read the saved annotation layers
};

struct ExportRequest {
    QString destination; // folder; created when missing
    QString annotationDir; // where the saved layers of items without labels live
    float threshold = 0.0f; // applied to saved layers
    QVector<ClassEntry> classes; // panel order = index order of the index PNG
    ExportFormats formats;
    bool cocoPolygons = false;
    bool singleImage = false; // names the COCO file after the image instead of coco.json
    QVector<ExportItem> items;
    QStringList keepFiles; // never replaced, besides the items' images: e.g. every image of the project
};

struct ExportSummary {
    QString destination;
    int images = 0; // images written
    int skipped = 0; // images without any annotation (nothing to export)
    QStringList files; // every file written, absolute
};

/// Why an export stopped: the file it was writing or reading, and the technical reason.
struct ExportFailure {
    QString file;
    QString detail;
};

/**
 * Writes an export synchronously. Class ids become indices in panel order; COCO category ids are the stable class
 * ids + 1, so they survive reordering and 0 stays free for background (ecosystem.md §3.1). Unlabeled pixels are 255
 * in palette PNGs, the VOC void colour in colour PNGs, and no annotation or shape in COCO and labelme. Every file
 * is written atomically.
 * @param onProgress called after each image (done, total, file name)
 * @param isCanceled polled before each image; a canceled export throws Canceled and leaves what it wrote complete
 * @throws ExportFailure on the first file that cannot be read or written; Canceled
 * Any thread.
 */
ExportSummary runExport(const ExportRequest& request,
    const std::function<void(int done, int total, const QString& fileName)>& onProgress = {},
    const std::function<bool()>& isCanceled = {});

/**
 * Runs exports on a background thread, one at a time, and reports on the owner's thread. A new start() while one
 * runs is refused. The destructor cancels and waits. GUI thread only.
 */
class Exporter : public QObject {
    Q_OBJECT
public:
    explicit Exporter(QObject* parent = nullptr);
    ~Exporter() override;

    /// Returns false (and starts nothing) when an export is already running.
    bool start(const ExportRequest& request);
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }

Q_SIGNALS:
    void progressChanged(int done, int total, const QString& fileName);
    void finished(const cascadeclip::ui::ExportSummary& summary);
    void failed(const QString& file, const QString& detail);
    void canceled();

private:
    SingleJob m_job {this};
};

} // namespace cascadeclip::ui

Q_DECLARE_OPERATORS_FOR_FLAGS(cascadeclip::ui::ExportFormats)
Q_DECLARE_METATYPE(cascadeclip::ui::ExportSummary)
