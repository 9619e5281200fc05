// SPDX-License-Identifier: MIT
#include "ui/AnnotationDocument.h"

#include <cascadeclip/Segmenter.h>

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using cascadeclip::kUnlabeled;
using cascadeclip::ui::AnnotationDocument;
using cascadeclip::ui::kNoEdit;

namespace {

// Model layer: left half class 7 with confidence 0.9, right half class 3 with confidence 0.4.
void applyHalves(AnnotationDocument& doc)
{
    cv::Mat ids(doc.bgr().size(), CV_16UC1, cv::Scalar(7));
    ids(cv::Rect(ids.cols / 2, 0, ids.cols - ids.cols / 2, ids.rows)).setTo(3);
    cv::Mat conf(doc.bgr().size(), CV_32FC1, cv::Scalar(0.9));
    conf(cv::Rect(conf.cols / 2, 0, conf.cols - conf.cols / 2, conf.rows)).setTo(0.4);
    doc.applyModelResult(ids, conf, QStringLiteral("model"));
}

int count(const cv::Mat& labels, std::uint16_t value)
{
    return cv::countNonZero(labels == value);
}

} // namespace

class TestAnnotationDocument : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void unreadableImageIsReported();
    void oversizedTruncatedAndEmptyImagesAreRefusedWithTheReason();
    void thresholdHidesLowConfidenceLabelsWithoutTouchingTheModel();
    void modelResultIsUndoable();
    void brushStrokeIsOneUndoStep();
    void eraserOverridesTheModel();
    void paintOnlyUnlabeledKeepsLabeledPixels();
    void fillTakesTheConnectedRegion();
    void polygonAddAndSubtract();
    void saveAndLoadRoundTrip();
    void unreadableAnnotationIsNeverOverwritten();
    void removedClassesAreUnlabeledInTheSavedLabelMap();
    void newerMasksFromAnotherWriterAreNeverOverwritten();

private:
    QTemporaryDir m_dir;
    QString m_imagePath;
};

void TestAnnotationDocument::init()
{
    QVERIFY(m_dir.isValid());
    m_imagePath = m_dir.filePath(QStringLiteral("scene.png"));
    QImage img(40, 30, QImage::Format_RGB32);
    img.fill(QColor(120, 80, 40));
    QVERIFY(img.save(m_imagePath));
}

void TestAnnotationDocument::unreadableImageIsReported()
{
    const QString bad = m_dir.filePath(QStringLiteral("broken.jpg"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a jpeg");
    f.close();
    AnnotationDocument doc(bad);
    QString error;
    QVERIFY(!doc.loadImage(&error));
    QVERIFY(!error.isEmpty());
}

void TestAnnotationDocument::oversizedTruncatedAndEmptyImagesAreRefusedWithTheReason()
{
    QString error;
    // 40 x 30 = 1200 pixels: over a limit of 1000, within the default; 0 means no limit.
    AnnotationDocument big(m_imagePath);
    QVERIFY(!big.loadImage(&error, 1000));
    QVERIFY2(
        error.contains(m_imagePath) && error.contains(QStringLiteral("40x30 (1200 pixels) is over the limit of 1000")),
        qPrintable(error));
    QVERIFY(big.loadImage(&error));
    QVERIFY(big.loadImage(&error, 0));
    QCOMPARE(big.size(), QSize(40, 30));

    QFile whole(m_imagePath);
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    const QString cut = m_dir.filePath(QStringLiteral("cut.png"));
    const QString empty = m_dir.filePath(QStringLiteral("empty.png"));
    for (const auto& [path, content] :
        {std::pair {cut, bytes.left(bytes.size() / 2)}, std::pair {empty, QByteArray()}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
    }
    AnnotationDocument truncated(cut);
    QVERIFY(!truncated.loadImage(&error));
    QVERIFY2(error.contains(cut) && error.contains(QStringLiteral("truncated PNG")), qPrintable(error));
    AnnotationDocument zero(empty);
    QVERIFY(!zero.loadImage(&error));
    QVERIFY2(error.contains(empty) && error.contains(QStringLiteral("empty (0 bytes)")), qPrintable(error));
}

void TestAnnotationDocument::thresholdHidesLowConfidenceLabelsWithoutTouchingTheModel()
{
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    QCOMPARE(doc.size(), QSize(40, 30));
    QVERIFY(doc.isBlank());
    QCOMPARE(count(doc.composite(0.0f), kUnlabeled), 40 * 30);
    applyHalves(doc);
    QCOMPARE(count(doc.composite(0.0f), 7), 20 * 30);
    QCOMPARE(count(doc.composite(0.0f), 3), 20 * 30);
    QCOMPARE(count(doc.composite(0.5f), 3), 0);
    QCOMPARE(count(doc.composite(0.5f), kUnlabeled), 20 * 30);
    QCOMPARE(count(doc.composite(0.95f), kUnlabeled), 40 * 30);
    QCOMPARE(count(doc.composite(0.0f), 3), 20 * 30); // back down: nothing was lost
    QCOMPARE(doc.labelAt(QPoint(35, 5), 0.0f), std::uint16_t(3));
    QCOMPARE(doc.confidenceAt(QPoint(1, 1)), 0.9f);
    QCOMPARE(doc.composite(0.0f, QRect(18, 0, 4, 1)).cols, 4);
}

void TestAnnotationDocument::modelResultIsUndoable()
{
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    QSignalSpy changed(&doc, &AnnotationDocument::changed);
    applyHalves(doc);
    QVERIFY(doc.hasModelResult());
    QVERIFY(doc.isModified());
    doc.undoStack()->undo();
    QVERIFY(!doc.hasModelResult());
    doc.undoStack()->redo();
    QCOMPARE(doc.labelAt(QPoint(1, 1), 0.0f), std::uint16_t(7));
    QCOMPARE(changed.count(), 3);
}

void TestAnnotationDocument::brushStrokeIsOneUndoStep()
{
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    applyHalves(doc);
    doc.beginStroke();
    doc.strokeSegment(QPointF(5, 15), QPointF(5, 15), 2, 9, false, 0.0f);
    doc.strokeSegment(QPointF(5, 15), QPointF(30, 15), 2, 9, false, 0.0f);
    doc.endStroke(QStringLiteral("paint"));
    QCOMPARE(doc.undoStack()->count(), 2);
    QCOMPARE(doc.labelAt(QPoint(17, 15), 0.0f), std::uint16_t(9));
    QCOMPARE(doc.labelAt(QPoint(30, 17), 0.0f), std::uint16_t(9)); // round cap, radius 2
    QCOMPARE(doc.labelAt(QPoint(17, 18), 0.0f), std::uint16_t(7)); // outside the radius
    const int painted = count(doc.composite(0.0f), 9);
    QVERIFY(painted >= 26 * 5);
    doc.undoStack()->undo();
    QCOMPARE(count(doc.composite(0.0f), 9), 0);
    QVERIFY(!doc.hasEdits());
    doc.undoStack()->redo();
    QCOMPARE(count(doc.composite(0.0f), 9), painted);
    // An empty stroke adds nothing to undo.
    doc.beginStroke();
    doc.endStroke(QStringLiteral("nothing"));
    QCOMPARE(doc.undoStack()->count(), 2);
}

void TestAnnotationDocument::eraserOverridesTheModel()
{
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    applyHalves(doc);
    doc.beginStroke();
    doc.strokeSegment(QPointF(10, 10), QPointF(10, 10), 3, kUnlabeled, false, 0.0f);
    doc.endStroke(QStringLiteral("erase"));
    QCOMPARE(doc.labelAt(QPoint(10, 10), 0.0f), kUnlabeled);
    QCOMPARE(doc.edits().at<std::uint16_t>(10, 10), kUnlabeled);
    QCOMPARE(doc.edits().at<std::uint16_t>(0, 0), kNoEdit);
}

void TestAnnotationDocument::paintOnlyUnlabeledKeepsLabeledPixels()
{
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    applyHalves(doc);
    // At threshold 0.5 the right half is unlabeled: a stroke across both halves only paints the right one.
    doc.beginStroke();
    doc.strokeSegment(QPointF(2, 15), QPointF(38, 15), 1, 9, true, 0.5f);
    doc.endStroke(QStringLiteral("paint"));
    QCOMPARE(doc.labelAt(QPoint(10, 15), 0.5f), std::uint16_t(7));
    QCOMPARE(doc.labelAt(QPoint(30, 15), 0.5f), std::uint16_t(9));
}

void TestAnnotationDocument::fillTakesTheConnectedRegion()
{
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    applyHalves(doc);
    QVERIFY(doc.fill(QPoint(30, 5), 5, false, 0.0f, QStringLiteral("fill")));
    QCOMPARE(count(doc.composite(0.0f), 5), 20 * 30);
    QCOMPARE(count(doc.composite(0.0f), 7), 20 * 30);
    QVERIFY(!doc.fill(QPoint(30, 5), 5, false, 0.0f, QStringLiteral("again"))); // same label: no-op
    QVERIFY(!doc.fill(QPoint(5, 5), 5, true, 0.0f, QStringLiteral("only unlabeled"))); // labelled seed
    doc.undoStack()->undo();
    QCOMPARE(count(doc.composite(0.0f), 3), 20 * 30);
}

void TestAnnotationDocument::polygonAddAndSubtract()
{
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    applyHalves(doc);
    const QPolygonF square({QPointF(10, 10), QPointF(29, 10), QPointF(29, 19), QPointF(10, 19)});
    QVERIFY(doc.fillPolygon(square, 4, false, 0.0f, QStringLiteral("polygon")));
    QCOMPARE(count(doc.composite(0.0f), 4), 20 * 10);
    // Subtract removes only the given class inside the polygon.
    const QPolygonF left({QPointF(0, 0), QPointF(14, 0), QPointF(14, 29), QPointF(0, 29)});
    QVERIFY(doc.subtractPolygon(left, 4, 0.0f, QStringLiteral("subtract")));
    QCOMPARE(count(doc.composite(0.0f), 4), 15 * 10);
    QCOMPARE(count(doc.composite(0.0f), kUnlabeled), 5 * 10);
    QCOMPARE(doc.labelAt(QPoint(2, 2), 0.0f), std::uint16_t(7));
    QVERIFY(!doc.fillPolygon(QPolygonF({QPointF(1, 1), QPointF(2, 2)}), 4, false, 0.0f, QStringLiteral("line")));
}

void TestAnnotationDocument::saveAndLoadRoundTrip()
{
    const QString annotations = m_dir.filePath(QStringLiteral("annotations"));
    cv::Mat expected;
    {
        AnnotationDocument doc(m_imagePath);
        QVERIFY(doc.loadImage(nullptr));
        applyHalves(doc);
        doc.beginStroke();
        doc.strokeSegment(QPointF(3, 3), QPointF(12, 3), 1, kUnlabeled, false, 0.0f);
        doc.endStroke(QStringLiteral("erase"));
        QString error;
        QVERIFY2(doc.save(annotations, 0.5f, {{7, QStringLiteral("sky")}, {3, QStringLiteral("road")}}, &error),
            qPrintable(error));
        QVERIFY(!doc.isModified());
        expected = doc.composite(0.5f);
    }
    QVERIFY(QFile::exists(AnnotationDocument::sidecarPath(annotations, QStringLiteral("scene.png"))));
    // The label map exporters read: a 16-bit PNG of the composite at the saved threshold.
    const cv::Mat labels
        = cv::imread((annotations + QStringLiteral("/scene.png.labels.png")).toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(labels.type(), CV_16UC1);
    QCOMPARE(cv::countNonZero(labels != expected), 0);
    QFile sidecar(AnnotationDocument::sidecarPath(annotations, QStringLiteral("scene.png")));
    QVERIFY(sidecar.open(QIODevice::ReadOnly));
    const QByteArray json = sidecar.readAll();
    QVERIFY(json.contains("\"version\": 1"));
    QVERIFY(json.contains("\"sky\""));

    AnnotationDocument again(m_imagePath);
    QVERIFY(again.loadImage(nullptr));
    QString error;
    QVERIFY2(again.loadAnnotation(annotations, &error), qPrintable(error));
    QVERIFY(again.hasModelResult());
    QVERIFY(again.hasEdits());
    QVERIFY(!again.isModified());
    QCOMPARE(cv::countNonZero(again.composite(0.5f) != expected), 0);
    // Layers survive, so the threshold still works after reopening.
    QCOMPARE(count(again.composite(0.0f), 3), 20 * 30);
    QVERIFY(std::abs(again.confidenceAt(QPoint(30, 3)) - 0.4f) < 1e-4f);
}

void TestAnnotationDocument::unreadableAnnotationIsNeverOverwritten()
{
    const QString annotations = m_dir.filePath(QStringLiteral("broken-annotations"));
    QDir().mkpath(annotations);
    const QString sidecar = AnnotationDocument::sidecarPath(annotations, QStringLiteral("scene.png"));
    QFile f(sidecar);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"version\": 1, \"width\": 40, \"height\": 30, \"layers\": {\"edits\": \"missing.png\"}}");
    f.close();
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    QString error;
    QVERIFY(!doc.loadAnnotation(annotations, &error));
    QVERIFY(error.contains(QStringLiteral("missing.png")));
    applyHalves(doc);
    QVERIFY(!doc.save(annotations, 0.0f, {}, &error));
    QVERIFY(error.contains(QStringLiteral("not overwritten")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("missing.png"));
}

void TestAnnotationDocument::removedClassesAreUnlabeledInTheSavedLabelMap()
{
    const QString annotations = m_dir.filePath(QStringLiteral("removed"));
    AnnotationDocument doc(m_imagePath);
    QVERIFY(doc.loadImage(nullptr));
    applyHalves(doc);
    QString error;
    // Class 3 was removed from the panel: only 7 is named.
    QVERIFY2(doc.save(annotations, 0.0f, {{7, QStringLiteral("sky")}}, &error), qPrintable(error));
    const cv::Mat labels
        = cv::imread((annotations + QStringLiteral("/scene.png.labels.png")).toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(count(labels, 7), 20 * 30);
    QCOMPARE(count(labels, 3), 0);
    QCOMPARE(count(labels, kUnlabeled), 20 * 30);
    // The model layer keeps the id, so re-adding nothing is lost in the working data.
    QCOMPARE(doc.labelAt(QPoint(30, 3), 0.0f), std::uint16_t(3));
}

void TestAnnotationDocument::newerMasksFromAnotherWriterAreNeverOverwritten()
{
    // Two windows on one project (or a crash-restarted app and an old one): the stale one must not replace the
    // masks the other saved after it read the folder (haste#101: a partial reload overwrote the full set).
    const QString annotations = m_dir.filePath(QStringLiteral("two-writers"));
    const QHash<std::uint16_t, QString> names {{7, QStringLiteral("sky")}, {3, QStringLiteral("road")}};
    AnnotationDocument stale(m_imagePath);
    AnnotationDocument other(m_imagePath);
    QString error;
    for (AnnotationDocument* doc : {&stale, &other}) {
        QVERIFY(doc->loadImage(nullptr));
        QVERIFY(doc->loadAnnotation(annotations, &error)); // nothing saved yet
    }
    applyHalves(other);
    QVERIFY2(other.save(annotations, 0.0f, names, &error), qPrintable(error));
    QVERIFY2(other.save(annotations, 0.0f, names, &error), qPrintable(error)); // its own file: saved again

    stale.beginStroke();
    stale.strokeSegment(QPointF(3, 3), QPointF(5, 3), 1, 3, false, 0.0f);
    stale.endStroke(QStringLiteral("paint"));
    QVERIFY(!stale.save(annotations, 0.0f, names, &error));
    const QString sidecar = AnnotationDocument::sidecarPath(annotations, QStringLiteral("scene.png"));
    QVERIFY2(error.contains(sidecar) && error.contains(QStringLiteral("another program or window")), qPrintable(error));
    // The other window's masks are intact ...
    AnnotationDocument check(m_imagePath);
    QVERIFY(check.loadImage(nullptr));
    QVERIFY(check.loadAnnotation(annotations, &error));
    QVERIFY(check.hasModelResult());
    QCOMPARE(count(check.composite(0.0f), 7), 20 * 30);
    // ... and once the stale document has read them, it may save again.
    QVERIFY(stale.loadAnnotation(annotations, &error));
    stale.beginStroke();
    stale.strokeSegment(QPointF(3, 3), QPointF(5, 3), 1, 3, false, 0.0f);
    stale.endStroke(QStringLiteral("paint"));
    QVERIFY2(stale.save(annotations, 0.0f, names, &error), qPrintable(error));
}

QTEST_MAIN(TestAnnotationDocument)
#include "tst_annotationdocument.moc"
