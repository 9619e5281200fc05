// SPDX-License-Identifier: MIT
// Exports through core/annotation: every format read back with the core readers, class ids mapped to panel order,
// unlabeled pixels as each format expects, saved layers for images not open, failures naming the file, cancel.
#include "ui/AnnotationDocument.h"
#include "ui/ExportDialog.h"
#include "ui/Exporter.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/Coco.h>
#include <cascadeclip/annotation/Labelme.h>
#include <cascadeclip/annotation/MaskPng.h>
#include <cascadeclip/annotation/Rle.h>

#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <fstream>

using cascadeclip::kUnlabeled;
using namespace cascadeclip::ui;
namespace annotation = cascadeclip::annotation;

namespace {

// Panel order sky, house, grass with stable ids 5, 2, 9 (gaps and an order unlike the ids, as after edits).
QVector<ClassEntry> classes()
{
    return {{5, QStringLiteral("sky"), QColor(70, 130, 200), false},
        {2, QStringLiteral("house"), QColor(200, 60, 40), true},
        {9, QStringLiteral("grass"), QColor(40, 160, 60), false}};
}

/// Class ids: sky on top, a house block, grass below, an unlabeled strip on the right.
cv::Mat idMap(int w = 40, int h = 30)
{
    cv::Mat ids(h, w, CV_16UC1, cv::Scalar(5));
    ids(cv::Rect(0, h * 2 / 3, w, h - h * 2 / 3)).setTo(9);
    ids(cv::Rect(8, 10, 12, 10)).setTo(2);
    ids(cv::Rect(w - 5, 0, 5, h)).setTo(kUnlabeled);
    return ids;
}

/// The same map as export indices (panel order), kUnlabeled kept.
cv::Mat indexMap(const cv::Mat& ids)
{
    cv::Mat out(ids.size(), CV_16UC1);
    for (int y = 0; y < ids.rows; ++y)
        for (int x = 0; x < ids.cols; ++x) {
            const auto v = ids.at<std::uint16_t>(y, x);
            out.at<std::uint16_t>(y, x) = v == 5 ? 0 : v == 2 ? 1 : v == 9 ? 2 : kUnlabeled;
        }
    return out;
}

bool same(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::countNonZero(a != b) == 0;
}

annotation::ClassList coreClasses()
{
    return annotation::makeClassList({"sky", "house", "grass"});
}

} // namespace

class TestExporter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void everyFormatReadsBackAsTheLabelMap();
    void projectScopeReadsSavedLayersAndSkipsUnannotated();
    void collidingStemsGetDistinctNames();
    void neverOverwritesTheImages();
    void unwritableDestinationNamesTheFile();
    void readOnlyFolderNamesTheFile();
    void cancelStopsBetweenImages();
    void exporterReportsOnTheGuiThread();
    void exporterCancel();
    void dialogFollowsTheProjectUnlessAFolderWasChosen();

private:
    QString writeImage(const QString& name, int w = 40, int h = 30);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestExporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestExporter::writeImage(const QString& name, int w, int h)
{
    QImage img(w, h, QImage::Format_RGB32);
    img.fill(QColor(120, 150, 90));
    const QString path = m_dir->filePath(name);
    if (!img.save(path))
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

void TestExporter::everyFormatReadsBackAsTheLabelMap()
{
    const QString image = writeImage(QStringLiteral("scene.png"));
    ExportRequest req;
    req.destination = m_dir->filePath(QStringLiteral("out/deeper")); // created
    req.classes = classes();
    req.formats = ExportFormat::PalettePng | ExportFormat::ColorPng | ExportFormat::Coco | ExportFormat::Labelme;
    req.singleImage = true;
    req.items = {{image, idMap()}};
    const ExportSummary summary = runExport(req);
    QCOMPARE(summary.images, 1);
    QCOMPARE(summary.skipped, 0);
    const QDir out(req.destination);
    const cv::Mat expected = indexMap(idMap());

    // Index PNG: an 8-bit palette PNG (colour type 3) whose raw indices are the panel positions, 255 = unlabeled.
    const std::string png = out.filePath(QStringLiteral("scene.png")).toStdString();
    const std::string bytes = cascadeclip::readFileBytes(png);
    QCOMPARE(int(static_cast<unsigned char>(bytes.at(24))), 8); // bit depth
    QCOMPARE(int(static_cast<unsigned char>(bytes.at(25))), 3); // palette
    QVERIFY(same(annotation::readIndexPng(png, 3), expected));

    // Colour PNG with its legends: CVAT labelmap.txt and legend.json, the panel's colours.
    const auto legend = annotation::readLegendJson(out.filePath(QStringLiteral("legend.json")).toStdString());
    QCOMPARE(legend.size(), size_t(3));
    QCOMPARE(legend[1].name, std::string("house"));
    QVERIFY(legend[1].color == (annotation::Rgb {200, 60, 40}));
    QVERIFY(same(
        annotation::readColorPng(out.filePath(QStringLiteral("scene_color.png")).toStdString(), legend), expected));
    const auto labelmap = annotation::readCvatLabelmap(out.filePath(QStringLiteral("labelmap.txt")).toStdString());
    QCOMPARE(labelmap.front().name, std::string("sky"));

    // COCO: category ids are the stable ids + 1; RLE decodes to each class's mask.
    const std::string cocoPath = out.filePath(QStringLiteral("scene.coco.json")).toStdString();
    const annotation::CocoDataset coco = annotation::readCoco(cocoPath);
    QCOMPARE(coco.categories.size(), size_t(3));
    QCOMPARE(coco.categories[0].id, std::int64_t(6));
    QCOMPARE(coco.categories[1].id, std::int64_t(3));
    QCOMPARE(coco.categories[2].id, std::int64_t(10));
    QCOMPARE(coco.images.size(), size_t(1));
    QCOMPARE(coco.images[0].fileName, std::string("scene.png"));
    QVERIFY(same(coco.images[0].labels, expected));
    const auto json = nlohmann::json::parse(cascadeclip::readFileBytes(cocoPath));
    QCOMPARE(json["annotations"].size(), size_t(3)); // unlabeled pixels belong to no annotation
    for (const auto& a : json["annotations"]) {
        const int crowd = a["iscrowd"];
        QCOMPARE(crowd, 0);
        const std::string counts = a["segmentation"]["counts"];
        const int height = a["segmentation"]["size"][0];
        const int width = a["segmentation"]["size"][1];
        const auto rle = annotation::Rle::fromString(counts, height, width);
        const int index = a["category_id"] == 6 ? 0 : a["category_id"] == 3 ? 1 : 2;
        QVERIFY(same(rle.decode(), cv::Mat(expected == index) / 255));
    }

    // labelme: mask shapes, imagePath relative to the JSON file, no shape for unlabeled pixels.
    const std::string labelmePath = out.filePath(QStringLiteral("scene.json")).toStdString();
    const annotation::LabelmeDocument lm = annotation::readLabelme(labelmePath, coreClasses());
    QCOMPARE(QString::fromStdString(lm.imagePath), QStringLiteral("../../scene.png"));
    QVERIFY(QFileInfo::exists(out.filePath(QString::fromStdString(lm.imagePath))));
    QVERIFY(same(lm.labels, expected));
    // No temporary files left behind: every write was atomic.
    QCOMPARE(out.entryList(QDir::Files | QDir::Hidden).size(), 6);
}

void TestExporter::projectScopeReadsSavedLayersAndSkipsUnannotated()
{
    const QString a = writeImage(QStringLiteral("a.png"));
    const QString b = writeImage(QStringLiteral("b.png"));
    const QString annotations = m_dir->filePath(QStringLiteral("annotations"));
    QVERIFY(QDir().mkpath(annotations));
    {
        AnnotationDocument doc(a);
        QString error;
        QVERIFY(doc.loadImage(&error));
        // Confidence 0.8 everywhere but 0.2 in the grass: a threshold of 0.5 leaves the grass unlabeled.
        const cv::Mat ids = idMap();
        cv::Mat conf(ids.size(), CV_32FC1, cv::Scalar(0.8f));
        conf.setTo(0.2f, ids == 9);
        doc.applyModelResult(ids, conf, QStringLiteral("model"));
        QVERIFY2(doc.save(annotations, 0.5f,
                     {{5, QStringLiteral("sky")}, {2, QStringLiteral("house")}, {9, QStringLiteral("grass")}}, &error),
            qPrintable(error));
    }
    ExportRequest req;
    req.destination = m_dir->filePath(QStringLiteral("export"));
    req.annotationDir = annotations;
    req.threshold = 0.5f;
    req.classes = classes();
    req.formats = ExportFormat::PalettePng | ExportFormat::Coco;
    req.items = {{a, cv::Mat()}, {b, cv::Mat()}};
    QVector<int> progress;
    const ExportSummary summary = runExport(req, [&](int done, int total, const QString&) {
        QCOMPARE(total, 2);
        progress << done;
    });
    QCOMPARE(summary.images, 1);
    QCOMPARE(summary.skipped, 1);
    QCOMPARE(progress, QVector<int>({1, 2}));
    cv::Mat expected = indexMap(idMap());
    expected.setTo(kUnlabeled, idMap() == 9);
    QVERIFY(same(
        annotation::readIndexPng(QDir(req.destination).filePath(QStringLiteral("a.png")).toStdString(), 3), expected));
    QVERIFY(!QFileInfo::exists(QDir(req.destination).filePath(QStringLiteral("b.png"))));
    const auto coco = annotation::readCoco(QDir(req.destination).filePath(QStringLiteral("coco.json")).toStdString());
    QCOMPARE(coco.images.size(), size_t(1));
    QVERIFY(same(coco.images[0].labels, expected));
}

void TestExporter::collidingStemsGetDistinctNames()
{
    const QString png = writeImage(QStringLiteral("a.png"));
    QImage img(png);
    const QString jpg = m_dir->filePath(QStringLiteral("a.jpg"));
    QVERIFY(img.save(jpg));
    ExportRequest req;
    req.destination = m_dir->filePath(QStringLiteral("export"));
    req.classes = classes();
    req.formats = ExportFormat::PalettePng;
    req.items = {{png, idMap()}, {jpg, idMap()}};
    QCOMPARE(runExport(req).images, 2);
    QVERIFY(QFileInfo::exists(QDir(req.destination).filePath(QStringLiteral("a_png.png"))));
    QVERIFY(QFileInfo::exists(QDir(req.destination).filePath(QStringLiteral("a_jpg.png"))));
}

void TestExporter::neverOverwritesTheImages()
{
    // Exporting an index PNG into the image folder would replace the photo "scene.png" with its mask.
    const QString image = writeImage(QStringLiteral("scene.png"));
    const auto bytesOf = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray before = bytesOf(image);
    QVERIFY(before.size() > 100);
    ExportRequest req;
    req.destination = m_dir->path();
    req.classes = classes();
    req.formats = ExportFormat::PalettePng;
    req.items = {{image, idMap()}};
    try {
        runExport(req);
        QFAIL("the export should refuse");
    } catch (const ExportFailure& e) {
        QCOMPARE(QFileInfo(e.file).fileName(), QStringLiteral("scene.png"));
        QVERIFY(e.detail.contains(QStringLiteral("overwrite")));
    }
    QCOMPARE(bytesOf(image), before);
    // The same for other images of the project: "a.jpg" exported next to "a.png".
    const QString png = writeImage(QStringLiteral("a.png"));
    const QString jpg = m_dir->filePath(QStringLiteral("a.jpg"));
    QVERIFY(QImage(png).save(jpg));
    req.items = {{jpg, idMap()}};
    req.keepFiles = {png, jpg, image};
    const QByteArray pngBefore = bytesOf(png);
    QVERIFY_THROWS_EXCEPTION(ExportFailure, runExport(req));
    QCOMPARE(bytesOf(png), pngBefore);
}

void TestExporter::unwritableDestinationNamesTheFile()
{
    // A destination below a regular file cannot exist, whoever runs the test.
    const QString blocker = m_dir->filePath(QStringLiteral("blocker"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    ExportRequest req;
    req.destination = blocker + QStringLiteral("/export");
    req.classes = classes();
    req.formats = ExportFormat::PalettePng;
    req.items = {{writeImage(QStringLiteral("scene.png")), idMap()}};
    try {
        runExport(req);
        QFAIL("the export should fail");
    } catch (const ExportFailure& e) {
        QVERIFY2(e.file.contains(QStringLiteral("blocker/export")), qPrintable(e.file));
        QVERIFY(!e.detail.isEmpty());
    }
}

void TestExporter::readOnlyFolderNamesTheFile()
{
    if (::geteuid() == 0)
        QSKIP("permissions do not bind root");
    const QString dest = m_dir->filePath(QStringLiteral("readonly"));
    QVERIFY(QDir().mkpath(dest));
    QVERIFY(QFile::setPermissions(dest, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    ExportRequest req;
    req.destination = dest;
    req.classes = classes();
    req.formats = ExportFormat::PalettePng;
    req.items = {{writeImage(QStringLiteral("scene.png")), idMap()}};
    try {
        runExport(req);
        QFAIL("the export should fail");
    } catch (const ExportFailure& e) {
        QVERIFY2(e.file.contains(QStringLiteral("readonly")), qPrintable(e.file));
    }
    QFile::setPermissions(dest, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void TestExporter::cancelStopsBetweenImages()
{
    ExportRequest req;
    req.destination = m_dir->filePath(QStringLiteral("export"));
    req.classes = classes();
    req.formats = ExportFormat::PalettePng | ExportFormat::Coco;
    for (int i = 0; i < 5; ++i)
        req.items.push_back({writeImage(QStringLiteral("img%1.png").arg(i)), idMap()});
    int polls = 0;
    QVERIFY_THROWS_EXCEPTION(cascadeclip::Canceled, runExport(req, {}, [&] { return ++polls > 2; }));
    const QDir out(req.destination);
    QVERIFY(QFileInfo::exists(out.filePath(QStringLiteral("img1.png"))));
    QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("img2.png"))));
    QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("coco.json"))));
}

void TestExporter::exporterReportsOnTheGuiThread()
{
    Exporter exporter;
    QSignalSpy progress(&exporter, &Exporter::progressChanged);
    QSignalSpy finished(&exporter, &Exporter::finished);
    QThread* guiThread = QThread::currentThread();
    QThread* progressThread = nullptr;
    connect(&exporter, &Exporter::progressChanged, this, [&] { progressThread = QThread::currentThread(); });
    ExportRequest req;
    req.destination = m_dir->filePath(QStringLiteral("export"));
    req.classes = classes();
    req.formats = ExportFormat::Labelme;
    req.items = {{writeImage(QStringLiteral("a.png")), idMap()}, {writeImage(QStringLiteral("b.png")), idMap()}};
    QVERIFY(exporter.start(req));
    QVERIFY(exporter.isRunning());
    QVERIFY(!exporter.start(req)); // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY(!exporter.isRunning());
    QCOMPARE(progress.size(), 2);
    QCOMPARE(progressThread, guiThread);
    const auto summary = finished.at(0).at(0).value<ExportSummary>();
    QCOMPARE(summary.images, 2);
    QCOMPARE(summary.files.size(), 2);
}

void TestExporter::exporterCancel()
{
    Exporter exporter;
    QSignalSpy canceled(&exporter, &Exporter::canceled);
    QSignalSpy finished(&exporter, &Exporter::finished);
    QSignalSpy failed(&exporter, &Exporter::failed);
    ExportRequest req;
    req.destination = m_dir->filePath(QStringLiteral("export"));
    req.classes = classes();
    req.formats = ExportFormat::PalettePng | ExportFormat::ColorPng | ExportFormat::Labelme;
    const QString image = writeImage(QStringLiteral("big.png"), 400, 300);
    for (int i = 0; i < 40; ++i)
        req.items.push_back({image, idMap(400, 300)});
    QVERIFY(exporter.start(req));
    exporter.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(canceled.size(), 1, 10000);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(failed.size(), 0);
    QVERIFY(!exporter.isRunning());
}

void TestExporter::dialogFollowsTheProjectUnlessAFolderWasChosen()
{
    ExportDialog dialog([](bool) { return ExportRequest(); });
    auto* dest = dialog.findChild<QLineEdit*>(QStringLiteral("exportDestinationEdit"));
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("exportButton"));
    QVERIFY(dest && button);
    dialog.prepare(QStringLiteral("a.png"), 3, QStringLiteral("/p1/export"));
    QCOMPARE(QDir::fromNativeSeparators(dest->text()), QStringLiteral("/p1/export"));
    QVERIFY(button->isEnabled());
    dialog.prepare(QStringLiteral("b.png"), 2, QStringLiteral("/p2/export"));
    QCOMPARE(QDir::fromNativeSeparators(dest->text()), QStringLiteral("/p2/export"));
    dest->setText(QStringLiteral("/mine"));
    dialog.prepare(QStringLiteral("c.png"), 2, QStringLiteral("/p3/export"));
    QCOMPARE(dest->text(), QStringLiteral("/mine"));
    // Without a format there is nothing to export.
    for (auto* box : dialog.findChildren<QCheckBox*>())
        box->setChecked(false);
    QVERIFY(!button->isEnabled());
    // Nothing annotated: said inline, nothing started.
    dialog.findChild<QCheckBox*>(QStringLiteral("palettePngCheckBox"))->setChecked(true);
    dialog.startExport();
    QVERIFY(!dialog.isExporting());
    QVERIFY(dialog.findChild<QWidget*>(QStringLiteral("exportMessageWidget"))->isVisibleTo(&dialog));
}

QTEST_MAIN(TestExporter)
#include "tst_exporter.moc"
