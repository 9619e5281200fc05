// SPDX-License-Identifier: MIT
#include "ui/Exporter.h"

#include "ui/AnnotationDocument.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/Version.h>
#include <cascadeclip/annotation/Coco.h>
#include <cascadeclip/annotation/Labelme.h>
#include <cascadeclip/annotation/MaskPng.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <vector>

namespace cascadeclip::ui {

namespace {

std::string utf8(const QString& s)
{
    return s.toStdString();
}

/// Output base names: the image's stem, or its whole file name with dots made underscores where two stems collide
/// ("a.png" and "a.jpg" would otherwise both become a.png).
QStringList outputNames(const QVector<ExportItem>& items)
{
    QHash<QString, int> stems;
    for (const ExportItem& item : items)
        ++stems[QFileInfo(item.imagePath).completeBaseName()];
    QStringList names;
    for (const ExportItem& item : items) {
        const QFileInfo info(item.imagePath);
        names << (stems.value(info.completeBaseName()) > 1 ? info.fileName().replace(QLatin1Char('.'), QLatin1Char('_'))
                                                           : info.completeBaseName());
    }
    return names;
}

/// Runs a core writer; its Error becomes an ExportFailure naming `file`. Never replaces one of the images being
/// exported (an index PNG exported into the image folder would otherwise overwrite the photo of the same name).
template <typename F>
void writing(const QString& file, QStringList& written, const QSet<QString>& protectedFiles, F&& write)
{
    if (protectedFiles.contains(QFileInfo(file).absoluteFilePath()))
        throw ExportFailure {file, QStringLiteral("would overwrite an image being exported; choose another folder")};
    try {
        write();
    } catch (const Error& e) {
        throw ExportFailure {file, QString::fromStdString(e.what())};
    }
    written << file;
}

} // namespace

ExportSummary runExport(const ExportRequest& request,
    const std::function<void(int done, int total, const QString& fileName)>& onProgress,
    const std::function<bool()>& isCanceled)
{
    ExportSummary summary;
    const QDir dest(request.destination);
    summary.destination = dest.absolutePath();
    if (request.destination.isEmpty())
        throw ExportFailure {request.destination, QStringLiteral("no destination folder given")};
    if (!QDir().mkpath(dest.absolutePath()))
        throw ExportFailure {dest.absolutePath(), QStringLiteral("cannot create the folder")};
    if (!QFileInfo(dest.absolutePath()).isWritable())
        throw ExportFailure {dest.absolutePath(), QStringLiteral("the folder is not writable")};

    // Class ids (stable, with gaps) -> indices in panel order.
    annotation::ClassList classes;
    std::vector<std::uint16_t> indexOf(0x10000, kUnlabeled);
    std::vector<std::int64_t> categoryIds;
    for (int i = 0; i < request.classes.size(); ++i) {
        const ClassEntry& c = request.classes.at(i);
        annotation::ClassInfo info;
        info.name = utf8(c.name);
        if (c.color.isValid())
            info.color = annotation::Rgb {
                std::uint8_t(c.color.red()), std::uint8_t(c.color.green()), std::uint8_t(c.color.blue())};
        classes.push_back(info);
        indexOf[c.id] = std::uint16_t(i);
        categoryIds.push_back(std::int64_t(c.id) + 1);
    }

    QSet<QString> images;
    for (const ExportItem& item : request.items)
        images.insert(QFileInfo(item.imagePath).absoluteFilePath());
    for (const QString& keep : request.keepFiles)
        images.insert(QFileInfo(keep).absoluteFilePath());

    const ExportFormats f = request.formats;
    if (f & ExportFormat::ColorPng) {
        const QString labelmap = dest.filePath(QStringLiteral("labelmap.txt"));
        writing(labelmap, summary.files, images, [&] { annotation::writeCvatLabelmap(utf8(labelmap), classes); });
        const QString legend = dest.filePath(QStringLiteral("legend.json"));
        writing(legend, summary.files, images, [&] { annotation::writeLegendJson(utf8(legend), classes); });
    }

    const QStringList names = outputNames(request.items);
    std::vector<annotation::CocoImage> coco;
    const int total = int(request.items.size());
    for (int i = 0; i < total; ++i) {
        if (isCanceled && isCanceled())
            throw Canceled();
        const ExportItem& item = request.items.at(i);
        const QFileInfo imageInfo(item.imagePath);
        cv::Mat ids = item.labels;
        if (ids.empty()) {
            // Not open in the window: the saved layers, at the export's threshold.
            if (!QFileInfo::exists(AnnotationDocument::sidecarPath(request.annotationDir, imageInfo.fileName()))) {
                ++summary.skipped;
                if (onProgress)
                    onProgress(i + 1, total, imageInfo.fileName());
                continue;
            }
            AnnotationDocument doc(item.imagePath);
            QString why;
            if (!doc.loadImage(&why))
                throw ExportFailure {item.imagePath, why};
            if (!doc.loadAnnotation(request.annotationDir, &why))
                throw ExportFailure {AnnotationDocument::sidecarPath(request.annotationDir, imageInfo.fileName()), why};
            if (doc.isBlank()) {
                ++summary.skipped;
                if (onProgress)
                    onProgress(i + 1, total, imageInfo.fileName());
                continue;
            }
            ids = doc.composite(request.threshold);
        }
        cv::Mat labels(ids.size(), CV_16UC1);
        for (int y = 0; y < ids.rows; ++y) {
            const auto* in = ids.ptr<std::uint16_t>(y);
            auto* out = labels.ptr<std::uint16_t>(y);
            for (int x = 0; x < ids.cols; ++x)
                out[x] = indexOf[in[x]];
        }
        const QString base = names.at(i);
        if (f & ExportFormat::PalettePng) {
            const QString path = dest.filePath(base + QStringLiteral(".png"));
            writing(path, summary.files, images, [&] { annotation::writeIndexPng(utf8(path), labels, classes); });
        }
        if (f & ExportFormat::ColorPng) {
            const QString path = dest.filePath(base + QStringLiteral("_color.png"));
            writing(path, summary.files, images, [&] { annotation::writeColorPng(utf8(path), labels, classes); });
        }
        if (f & ExportFormat::Labelme) {
            const QString path = dest.filePath(base + QStringLiteral(".json"));
            // labelme resolves imagePath relative to the JSON file.
            const QString imageRef = dest.relativeFilePath(imageInfo.absoluteFilePath());
            writing(path, summary.files, images,
                [&] { annotation::writeLabelme(utf8(path), labels, classes, utf8(imageRef)); });
        }
        if (f & ExportFormat::Coco)
            coco.push_back({utf8(imageInfo.fileName()), labels, 0});
        ++summary.images;
        if (onProgress)
            onProgress(i + 1, total, imageInfo.fileName());
    }

    if ((f & ExportFormat::Coco) && !coco.empty()) {
        const QString path
            = dest.filePath(request.singleImage && names.size() == 1 ? names.front() + QStringLiteral(".coco.json")
                                                                     : QStringLiteral("coco.json"));
        annotation::CocoExportOptions options;
        options.polygons = request.cocoPolygons;
        options.categoryIds = categoryIds;
        std::string classNames;
        for (const annotation::ClassInfo& c : classes)
            classNames += (classNames.empty() ? "" : ",") + c.name;
        options.provenance = {{"tool", std::string("cascadeclip-studio ") + kVersion},
            {"threshold", std::to_string(request.threshold)}, {"classes", classNames}};
        writing(path, summary.files, images, [&] { annotation::writeCoco(utf8(path), coco, classes, options); });
    }
    return summary;
}

Exporter::Exporter(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<cascadeclip::ui::ExportSummary>();
}

Exporter::~Exporter() = default;

bool Exporter::start(const ExportRequest& request)
{
    return m_job.start([this, request](const std::function<bool()>& isCanceled) {
        try {
            const ExportSummary summary = runExport(
                request,
                [&](int done, int total, const QString& name) {
                    m_job.post([this, done, total, name] { Q_EMIT progressChanged(done, total, name); });
                },
                isCanceled);
            m_job.finish([this, summary] { Q_EMIT finished(summary); });
        } catch (const ExportFailure& e) {
            m_job.finish([this, e] { Q_EMIT failed(e.file, e.detail); });
        } catch (const Canceled&) {
            m_job.finish([this] { Q_EMIT canceled(); });
        } catch (const std::exception& e) {
            const QString detail = QString::fromStdString(e.what());
            m_job.finish([this, dest = request.destination, detail] { Q_EMIT failed(dest, detail); });
        }
    });
}

void Exporter::cancel()
{
    m_job.cancel();
}

} // namespace cascadeclip::ui
