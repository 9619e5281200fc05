// SPDX-License-Identifier: MIT
// Latency of the GUI-thread work behind a threshold move, a brush segment and an autosave, at VOC size and at
// 12 MP. Not a test (no pass/fail): run `build/tests/ui/bench_annotation` and read the ms per iteration.
#include "FakeSegmenter.h"
#include "ui/AnnotationDocument.h"
#include "ui/ClassListModel.h"
#include "ui/MainWindow.h"
#include "ui/Settings.h"

#include <QImage>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core.hpp>

#include <cmath>

using cascadeclip::ui::AnnotationDocument;

class BenchAnnotation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void composite_data();
    void composite();
    void brushSegment_data();
    void brushSegment();
    void save_data();
    void save();
    void saveAfterEdit_data();
    void saveAfterEdit();
    void prepareSave_data();
    void prepareSave();
    void thresholdMoveInWindow_data();
    void thresholdMoveInWindow();

private:
    void sizes();
    std::unique_ptr<AnnotationDocument> makeDoc(const QSize& size);
    QTemporaryDir m_dir;
};

void BenchAnnotation::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void BenchAnnotation::sizes()
{
    QTest::addColumn<QSize>("size");
    QTest::addRow("500x375") << QSize(500, 375);
    QTest::addRow("4000x3000") << QSize(4000, 3000);
}

std::unique_ptr<AnnotationDocument> BenchAnnotation::makeDoc(const QSize& size)
{
    const QString path = m_dir.filePath(QStringLiteral("img_%1x%2.png").arg(size.width()).arg(size.height()));
    if (!QFile::exists(path)) {
        QImage img(size, QImage::Format_RGB32);
        for (int y = 0; y < size.height(); ++y)
            for (int x = 0; x < size.width(); ++x)
                img.setPixel(x, y, qRgb((x * 7) & 255, (y * 3) & 255, ((x + y) / 16) & 255));
        img.save(path);
    }
    auto doc = std::make_unique<AnnotationDocument>(path);
    doc->loadImage(nullptr);
    // Realistic content: regions (blocks of 20 classes) and a smooth confidence with a little noise, so PNG
    // compression behaves as it does on real masks, not as on white noise.
    cv::Mat ids(doc->bgr().size(), CV_16UC1);
    cv::Mat conf(doc->bgr().size(), CV_32FC1);
    cv::Mat noise(doc->bgr().size(), CV_32FC1);
    cv::randu(noise, -0.02f, 0.02f);
    for (int y = 0; y < ids.rows; ++y)
        for (int x = 0; x < ids.cols; ++x) {
            ids.at<std::uint16_t>(y, x) = std::uint16_t((x / 97 + 3 * (y / 61)) % 20);
            conf.at<float>(y, x) = 0.5f + 0.45f * std::sin(x * 0.01f) * std::cos(y * 0.013f) + noise.at<float>(y, x);
        }
    doc->applyModelResult(ids, conf, QStringLiteral("model"));
    return doc;
}

void BenchAnnotation::composite_data()
{
    sizes();
}

void BenchAnnotation::composite()
{
    QFETCH(QSize, size);
    auto doc = makeDoc(size);
    QBENCHMARK
    {
        const cv::Mat m = doc->composite(0.3f);
        Q_UNUSED(m);
    }
}

void BenchAnnotation::brushSegment_data()
{
    sizes();
}

void BenchAnnotation::brushSegment()
{
    QFETCH(QSize, size);
    auto doc = makeDoc(size);
    doc->beginStroke();
    int i = 0;
    QBENCHMARK
    {
        const double x = 50 + (i++ % 200);
        doc->strokeSegment(QPointF(x, 100), QPointF(x + 3, 102), 24, 5, true, 0.3f);
    }
    doc->endStroke(QStringLiteral("stroke"));
}

void BenchAnnotation::save_data()
{
    sizes();
}

void BenchAnnotation::save()
{
    QFETCH(QSize, size);
    auto doc = makeDoc(size);
    QBENCHMARK
    {
        QString error;
        doc->save(m_dir.filePath(QStringLiteral("annotations")), 0.3f, {{5, QStringLiteral("x")}}, &error);
    }
}

void BenchAnnotation::saveAfterEdit_data()
{
    sizes();
}

void BenchAnnotation::saveAfterEdit()
{
    // The common autosave: the model result is on disk already, a brush stroke changed the edits.
    QFETCH(QSize, size);
    auto doc = makeDoc(size);
    QString error;
    const QString dir = m_dir.filePath(QStringLiteral("annotations"));
    doc->save(dir, 0.3f, {{5, QStringLiteral("x")}}, &error);
    int i = 0;
    QBENCHMARK
    {
        doc->beginStroke();
        doc->strokeSegment(QPointF(40 + i, 40), QPointF(90 + i, 60), 10, 5, false, 0.3f);
        doc->endStroke(QStringLiteral("stroke"));
        ++i;
        doc->save(dir, 0.3f, {{5, QStringLiteral("x")}}, &error);
    }
}

void BenchAnnotation::prepareSave_data()
{
    sizes();
}

void BenchAnnotation::prepareSave()
{
    // What an autosave costs the GUI thread; the encoding and writing run on the writer thread.
    QFETCH(QSize, size);
    auto doc = makeDoc(size);
    QBENCHMARK
    {
        QString error;
        const auto snapshot = doc->prepareSave(m_dir.filePath(QStringLiteral("annotations")), 0.3f, {}, &error);
        Q_UNUSED(snapshot);
    }
}

void BenchAnnotation::thresholdMoveInWindow_data()
{
    sizes();
}

void BenchAnnotation::thresholdMoveInWindow()
{
    QFETCH(QSize, size);
    makeDoc(size);
    auto fake = std::make_shared<cascadeclip::test::FakeControl>();
    auto settings = cascadeclip::ui::Settings::createTempInstance();
    QTemporaryDir project;
    QFile::copy(m_dir.filePath(QStringLiteral("img_%1x%2.png").arg(size.width()).arg(size.height())),
        project.filePath(QStringLiteral("a.png")));
    cascadeclip::ui::MainWindow window(fake->factory(), settings.get());
    window.openFolder(project.path());
    window.classModel()->addClasses(QStringLiteral("a, b, c, d, e"));
    window.loadModel(QStringLiteral("fake"));
    QTRY_VERIFY(window.controller()->hasModel());
    window.run();
    QTRY_VERIFY_WITH_TIMEOUT(window.currentDocument()->hasModelResult(), 60000);
    auto* slider = window.findChild<QSlider*>(QStringLiteral("thresholdSlider"));
    int v = 0;
    QBENCHMARK
    {
        slider->setValue(++v % 100);
    }
}

QTEST_MAIN(BenchAnnotation)
#include "bench_annotation.moc"
