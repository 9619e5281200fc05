// SPDX-License-Identifier: MIT
// Cascade inspection in the GUI, offscreen with the FakeSegmenter: level views (labels, heatmaps, four-up), the NGA
// panel's live and coalesced re-decodes with undo, and the pixel inspector; screenshots of each.
#include "FakeSegmenter.h"
#include "GuiTest.h"
#include "ui/AnnotationDocument.h"
#include "ui/ClassListModel.h"
#include "ui/ImageCanvas.h"
#include "ui/InspectorPanel.h"
#include "ui/LevelView.h"
#include "ui/MainWindow.h"
#include "ui/NgaPanel.h"
#include "ui/SegmentationController.h"
#include "ui/Settings.h"

#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <opencv2/core.hpp>

#include <cmath>

using namespace std::chrono_literals;
using cascadeclip::SegmentationRequest;
using cascadeclip::test::FakeControl;
using cascadeclip::test::FakeScript;
using cascadeclip::test::FakeSegmenter;
using cascadeclip::ui::AnnotationDocument;
using cascadeclip::ui::ImageCanvas;
using cascadeclip::ui::InspectorPanel;
using cascadeclip::ui::Level;
using cascadeclip::ui::LevelDisplay;
using cascadeclip::ui::LevelView;
using cascadeclip::ui::MainWindow;
using cascadeclip::ui::NgaPanel;
using cascadeclip::ui::NgaWeights;
using cascadeclip::ui::SegmentationController;
using cascadeclip::ui::Settings;
using cascadeclip::ui::test::drag;
using cascadeclip::ui::test::find;

namespace {

const QString kModel = QStringLiteral("/models/voc-fake.safetensors");

// Sky, grass, a red house with a dark roof and a sun.
QImage scene()
{
    QImage img(320, 240, QImage::Format_RGB32);
    QPainter p(&img);
    QLinearGradient sky(0, 0, 0, 170);
    sky.setColorAt(0, QColor(110, 170, 235));
    sky.setColorAt(1, QColor(175, 210, 240));
    p.fillRect(0, 0, 320, 170, sky);
    p.fillRect(0, 170, 320, 70, QColor(70, 140, 60));
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(250, 215, 80));
    p.drawEllipse(QPointF(262, 48), 22, 22);
    p.setBrush(QColor(190, 60, 50));
    p.drawRect(50, 110, 90, 62);
    p.setBrush(QColor(80, 50, 45));
    p.drawPolygon(QPolygonF({QPointF(42, 112), QPointF(95, 74), QPointF(148, 112)}));
    return img;
}

QString artifactsDir()
{
    const QString dir = qEnvironmentVariable("CASCADECLIP_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

QColor colormapColor(float value, cascadeclip::render::ValueRange range)
{
    const auto& c = cascadeclip::render::colormap()[size_t(cascadeclip::render::colormapIndex(value, range))];
    return QColor(c[0], c[1], c[2]);
}

} // namespace

class TestLevels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void controllerCoalescesLiveRedecodes();
    void controllerInspectsWithoutCancellingTheRunningJob();
    void levelViewsShowEachStagesLabels();
    void heatmapWithColorBarAndFourUp();
    void slidersRedecodeCoalescedAndUndoAsOneStep();
    void gaussianPresetAndReset();
    void inspectorBarsPinsAndCsv();

private:
    std::unique_ptr<MainWindow> makeWindow();
    /// Loads the fake model, opens the project and segments the scene with four classes.
    void segmentScene(MainWindow& window);

    std::unique_ptr<Settings> m_settings;
    std::shared_ptr<FakeControl> m_fake;
    std::unique_ptr<QTemporaryDir> m_project;
};

void TestLevels::initTestCase()
{
    m_settings = Settings::createTempInstance();
}

void TestLevels::init()
{
    m_settings->resetToDefaults();
    m_settings->setValue(Settings::Key::AutosaveDelayMs, 50);
    m_fake = std::make_shared<FakeControl>();
    m_project = std::make_unique<QTemporaryDir>();
    QVERIFY(m_project->isValid());
    QVERIFY(scene().save(m_project->filePath(QStringLiteral("scene.png"))));
}

std::unique_ptr<MainWindow> TestLevels::makeWindow()
{
    auto window = std::make_unique<MainWindow>(m_fake->factory(), m_settings.get());
    window->resize(1400, 860);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}

void TestLevels::segmentScene(MainWindow& w)
{
    MainWindow* window = &w;
    window->loadModel(kModel);
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->hasModel(), 5000);
    if (!window->openFolder(m_project->path()))
        qWarning("could not open the project");
    auto* edit = find<QLineEdit>(*window, "classesEdit");
    edit->setText(QStringLiteral("sky, house, grass, sun"));
    QTest::keyClick(edit, Qt::Key_Return);
    window->run();
    AnnotationDocument* doc = window->currentDocument();
    QTRY_VERIFY_WITH_TIMEOUT(doc && doc->hasModelResult(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->controller()->isBusy(), 5000);
}

// ----------------------------------------------------------------------------------------------- the controller

void TestLevels::controllerCoalescesLiveRedecodes()
{
    SegmentationController controller(m_fake->factory());
    QSignalSpy loaded(&controller, &SegmentationController::modelLoaded);
    controller.loadModel(kModel, {});
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 5000);
    QSignalSpy finished(&controller, &SegmentationController::finished);
    QSignalSpy canceled(&controller, &SegmentationController::canceled);
    cv::Mat bgr(40, 50, CV_8UC3, cv::Scalar(30, 120, 200));
    SegmentationRequest request;
    request.classNames = {"a", "b"};
    controller.segment(QStringLiteral("x.png"), bgr, request);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);

    FakeScript script;
    script.blockRedecodeUntilReleased = true;
    m_fake->setScript(script);
    // A slider drag: five requests while the first still runs.
    std::vector<quint64> ids;
    for (int i = 1; i <= 5; ++i) {
        request.ngaStage1 = std::array<float, 3> {0.1f * float(i), 0.5f, 1.0f};
        ids.push_back(controller.redecodeCoalesced(QStringLiteral("x.png"), request));
    }
    QVERIFY(m_fake->waitUntilBlocked(5000ms));
    // The first runs, the last waits, the three between were replaced without ever running.
    QCOMPARE(controller.waitingJob(), ids.back());
    QTRY_COMPARE_WITH_TIMEOUT(canceled.count(), 3, 2000);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(canceled.at(i).at(0).toULongLong(), ids[size_t(i) + 1]);
    QCOMPARE(m_fake->redecodeRequests().size(), size_t(1));
    m_fake->release();
    // The running job's result arrives (views update during the drag), then the waiting one starts.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 5000);
    QCOMPARE(finished.at(1).at(0).toULongLong(), ids.front());
    QVERIFY(m_fake->waitUntilBlocked(5000ms));
    m_fake->release();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 5000);
    QCOMPARE(finished.at(2).at(0).toULongLong(), ids.back());
    const auto requests = m_fake->redecodeRequests();
    QCOMPARE(requests.size(), size_t(2));
    QCOMPARE(requests[0].ngaStage1->at(0), 0.1f);
    QCOMPARE(requests[1].ngaStage1->at(0), 0.5f);
    QVERIFY(!controller.isBusy());

    // Cancel drops a waiting request too.
    request.ngaStage1.reset();
    controller.redecodeCoalesced(QStringLiteral("x.png"), request);
    QVERIFY(m_fake->waitUntilBlocked(5000ms));
    const quint64 waiting = controller.redecodeCoalesced(QStringLiteral("x.png"), request);
    QCOMPARE(controller.waitingJob(), waiting);
    controller.cancel();
    QCOMPARE(controller.waitingJob(), quint64(0));
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), 5000);
    QCOMPARE(m_fake->redecodeRequests().size(), size_t(3));
}

void TestLevels::controllerInspectsWithoutCancellingTheRunningJob()
{
    SegmentationController controller(m_fake->factory());
    QSignalSpy loaded(&controller, &SegmentationController::modelLoaded);
    controller.loadModel(kModel, {});
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 5000);
    QSignalSpy finished(&controller, &SegmentationController::finished);
    QSignalSpy inspected(&controller, &SegmentationController::inspected);
    QSignalSpy failed(&controller, &SegmentationController::inspectFailed);
    SegmentationRequest request;
    request.classNames = {"a", "b", "c"};
    // Before any segmentation: a failure naming the reason.
    const quint64 early = controller.inspect(1, 1, request);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QCOMPARE(failed.at(0).at(0).toULongLong(), early);
    QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("before segment")));
    cv::Mat bgr(40, 50, CV_8UC3);
    cv::randu(bgr, 0, 255);
    controller.segment(QStringLiteral("x.png"), bgr, request);
    const quint64 id = controller.inspect(10, 20, request);
    QTRY_COMPARE_WITH_TIMEOUT(inspected.count(), 1, 5000);
    QCOMPARE(finished.count(), 1); // the segmentation was not superseded
    QCOMPARE(inspected.at(0).at(0).toULongLong(), id);
    const auto result = inspected.at(0).at(1).value<cascadeclip::PixelInspection>();
    QCOMPARE(result.x, 10);
    QCOMPARE(result.classes.size(), size_t(3));
}

// ------------------------------------------------------------------------------------------------- level views

void TestLevels::levelViewsShowEachStagesLabels()
{
    auto window = makeWindow();
    segmentScene(*window);
    if (QTest::currentTestFailed())
        return;
    LevelView* levels = window->levelView();
    QVERIFY(levels && levels->hasResult());
    // The plain run did not ask for stage logits; switching to a stage re-decodes once with them.
    QVERIFY(!m_fake->lastRequest().keepStageLogits);
    const int before = m_fake->redecodeCalls.load();
    auto* combo = find<QComboBox>(*window, "levelViewCombo");
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(int(Level::Stage1)));
    Q_EMIT combo->activated(combo->currentIndex());
    QCOMPARE(levels->level(), Level::Stage1);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->redecodeCalls.load(), before + 1, 5000);
    QVERIFY(m_fake->lastRequest().keepStageLogits);
    QTRY_VERIFY_WITH_TIMEOUT(levels->hasNeededData(), 5000);

    // The fake's stage 1 prefers the class before the fused winner, stage 2 the one two before (FakeSegmenter).
    const auto& result = levels->result();
    const int k = int(result.classNames.size());
    const cv::Mat fused = result.labels;
    ImageCanvas* canvas = window->canvas();
    const auto colorOf = [&](int cls) { return window->classModel()->at(cls).color; };
    for (const Level level : {Level::Stage1, Level::Stage2, Level::Stage3}) {
        levels->setLevel(level);
        const cv::Mat stage = levels->levelLabels(level);
        QCOMPARE(stage.size(), fused.size());
        if (level != Level::Stage3) {
            const int shift = level == Level::Stage1 ? 1 : 2;
            int agree = 0;
            for (int y = 0; y < fused.rows; ++y)
                for (int x = 0; x < fused.cols; ++x)
                    agree += stage.at<std::uint16_t>(y, x) == (fused.at<std::uint16_t>(y, x) + k - shift) % k;
            QCOMPARE(agree, int(fused.total()));
        }
        // The canvas overlay draws exactly that stage's labels in the class colours.
        for (const QPoint p : {QPoint(20, 20), QPoint(20, 220), QPoint(95, 150), QPoint(262, 48)}) {
            const int cls = stage.at<std::uint16_t>(p.y(), p.x());
            QCOMPARE(QColor(canvas->overlay().pixel(p)), colorOf(cls));
        }
    }
    levels->setLevel(Level::Stage1);
    QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/levels_stage1_labels.png")));
    // Back to the annotation: the editable composite again.
    levels->setLevel(Level::Annotation);
    AnnotationDocument* doc = window->currentDocument();
    const std::uint16_t id = doc->labelAt(QPoint(20, 220), window->threshold());
    QCOMPARE(QColor(canvas->overlay().pixel(20, 220)), colorOf(window->classModel()->rowOfId(id)));
}

void TestLevels::heatmapWithColorBarAndFourUp()
{
    auto window = makeWindow();
    segmentScene(*window);
    if (QTest::currentTestFailed())
        return;
    LevelView* levels = window->levelView();
    levels->setLevel(Level::Fused);
    levels->setDisplay(LevelDisplay::Probability);
    QTRY_VERIFY_WITH_TIMEOUT(levels->hasNeededData(), 5000);
    QVERIFY(m_fake->lastRequest().keepProbabilities);
    // The heatmap follows the class selected in the Classes panel.
    auto* classList = find<QListView>(*window, "classListView");
    classList->setCurrentIndex(window->classModel()->index(2));
    QCOMPARE(levels->heatClass(), 2);
    levels->setHeatClass(0); // sky
    ImageCanvas* canvas = window->canvas();
    const auto& result = levels->result();
    // Each pixel's colour is the colour map's entry for its probability, so brighter means more probable.
    for (const QPoint p : {QPoint(20, 20), QPoint(20, 220), QPoint(95, 150)}) {
        const float v = result.probabilities[0].at<float>(p.y(), p.x());
        QCOMPARE(QColor(canvas->overlay().pixel(p)), colormapColor(v, cascadeclip::render::kProbabilityRange));
    }
    QVERIFY(qGray(canvas->overlay().pixel(20, 20)) > qGray(canvas->overlay().pixel(20, 220)));
    auto* bar = levels->canvasColorBar();
    QVERIFY(bar->isVisible());
    QVERIFY(bar->title().contains(QStringLiteral("sky")));
    QVERIFY(bar->title().contains(QStringLiteral("probability")));
    QCOMPARE(bar->range().max, 1.0f);
    window->canvas()->setOverlayOpacity(0.85);
    QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/levels_heatmap_colorbar.png")));

    // Logit of stage 2: the colour bar spans the map's own range.
    levels->setLevel(Level::Stage2);
    levels->setDisplay(LevelDisplay::Logit);
    QTRY_VERIFY_WITH_TIMEOUT(levels->hasNeededData(), 5000);
    const cv::Mat s2 = levels->result().stageLogits[1][0];
    double lo = 0, hi = 0;
    cv::minMaxLoc(s2, &lo, &hi);
    QCOMPARE(bar->range().min, float(lo));
    QCOMPARE(bar->range().max, float(hi));

    // Four-up: all four levels side by side, zoom and pan follow each other.
    levels->setDisplay(LevelDisplay::Labels);
    levels->setLevel(Level::FourUp);
    QTRY_VERIFY_WITH_TIMEOUT(levels->hasNeededData(), 5000);
    auto* stack = find<QStackedWidget>(*window, "centralStack");
    QCOMPARE(stack->currentWidget(), levels->fourUpWidget());
    for (int i = 0; i < 4; ++i)
        QVERIFY(!levels->pane(i)->canvas()->overlay().isNull());
    // Pane 1 shows stage 1, pane 4 the fused labels.
    const cv::Mat s1 = levels->levelLabels(Level::Stage1);
    QCOMPARE(QColor(levels->pane(0)->canvas()->overlay().pixel(20, 220)),
        window->classModel()->at(s1.at<std::uint16_t>(220, 20)).color);
    QVERIFY(levels->pane(3)->titleLabel()->text().contains(QStringLiteral("Fused")));
    ImageCanvas* first = levels->pane(0)->canvas();
    first->setView(3.0, QPointF(80, 120));
    for (int i = 1; i < 4; ++i) {
        QCOMPARE(levels->pane(i)->canvas()->zoom(), 3.0);
        QVERIFY((levels->pane(i)->canvas()->viewCenter() - QPointF(80, 120)).manhattanLength() < 1.0);
    }
    first->fitToWindow();
    QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/levels_four_up.png")));
    levels->setDisplay(LevelDisplay::Probability);
    QTRY_VERIFY_WITH_TIMEOUT(levels->hasNeededData(), 5000);
    QVERIFY(levels->pane(0)->colorBar()->isVisible());
    QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/levels_four_up_heatmap.png")));
    levels->setLevel(Level::Annotation);
    QCOMPARE(stack->currentWidget(), static_cast<QWidget*>(window->canvas()));
}

// ----------------------------------------------------------------------------------------------------- NGA panel

void TestLevels::slidersRedecodeCoalescedAndUndoAsOneStep()
{
    auto window = makeWindow();
    segmentScene(*window);
    if (QTest::currentTestFailed())
        return;
    NgaPanel* panel = window->ngaPanel();
    // The sliders start at the checkpoint's learned values.
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(panel->weights().at(i), FakeSegmenter::kCheckpointNga[size_t(i % 3)]);
        QVERIFY(std::abs(panel->spinBox(i)->value() - FakeSegmenter::kCheckpointNga[size_t(i % 3)]) < 1e-6);
    }
    AnnotationDocument* doc = window->currentDocument();
    QCOMPARE(doc->undoStack()->count(), 1);

    FakeScript script;
    script.blockRedecodeUntilReleased = true;
    m_fake->setScript(script);
    const size_t before = m_fake->redecodeRequests().size();
    auto* slider = find<QSlider>(*window, "ngaSlider6");
    QVERIFY(slider);
    slider->setSliderDown(true);
    for (int v : {40, 55, 70, 85, 120})
        slider->setValue(v);
    QVERIFY(m_fake->waitUntilBlocked(5000ms));
    // One re-decode runs (the first move), one waits (the last); the moves between were never queued.
    QCOMPARE(m_fake->redecodeRequests().size(), before + 1);
    QCOMPARE(window->controller()->waitingJob() != 0, true);
    m_fake->release();
    // The first result reaches the window (the views update mid-drag), then the waiting request starts.
    QTRY_COMPARE_WITH_TIMEOUT(doc->undoStack()->count(), 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_fake->waitUntilBlocked(10ms), 5000);
    m_fake->release();
    QTRY_VERIFY_WITH_TIMEOUT(!window->controller()->isBusy(), 5000);
    slider->setSliderDown(false);
    const auto requests = m_fake->redecodeRequests();
    QCOMPARE(requests.size(), before + 2);
    // Exactly the slider's weights: block 6 moved, the others at the checkpoint's values.
    const auto& last = requests.back();
    QVERIFY(last.ngaStage1 && last.ngaStage2);
    QCOMPARE(*last.ngaStage1, (std::array<float, 3> {0.2f, 1.2f, 0.5f}));
    QCOMPARE(*last.ngaStage2, FakeSegmenter::kCheckpointNga);
    QCOMPARE(requests[before].ngaStage1->at(1), 0.4f);
    QCOMPARE(panel->weights().stage1[1], 1.2f);
    QCOMPARE(panel->spinBox(1)->value(), 1.2);

    // The drag is one undo step that holds the weights; undo brings back the checkpoint's on the sliders.
    QCOMPARE(doc->undoStack()->count(), 2);
    QVERIFY(doc->ngaWeights().has_value());
    QCOMPARE(doc->ngaWeights()->stage1[1], 1.2f);
    QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/levels_nga_panel.png")));
    m_fake->setScript({});
    doc->undoStack()->undo();
    QVERIFY(!doc->ngaWeights().has_value());
    QCOMPARE(panel->weights().stage1[1], FakeSegmenter::kCheckpointNga[1]);
    doc->undoStack()->redo();
    QCOMPARE(panel->spinBox(1)->value(), 1.2);

    // A typed value is its own step, and autosave writes the weights into the sidecar.
    panel->spinBox(5)->setValue(0.75);
    QTRY_VERIFY_WITH_TIMEOUT(!window->controller()->isBusy() && doc->undoStack()->count() == 3, 5000);
    QCOMPARE(m_fake->redecodeRequests().back().ngaStage2->at(2), 0.75f);
    QTRY_VERIFY_WITH_TIMEOUT(!doc->isModified(), 5000);
    QFile sidecar(AnnotationDocument::sidecarPath(
        m_project->filePath(QStringLiteral("annotations")), QStringLiteral("scene.png")));
    QVERIFY(sidecar.open(QIODevice::ReadOnly));
    const QJsonArray nga = QJsonDocument::fromJson(sidecar.readAll()).object().value(QStringLiteral("nga")).toArray();
    QCOMPARE(nga.size(), 6);
    QCOMPARE(float(nga.at(1).toDouble()), 1.2f);
    QCOMPARE(float(nga.at(5).toDouble()), 0.75f);
}

void TestLevels::gaussianPresetAndReset()
{
    auto window = makeWindow();
    segmentScene(*window);
    if (QTest::currentTestFailed())
        return;
    NgaPanel* panel = window->ngaPanel();
    QCOMPARE(panel->sigma(), 1.0);
    auto* sigma = find<QSlider>(*window, "ngaSigmaSlider");
    sigma->setValue(10); // σ = 0.5
    QCOMPARE(panel->sigma(), 0.5);
    QTest::mouseClick(find<QPushButton>(*window, "ngaGaussianButton"), Qt::LeftButton);
    // exp(-d²/2σ²), d = 2, 1, 0 blocks to the stage's last block.
    const std::array<double, 3> expected {std::exp(-8.0), std::exp(-2.0), 1.0};
    for (int i = 0; i < 6; ++i)
        QVERIFY2(std::abs(panel->weights().at(i) - expected[size_t(i % 3)]) < 1e-6, qPrintable(QString::number(i)));
    QCOMPARE(panel->spinBox(1)->value(), 0.135); // shown to 3 decimals
    QTRY_VERIFY_WITH_TIMEOUT(!window->controller()->isBusy(), 5000);
    const SegmentationRequest preset = m_fake->redecodeRequests().back();
    QCOMPARE(preset.ngaStage1->at(0), float(std::exp(-8.0)));
    QCOMPARE(preset.ngaStage2->at(1), float(std::exp(-2.0)));
    // σ = 1 is the official initialisation.
    QCOMPARE(NgaWeights::gaussian(1.0).stage1, (std::array<float, 3> {0.13533528f, 0.60653066f, 1.0f}));

    auto* reset = find<QPushButton>(*window, "ngaResetButton");
    QVERIFY(reset->isEnabled());
    QTest::mouseClick(reset, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!window->controller()->isBusy(), 5000);
    QVERIFY(!reset->isEnabled());
    QCOMPARE(panel->weights().stage1, FakeSegmenter::kCheckpointNga);
    // Back at the checkpoint the request leaves the weights unset, so the model uses its own, bit for bit.
    QVERIFY(!m_fake->redecodeRequests().back().ngaStage1.has_value());
    QVERIFY(!window->currentDocument()->ngaWeights().has_value());
}

// ----------------------------------------------------------------------------------------------------- inspector

void TestLevels::inspectorBarsPinsAndCsv()
{
    auto window = makeWindow();
    segmentScene(*window);
    if (QTest::currentTestFailed())
        return;
    InspectorPanel* inspector = window->inspectorPanel();
    ImageCanvas* canvas = window->canvas();
    const int strokesBefore = window->currentDocument()->undoStack()->count();
    // Alt+click with the brush inspects and does not paint.
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::AltModifier, canvas->imageToWidget(QPointF(20.5, 20.5)).toPoint());
    QTRY_COMPARE_WITH_TIMEOUT(inspector->entryCount(), 1, 5000);
    QCOMPARE(window->currentDocument()->undoStack()->count(), strokesBefore);
    QCOMPARE(m_fake->inspectCalls.load(), 1);
    const auto& first = inspector->entry(0);
    QCOMPARE(first.inspection.x, 20);
    QCOMPARE(first.inspection.y, 20);
    QCOMPARE(first.classNames,
        QStringList({QStringLiteral("sky"), QStringLiteral("house"), QStringLiteral("grass"), QStringLiteral("sun")}));
    for (const auto& c : first.inspection.classes) {
        // The stages add up to the fused logit, and the blocks (plus bias) to their stage.
        QVERIFY(std::abs(c.stageLogits[0] + c.stageLogits[1] + c.stageLogits[2] - c.logit) < 1e-4f);
        for (int st = 0; st < 2; ++st) {
            const auto& b = c.blockShares[size_t(st)];
            QVERIFY(std::abs(b[0] + b[1] + b[2] + c.stageBias[size_t(st)] - c.stageLogits[size_t(st)]) < 1e-4f);
        }
    }
    // The chart draws the bars: at the sky row, the biggest part is painted right of zero in its part colour.
    auto* chart = inspector->chart();
    QTRY_VERIFY_WITH_TIMEOUT(chart->isVisible(), 2000);
    const QImage picture = chart->grab().toImage();
    const auto& sky = first.inspection.classes[0];
    const double x5 = chart->zeroX() + sky.blockShares[0][0] * chart->scale() / 2;
    const int rowMiddle = chart->rowTop(0) + 15;
    QCOMPARE(QColor(picture.pixel(int(x5), rowMiddle)),
        cascadeclip::ui::InspectorChart::partColor(sky.blockShares[0][0] != 0 ? 0 : 8));

    // Pin it, inspect another pixel with the Inspect tool (I): two entries, the new one selected.
    QTest::mouseClick(find<QPushButton>(*window, "inspectorPinButton"), Qt::LeftButton);
    QVERIFY(inspector->entry(0).pinned);
    QTest::keyClick(canvas, Qt::Key_I);
    QCOMPARE(canvas->tool(), ImageCanvas::Tool::Inspect);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->imageToWidget(QPointF(95.5, 150.5)).toPoint());
    QTRY_COMPARE_WITH_TIMEOUT(inspector->entryCount(), 2, 5000);
    // A third click replaces the unpinned one.
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->imageToWidget(QPointF(20.5, 220.5)).toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(inspector->entryCount() == 2 && inspector->entry(1).inspection.y == 220, 5000);
    QCOMPARE(inspector->selectedRow(), 1);
    // Both pixels are marked on the canvas, the selected one highlighted.
    QCOMPARE(canvas->markers(), (QList<QPoint> {QPoint(20, 20), QPoint(20, 220)}));
    auto* list = find<QListWidget>(*window, "inspectorPixelList");
    QVERIFY(list->item(0)->text().contains(QStringLiteral("pinned")));
    // Each item names the pixel's most probable class.
    const auto& second = inspector->entry(1);
    const auto best = std::max_element(second.inspection.classes.begin(), second.inspection.classes.end(),
        [](const auto& a, const auto& b) { return a.probability < b.probability; });
    const QString bestName = second.classNames.at(int(best - second.inspection.classes.begin()));
    QVERIFY2(list->item(1)->text().contains(bestName), qPrintable(list->item(1)->text()));
    QVERIFY(list->item(1)->text().contains(QStringLiteral("x 20, y 220")));

    // CSV: a header and one row per pixel and class, numbers in C locale.
    QTest::mouseClick(find<QPushButton>(*window, "inspectorCopyCsvButton"), Qt::LeftButton);
    const QString csv = QGuiApplication::clipboard()->text();
    QCOMPARE(csv, inspector->csv());
    const QStringList lines = csv.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 1 + 2 * 4);
    QVERIFY(lines[0].startsWith(QStringLiteral("x,y,class,probability,logit,stage1,stage2,stage3,block5")));
    const QStringList row = lines[1].split(QLatin1Char(','));
    QCOMPARE(row.size(), 22);
    QCOMPARE(row[0], QStringLiteral("20"));
    QCOMPARE(row[2], QStringLiteral("sky"));
    QCOMPARE(row[4].toFloat(), sky.logit);
    QCOMPARE(row[5].toFloat(), sky.stageLogits[0]);
    QCOMPARE(row[16].toFloat(), FakeSegmenter::kCheckpointNga[0]);
    QVERIFY(lines[8].startsWith(QStringLiteral("20,220,sun,")));

    auto* dock = find<QDockWidget>(*window, "inspectorDock");
    QVERIFY(dock->isVisible());
    QVERIFY(dock->grab().save(artifactsDir() + QStringLiteral("/levels_inspector.png")));
    QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/levels_inspector_window.png")));
    // Remove drops the selected entry.
    QTest::mouseClick(find<QPushButton>(*window, "inspectorRemoveButton"), Qt::LeftButton);
    QCOMPARE(inspector->entryCount(), 1);
}

QTEST_MAIN(TestLevels)
#include "tst_levels.moc"
