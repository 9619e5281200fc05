// SPDX-License-Identifier: MIT
// The level views, NGA sliders and inspector on a real (tiny, random) model: what the window shows after a slider
// move equals a fresh segmentation with those weights, and the inspector's shares add up.
#include "TinyModel.h"
#include "ui/AnnotationDocument.h"
#include "ui/ImageCanvas.h"
#include "ui/InspectorPanel.h"
#include "ui/LevelView.h"
#include "ui/MainWindow.h"
#include "ui/NgaPanel.h"
#include "ui/Settings.h"

#include <cascadeclip/Segmenter.h>

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPainter>
#include <QSlider>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using cascadeclip::SegmentationRequest;
using cascadeclip::Segmenter;
using cascadeclip::ui::Level;
using cascadeclip::ui::LevelDisplay;
using cascadeclip::ui::MainWindow;
using cascadeclip::ui::Settings;

namespace {

QString artifactsDir()
{
    const QString dir = qEnvironmentVariable("CASCADECLIP_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

double maxDiff(const cv::Mat& a, const cv::Mat& b)
{
    return cv::norm(a, b, cv::NORM_INF);
}

} // namespace

class TestLevelsTiny : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sliderMoveEqualsAFreshRunAndInspectorAddsUp();

private:
    std::unique_ptr<Settings> m_settings;
    QTemporaryDir m_dir;
    QString m_weights;
};

void TestLevelsTiny::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const std::string vocab = std::string(CASCADECLIP_SHARED_DIR) + "/data/bpe_simple_vocab_16e6.txt.gz";
    m_weights = QString::fromStdString(
        cascadeclip::test::writeTinyModel(m_dir.filePath(QStringLiteral("model")).toStdString(), vocab));
    if (m_weights.isEmpty())
        QSKIP("the shared CLIP vocabulary is missing");
    m_settings = Settings::createTempInstance();
    m_settings->setValue(Settings::Key::ComputeThreads, 1);
    QImage img(100, 75, QImage::Format_RGB32);
    QPainter p(&img);
    p.fillRect(img.rect(), QColor(90, 150, 220));
    p.fillRect(0, 50, 100, 25, QColor(60, 140, 60));
    p.setBrush(QColor(200, 60, 40));
    p.drawEllipse(QPointF(40, 40), 15, 12);
    p.end();
    QDir().mkpath(m_dir.filePath(QStringLiteral("images")));
    QVERIFY(img.save(m_dir.filePath(QStringLiteral("images/photo.png"))));
}

void TestLevelsTiny::sliderMoveEqualsAFreshRunAndInspectorAddsUp()
{
    MainWindow window(
        [](const std::string& path, const cascadeclip::SegmenterOptions& o) { return Segmenter::load(path, o); },
        m_settings.get());
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.loadModel(m_weights);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->hasModel(), 30000);
    QVERIFY(window.openFolder(m_dir.filePath(QStringLiteral("images"))));
    auto* edit = window.findChild<QLineEdit*>(QStringLiteral("classesEdit"));
    edit->setText(QStringLiteral("cat, dog, sofa"));
    QTest::keyClick(edit, Qt::Key_Return);
    window.levelView()->setLevel(Level::Stage1);
    window.run();
    auto* doc = window.currentDocument();
    QTRY_VERIFY_WITH_TIMEOUT(doc->hasModelResult() && !window.controller()->isBusy(), 60000);
    // The sliders start at the checkpoint's weights, read from the model.
    const auto& info = window.controller()->modelInfo();
    QCOMPARE(window.ngaPanel()->weights().stage1, info.ngaStage1);
    QVERIFY(window.levelView()->hasNeededData());

    // Move block 9 and type block 5: each re-decodes from the cached features.
    window.findChild<QSlider*>(QStringLiteral("ngaSlider9"))->setValue(150);
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy() && doc->undoStack()->count() == 2, 30000);
    window.ngaPanel()->spinBox(0)->setValue(0.75);
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy() && doc->undoStack()->count() == 3, 30000);
    const auto w = window.ngaPanel()->weights();
    QCOMPARE(w.stage1[0], 0.75f);
    QCOMPARE(w.stage2[1], 1.5f);

    // What the window shows equals a fresh run of a fresh model with those weights.
    const auto fresh = Segmenter::load(m_weights.toStdString(), {"cpu", 1});
    SegmentationRequest request;
    request.classNames = {"cat", "dog", "sofa"};
    request.seen = {false, false, false};
    request.ngaStage1 = w.stage1;
    request.ngaStage2 = w.stage2;
    request.keepStageLogits = true;
    const cv::Mat bgr = cv::imread(m_dir.filePath(QStringLiteral("images/photo.png")).toStdString());
    const auto expected = fresh->segment(bgr, request, {});
    const auto& shown = window.levelView()->result();
    for (size_t st = 0; st < 3; ++st)
        for (size_t c = 0; c < 3; ++c)
            QVERIFY2(maxDiff(shown.stageLogits[st][c], expected.stageLogits[st][c]) <= 1e-5,
                qPrintable(QStringLiteral("stage %1 class %2").arg(st + 1).arg(c)));
    QCOMPARE(cv::countNonZero(shown.labels != expected.labels), 0);
    QCOMPARE(cv::countNonZero(window.levelView()->levelLabels(Level::Stage1)
                 != cascadeclip::render::stageLabels(expected.stageLogits[0], 0.0f)),
        0);

    // Inspect a pixel: blocks + bias = stage, stages = fused logit, and the stage values match the level maps.
    auto* canvas = window.canvas();
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::AltModifier, canvas->imageToWidget(QPointF(40.5, 40.5)).toPoint());
    QTRY_COMPARE_WITH_TIMEOUT(window.inspectorPanel()->entryCount(), 1, 30000);
    const auto& inspection = window.inspectorPanel()->entry(0).inspection;
    QCOMPARE(inspection.classes.size(), size_t(3));
    for (size_t c = 0; c < 3; ++c) {
        const auto& ci = inspection.classes[c];
        QVERIFY(std::abs(ci.stageLogits[0] + ci.stageLogits[1] + ci.stageLogits[2] - ci.logit) < 1e-4f);
        for (size_t st = 0; st < 2; ++st) {
            const auto& b = ci.blockShares[st];
            QVERIFY(std::abs(b[0] + b[1] + b[2] + ci.stageBias[st] - ci.stageLogits[st]) < 1e-4f);
        }
        for (size_t st = 0; st < 3; ++st)
            QVERIFY2(std::abs(ci.stageLogits[st] - shown.stageLogits[st][c].at<float>(40, 40)) < 1e-3f,
                qPrintable(QStringLiteral("stage %1 class %2: %3 vs %4")
                               .arg(st + 1)
                               .arg(c)
                               .arg(ci.stageLogits[st])
                               .arg(shown.stageLogits[st][c].at<float>(40, 40))));
    }
    window.levelView()->setDisplay(LevelDisplay::Logit);
    window.levelView()->setLevel(Level::FourUp);
    QTRY_VERIFY_WITH_TIMEOUT(window.levelView()->hasNeededData() && !window.controller()->isBusy(), 30000);
    QVERIFY(window.grab().save(artifactsDir() + QStringLiteral("/levels_tiny_model_four_up.png")));
    window.close();
}

QTEST_MAIN(TestLevelsTiny)
#include "tst_levels_tiny.moc"
