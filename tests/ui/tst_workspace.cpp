// SPDX-License-Identifier: MIT
// GUI flow tests: a real MainWindow with the FakeSegmenter, driven by keys and mouse, offscreen.
#include "FakeSegmenter.h"
#include "GuiTest.h"
#include "ui/AnnotationDocument.h"
#include "ui/ClassListModel.h"
#include "ui/ImageCanvas.h"
#include "ui/ImageListModel.h"
#include "ui/Logging.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"
#include "ui/Project.h"
#include "ui/Settings.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <opencv2/core.hpp>

using namespace std::chrono_literals;
using cascadeclip::ErrorCode;
using cascadeclip::kUnlabeled;
using cascadeclip::test::FakeControl;
using cascadeclip::test::FakeScript;
using cascadeclip::ui::AnnotationDocument;
using cascadeclip::ui::ImageCanvas;
using cascadeclip::ui::MainWindow;
using cascadeclip::ui::MessageWidget;
using cascadeclip::ui::Settings;
using cascadeclip::ui::test::drag;
using cascadeclip::ui::test::find;

namespace {

const QString kModel = QStringLiteral("/models/voc-fake.safetensors");

// A small outdoor scene: sky, grass, a red house with a dark roof and a sun. `variant` shifts the house.
QImage scene(int variant)
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
    const int x = 50 + variant * 40;
    p.setBrush(QColor(190, 60, 50));
    p.drawRect(x, 110, 90, 62);
    p.setBrush(QColor(80, 50, 45));
    p.drawPolygon(QPolygonF({QPointF(x - 8, 112), QPointF(x + 45, 74), QPointF(x + 98, 112)}));
    return img;
}

QString artifactsDir()
{
    const QString dir = qEnvironmentVariable("CASCADECLIP_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void typeRunPaintUndoAutosaveReopen();
    void movedProjectFolderKeepsItsMasks();
    void nextAndPreviousWithDAndA();
    void zoomAndMaskShortcuts();
    void cancelFromTheToolbar();
    void newRunSupersedesTheRunningOne();
    void segmentationFailureIsShownInlineWithTheFileName();
    void runWithoutModelOrClassesExplainsWhatIsMissing();
    void modelLoadFailureNamesTheModelFile();
    void logPanelShowsMessages();
    void contourModeDrawsOnlyRegionEdges();
    void spaceDragPans();
    void fillToolAndClassPanelButtons();
    void doneStateSurvivesReopening();
    void modelClassesComeWithTheirSeenFlags();
    void subtractPolygonWithShiftP();
    void unreadableImageIsReportedInline();
    void unreadableProjectFileIsLeftAlone();
    void destroyingTheWindowSavesPendingEdits();

private:
    std::unique_ptr<MainWindow> makeWindow();
    void openAndLoad(MainWindow& window);
    void typeClasses(MainWindow& window, const QString& text);

    std::unique_ptr<Settings> m_settings;
    std::shared_ptr<FakeControl> m_fake;
    std::unique_ptr<QTemporaryDir> m_project;
};

void TestWorkspace::initTestCase()
{
    m_settings = Settings::createTempInstance();
}

void TestWorkspace::init()
{
    m_settings->resetToDefaults();
    m_settings->setValue(Settings::Key::AutosaveDelayMs, 50);
    m_fake = std::make_shared<FakeControl>();
    m_project = std::make_unique<QTemporaryDir>();
    QVERIFY(m_project->isValid());
    for (int i = 0; i < 3; ++i)
        QVERIFY(scene(i).save(m_project->filePath(QStringLiteral("scene%1.png").arg(i + 1))));
}

void TestWorkspace::cleanup()
{
    m_project.reset();
}

std::unique_ptr<MainWindow> TestWorkspace::makeWindow()
{
    auto window = std::make_unique<MainWindow>(m_fake->factory(), m_settings.get());
    window->resize(1280, 800);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active; shortcuts may not fire");
    return window;
}

void TestWorkspace::openAndLoad(MainWindow& window)
{
    window.loadModel(kModel);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->hasModel(), 5000);
    QVERIFY(window.openFolder(m_project->path()));
    QCOMPARE(window.imageModel()->count(), 3);
    QVERIFY(window.currentDocument());
}

void TestWorkspace::typeClasses(MainWindow& window, const QString& text)
{
    auto* edit = find<QLineEdit>(window, "classesEdit");
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestWorkspace::typeRunPaintUndoAutosaveReopen()
{
    cv::Mat savedLabels;
    {
        auto window = makeWindow();
        openAndLoad(*window);
        typeClasses(*window, QStringLiteral("sky, house, grass"));
        QCOMPARE(window->classModel()->names(),
            QStringList({QStringLiteral("sky"), QStringLiteral("house"), QStringLiteral("grass")}));

        auto* run = find<QPushButton>(*window, "runButton");
        QVERIFY(run && run->isEnabled());
        QTest::mouseClick(run, Qt::LeftButton);
        AnnotationDocument* doc = window->currentDocument();
        QTRY_VERIFY_WITH_TIMEOUT(doc->hasModelResult(), 5000);
        QCOMPARE(m_fake->lastRequest().classNames, (std::vector<std::string> {"sky", "house", "grass"}));
        // Sky at the top, grass at the bottom, house in the middle, as class ids of the panel.
        const auto idOf = [&](const char* name) {
            return window->classModel()->at(window->classModel()->rowOfName(QString::fromLatin1(name))).id;
        };
        QCOMPARE(doc->labelAt(QPoint(20, 20), 0.0f), idOf("sky"));
        QCOMPARE(doc->labelAt(QPoint(20, 220), 0.0f), idOf("grass"));
        QCOMPARE(doc->labelAt(QPoint(95, 150), 0.0f), idOf("house"));
        // The overlay shows the class colour.
        ImageCanvas* canvas = window->canvas();
        QCOMPARE(QColor(canvas->overlay().pixel(20, 220)), window->classModel()->at(2).color);
        QVERIFY(!find<QProgressBar>(*window, "runProgressBar")->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/main_window_segmented.png")));

        // Threshold: live, from the confidence map, no new model run.
        const int segmentsBefore = m_fake->segmentCalls.load() + m_fake->redecodeCalls.load();
        const int unlabeledAt0 = cv::countNonZero(doc->composite(window->threshold()) == kUnlabeled);
        auto* slider = find<QSlider>(*window, "thresholdSlider");
        slider->setValue(90);
        const int unlabeledAt90 = cv::countNonZero(doc->composite(window->threshold()) == kUnlabeled);
        QVERIFY2(
            unlabeledAt90 > unlabeledAt0, qPrintable(QStringLiteral("%1 %2").arg(unlabeledAt0).arg(unlabeledAt90)));
        std::vector<cv::Point> hidden;
        cv::findNonZero(doc->composite(window->threshold()) == kUnlabeled, hidden);
        QVERIFY(!hidden.empty());
        const QPoint p(hidden.front().x, hidden.front().y);
        QCOMPARE(qAlpha(canvas->overlay().pixel(p)), 0);
        slider->setValue(0);
        QCOMPARE(qAlpha(canvas->overlay().pixel(p)), 255);
        QCOMPARE(m_fake->segmentCalls.load() + m_fake->redecodeCalls.load(), segmentsBefore);

        // Paint "house" (key 2) over the sky with the brush, then undo and redo with the keyboard.
        QTest::keyClick(canvas, Qt::Key_2);
        QTest::keyClick(canvas, Qt::Key_B);
        QCOMPARE(canvas->tool(), ImageCanvas::Tool::Brush);
        QTest::keyClick(canvas, Qt::Key_BracketLeft); // 12 -> 9 px
        QCOMPARE(canvas->brushRadius(), 9);
        drag(canvas, QPointF(200, 30), QPointF(230, 30));
        QCOMPARE(doc->labelAt(QPoint(215, 30), 0.0f), idOf("house"));
        QCOMPARE(QColor(canvas->overlay().pixel(215, 30)), window->classModel()->at(1).color);
        QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->labelAt(QPoint(215, 30), 0.0f), idOf("sky"));
        QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(doc->labelAt(QPoint(215, 30), 0.0f), idOf("house"));
        QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(canvas, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(doc->labelAt(QPoint(215, 30), 0.0f), idOf("house"));

        // Undo reaches back to the model result itself.
        QCOMPARE(doc->undoStack()->count(), 2);

        // Eraser (E) leaves pixels unlabeled.
        QTest::keyClick(canvas, Qt::Key_E);
        drag(canvas, QPointF(20, 200), QPointF(40, 200));
        QCOMPARE(doc->labelAt(QPoint(30, 200), 0.0f), kUnlabeled);

        // Polygon (P): three clicks, Enter closes it and paints it with the current class (grass, key 3).
        QTest::keyClick(canvas, Qt::Key_3);
        QTest::keyClick(canvas, Qt::Key_P);
        const QPointF poly[] = {QPointF(250, 120), QPointF(300, 120), QPointF(300, 160)};
        for (const QPointF& pt : poly)
            QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->imageToWidget(pt).toPoint());
        QCOMPARE(canvas->pendingPolygon().size(), 3);
        QTest::mouseMove(canvas, canvas->imageToWidget(QPointF(262, 168)).toPoint());
        QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/main_window_refining.png")));
        QTest::keyClick(canvas, Qt::Key_Return);
        QCOMPARE(doc->labelAt(QPoint(290, 130), 0.0f), idOf("grass"));
        QCOMPARE(canvas->pendingPolygon().size(), 0);

        // Status bar names the pixel and class under the cursor.
        QTest::mouseMove(canvas, canvas->imageToWidget(QPointF(20.5, 220.5)).toPoint());
        QTRY_VERIFY(find<QLabel>(*window, "cursorInfoLabel")->text().contains(QStringLiteral("grass")));
        QVERIFY(find<QLabel>(*window, "cursorInfoLabel")->text().contains(QStringLiteral("x 20")));

        // Autosave writes the annotation and the project file shortly after the last change.
        slider->setValue(20);
        const QString sidecar = AnnotationDocument::sidecarPath(
            cascadeclip::ui::project::annotationsDir(m_project->path()), QStringLiteral("scene1.png"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(sidecar), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(!doc->isModified(), 3000);
        QVERIFY(QFile::exists(cascadeclip::ui::project::projectFilePath(m_project->path())));
        window->canvas()->setView(2.0, QPointF(100, 120));
        savedLabels = doc->composite(window->threshold());
        window->close();
    }
    QCOMPARE(m_fake->loads.load(), 1);

    // Reopening restores classes, masks, threshold, view, and loads the project's model again.
    m_settings->setValue(Settings::Key::ModelPath, QString());
    auto window = makeWindow();
    QVERIFY(window->openFolder(m_project->path()));
    QCOMPARE(window->classModel()->names(),
        QStringList({QStringLiteral("sky"), QStringLiteral("house"), QStringLiteral("grass")}));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->loads.load(), 2, 5000);
    QCOMPARE(QString::fromStdString(m_fake->lastLoadedPath()), kModel);
    QCOMPARE(window->threshold(), 0.2f);
    AnnotationDocument* doc = window->currentDocument();
    QVERIFY(doc && doc->hasModelResult() && doc->hasEdits());
    QCOMPARE(cv::countNonZero(doc->composite(window->threshold()) != savedLabels), 0);
    QCOMPARE(window->canvas()->zoom(), 2.0);
    QVERIFY((window->canvas()->viewCenter() - QPointF(100, 120)).manhattanLength() < 1.0);
    QVERIFY(window->imageModel()
                ->data(window->imageModel()->index(0), cascadeclip::ui::ImageListModel::AnnotatedRole)
                .toBool());
}

void TestWorkspace::movedProjectFolderKeepsItsMasks()
{
    // The bad-input matrix's "project folder moved": everything a project stores is relative to its folder.
    cv::Mat saved;
    {
        auto window = makeWindow();
        openAndLoad(*window);
        typeClasses(*window, QStringLiteral("sky, road"));
        AnnotationDocument* doc = window->currentDocument();
        doc->beginStroke();
        doc->strokeSegment(QPointF(10, 10), QPointF(60, 10), 4, window->classModel()->at(1).id, false, 0.0f);
        doc->endStroke(QStringLiteral("paint"));
        QString error;
        QVERIFY2(window->saveAll(&error), qPrintable(error));
        saved = doc->composite(window->threshold());
        window->close();
    }
    const QString original = m_project->path();
    const QString moved = original + QStringLiteral("-moved");
    QVERIFY(QDir().rename(original, moved));
    {
        auto window = makeWindow();
        QVERIFY(window->openFolder(moved));
        QCOMPARE(window->classModel()->names(), QStringList({QStringLiteral("sky"), QStringLiteral("road")}));
        AnnotationDocument* doc = window->currentDocument();
        QVERIFY(doc && doc->hasEdits());
        QCOMPARE(cv::countNonZero(doc->composite(window->threshold()) != saved), 0);
        // Saving again goes to the new place, never back to the old path.
        doc->beginStroke();
        doc->strokeSegment(QPointF(10, 30), QPointF(20, 30), 2, window->classModel()->at(0).id, false, 0.0f);
        doc->endStroke(QStringLiteral("paint"));
        QString error;
        QVERIFY2(window->saveAll(&error), qPrintable(error));
        QVERIFY(!QFileInfo::exists(original));
        window->close();
    }
    QVERIFY(QDir().rename(moved, original)); // for QTemporaryDir's clean-up
}

void TestWorkspace::nextAndPreviousWithDAndA()
{
    auto window = makeWindow();
    openAndLoad(*window);
    QCOMPARE(window->currentRow(), 0);
    QTest::keyClick(window->canvas(), Qt::Key_D);
    QCOMPARE(window->currentRow(), 1);
    QCOMPARE(window->currentDocument()->fileName(), QStringLiteral("scene2.png"));
    QTest::keyClick(window->canvas(), Qt::Key_D);
    QTest::keyClick(window->canvas(), Qt::Key_D); // past the end: stays
    QCOMPARE(window->currentRow(), 2);
    QTest::keyClick(window->canvas(), Qt::Key_A);
    QCOMPARE(window->currentRow(), 1);
    auto* list = find<QListView>(*window, "imageListView");
    QCOMPARE(list->currentIndex().row(), 1);
    // Typing "d" into the class field types, it does not navigate.
    typeClasses(*window, QStringLiteral("dog"));
    QCOMPARE(window->currentRow(), 1);
    QCOMPARE(window->classModel()->names(), QStringList({QStringLiteral("dog")}));
}

void TestWorkspace::zoomAndMaskShortcuts()
{
    auto window = makeWindow();
    openAndLoad(*window);
    ImageCanvas* canvas = window->canvas();
    QVERIFY(canvas->isFitToWindow());
    const double fit = canvas->zoom();
    QTest::keyClick(canvas, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(canvas->zoom() > fit);
    QTest::keyClick(canvas, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(canvas, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(canvas->zoom() < fit);
    QTest::keyClick(canvas, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(canvas->zoom(), fit);
    // Ctrl+wheel zooms about the pointer: the image point under it stays put.
    const QPoint at = canvas->imageToWidget(QPointF(100, 60)).toPoint();
    const QPointF before = canvas->widgetToImage(at);
    QWheelEvent wheel(at, canvas->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas, &wheel);
    QVERIFY(canvas->zoom() > fit);
    QVERIFY((canvas->widgetToImage(at) - before).manhattanLength() < 0.5);
    // Resizing keeps the image point at the centre.
    canvas->setView(2.0, QPointF(150, 100));
    window->resize(1100, 760);
    QTRY_VERIFY((canvas->viewCenter() - QPointF(150, 100)).manhattanLength() < 1.0);
    window->resize(1280, 800);
    QTRY_VERIFY((canvas->viewCenter() - QPointF(150, 100)).manhattanLength() < 1.0);
    // Middle-drag pans.
    const QPointF centre = canvas->viewCenter();
    QTest::mousePress(canvas, Qt::MiddleButton, {}, at);
    QTest::mouseMove(canvas, at + QPoint(40, 0));
    QTest::mouseRelease(canvas, Qt::MiddleButton, {}, at + QPoint(40, 0));
    QVERIFY(canvas->viewCenter().x() < centre.x());

    QVERIFY(canvas->isMaskVisible());
    QTest::keyClick(canvas, Qt::Key_M, Qt::ControlModifier);
    QVERIFY(!canvas->isMaskVisible());
    QVERIFY(!m_settings->showMask());
    auto* opacity = find<QSlider>(*window, "overlayOpacitySlider");
    opacity->setValue(80);
    QCOMPARE(canvas->overlayOpacity(), 0.8);
}

void TestWorkspace::cancelFromTheToolbar()
{
    auto window = makeWindow();
    openAndLoad(*window);
    typeClasses(*window, QStringLiteral("sky, grass"));
    FakeScript script;
    script.blockUntilReleased = true;
    m_fake->setScript(script);
    auto* cancel = find<QPushButton>(*window, "cancelButton");
    QVERIFY(!cancel->isEnabled());
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QVERIFY(m_fake->waitUntilBlocked(5s));
    QVERIFY(cancel->isEnabled());
    QVERIFY(find<QProgressBar>(*window, "runProgressBar")->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!cancel->isEnabled(), 5000);
    QCOMPARE(m_fake->canceledCalls.load(), 1);
    QVERIFY(!window->currentDocument()->hasModelResult());
    QVERIFY(!find<QProgressBar>(*window, "runProgressBar")->isVisible());

    // Esc does the same from the canvas.
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QVERIFY(m_fake->waitUntilBlocked(5s));
    QTest::keyClick(window->canvas(), Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!cancel->isEnabled(), 5000);
    QCOMPARE(m_fake->canceledCalls.load(), 2);
}

void TestWorkspace::newRunSupersedesTheRunningOne()
{
    auto window = makeWindow();
    openAndLoad(*window);
    typeClasses(*window, QStringLiteral("sky, grass"));
    FakeScript script;
    script.blockUntilReleased = true;
    m_fake->setScript(script);
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QVERIFY(m_fake->waitUntilBlocked(5s));
    m_fake->setScript(FakeScript {});
    typeClasses(*window, QStringLiteral("house"));
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentDocument()->hasModelResult(), 5000);
    QCOMPARE(m_fake->canceledCalls.load(), 1);
    QCOMPARE(m_fake->lastRequest().classNames.size(), size_t(3));
    // Exactly one model result on the undo stack: the superseded run left nothing behind.
    QCOMPARE(window->currentDocument()->undoStack()->count(), 1);
}

void TestWorkspace::segmentationFailureIsShownInlineWithTheFileName()
{
    auto window = makeWindow();
    openAndLoad(*window);
    typeClasses(*window, QStringLiteral("sky"));
    FakeScript script;
    script.throwError = ErrorCode::OutOfMemory;
    script.throwDetail = "allocating 3.2 GiB for window 0";
    m_fake->setScript(script);
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    auto* message = find<MessageWidget>(*window, "messageWidget");
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 5000);
    QCOMPARE(message->type(), MessageWidget::Type::Error);
    QVERIFY2(message->text().contains(QStringLiteral("scene1.png")), qPrintable(message->text()));
    QVERIFY(message->text().contains(QStringLiteral("memory")));
    QVERIFY(message->detail().contains(QStringLiteral("3.2 GiB")));
    QVERIFY(!find<QPushButton>(*window, "cancelButton")->isEnabled());
    // Non-modal: the window keeps working.
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/main_window_error.png")));
}

void TestWorkspace::runWithoutModelOrClassesExplainsWhatIsMissing()
{
    auto window = makeWindow();
    QVERIFY(window->openFolder(m_project->path()));
    auto* message = find<MessageWidget>(*window, "messageWidget");
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("No model")));
    window->loadModel(kModel);
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QVERIFY(message->text().contains(QStringLiteral("still loading")));
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->hasModel(), 5000);
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QVERIFY(message->text().contains(QStringLiteral("class name")));
    QCOMPARE(m_fake->segmentCalls.load(), 0);
}

void TestWorkspace::modelLoadFailureNamesTheModelFile()
{
    m_fake->failNextLoad(ErrorCode::WeightsMalformed, "broken.safetensors: missing key backbone.proj");
    auto window = makeWindow();
    window->loadModel(QStringLiteral("/models/broken.safetensors"));
    auto* message = find<MessageWidget>(*window, "messageWidget");
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 5000);
    QVERIFY(message->text().contains(QStringLiteral("broken.safetensors")));
    QVERIFY(message->detail().contains(QStringLiteral("backbone.proj")));
    QVERIFY(find<QLabel>(*window, "emptyStateLabel")->text().contains(QStringLiteral("No model")));
    QVERIFY(m_settings->modelPath().isEmpty()); // a failed model is not remembered
}

void TestWorkspace::logPanelShowsMessages()
{
    auto window = makeWindow();
    openAndLoad(*window);
    auto* log = find<QPlainTextEdit>(*window, "logView");
    QTRY_VERIFY_WITH_TIMEOUT(log->toPlainText().contains(QStringLiteral("model loaded")), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(log->toPlainText().contains(QStringLiteral("opened folder")), 3000);

    // A panel created while a line is still on its way shows it once (history plus signal, de-duplicated).
    cascadeclip::ui::logger()->warn("marker-7f3a for the late panel");
    auto late = makeWindow();
    auto* lateLog = find<QPlainTextEdit>(*late, "logView");
    QTest::qWait(50);
    QCOMPARE(lateLog->toPlainText().count(QStringLiteral("marker-7f3a")), 1);
    QCOMPARE(log->toPlainText().count(QStringLiteral("marker-7f3a")), 1);
}

void TestWorkspace::contourModeDrawsOnlyRegionEdges()
{
    auto window = makeWindow();
    openAndLoad(*window);
    typeClasses(*window, QStringLiteral("sky, house, grass"));
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentDocument()->hasModelResult(), 5000);
    const QImage& overlay = window->canvas()->overlay();
    QCOMPARE(qAlpha(overlay.pixel(20, 220)), 255); // inside the grass
    QTest::keyClick(window->canvas(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_settings->contourOnly());
    QCOMPARE(qAlpha(window->canvas()->overlay().pixel(20, 220)), 0); // interior: clear
    QCOMPARE(qAlpha(window->canvas()->overlay().pixel(20, 239)), 255); // image border
    // The sky/grass boundary at y = 169/170 is drawn on both sides.
    QCOMPARE(qAlpha(window->canvas()->overlay().pixel(5, 170)), 255);
    QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/main_window_contours.png")));
}

void TestWorkspace::spaceDragPans()
{
    auto window = makeWindow();
    openAndLoad(*window);
    ImageCanvas* canvas = window->canvas();
    canvas->setView(3.0, QPointF(160, 120));
    QTest::keyPress(canvas, Qt::Key_Space);
    const QPoint at(300, 300);
    QTest::mousePress(canvas, Qt::LeftButton, {}, at);
    QTest::mouseMove(canvas, at + QPoint(0, 60));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, at + QPoint(0, 60));
    QTest::keyRelease(canvas, Qt::Key_Space);
    QVERIFY(std::abs(canvas->viewCenter().y() - (120 - 20)) < 0.5);
    QVERIFY(!window->currentDocument()->hasEdits()); // panning never paints
}

void TestWorkspace::fillToolAndClassPanelButtons()
{
    auto window = makeWindow();
    openAndLoad(*window);
    typeClasses(*window, QStringLiteral("sky, house, grass"));
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    AnnotationDocument* doc = window->currentDocument();
    QTRY_VERIFY_WITH_TIMEOUT(doc->hasModelResult(), 5000);

    // Move "grass" to the top: it becomes key 1, and keeps its id.
    auto* list = find<QListView>(*window, "classListView");
    list->setCurrentIndex(window->classModel()->index(2));
    QTest::mouseClick(find<QToolButton>(*window, "moveClassUpButton"), Qt::LeftButton);
    QTest::mouseClick(find<QToolButton>(*window, "moveClassUpButton"), Qt::LeftButton);
    QCOMPARE(window->classModel()->names().first(), QStringLiteral("grass"));
    const std::uint16_t grass = window->classModel()->at(0).id;
    QCOMPARE(grass, std::uint16_t(2));

    // Fill the sky region with key 1 (now grass) and the fill tool (G).
    ImageCanvas* canvas = window->canvas();
    QTest::keyClick(canvas, Qt::Key_1);
    QTest::keyClick(canvas, Qt::Key_G);
    QCOMPARE(canvas->tool(), ImageCanvas::Tool::Fill);
    const std::uint16_t skyBefore = doc->labelAt(QPoint(5, 5), 0.0f);
    const int skyPixels = cv::countNonZero(doc->composite(0.0f) == skyBefore);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->imageToWidget(QPointF(5.5, 5.5)).toPoint());
    QCOMPARE(doc->labelAt(QPoint(5, 5), 0.0f), grass);
    QVERIFY(cv::countNonZero(doc->composite(0.0f) == skyBefore) < skyPixels);
    QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(doc->labelAt(QPoint(5, 5), 0.0f), skyBefore);

    // Remove "house", which labels pixels of this image: asked first; Cancel keeps it.
    const auto removeHouse = [&](const char* answer) {
        list->setCurrentIndex(window->classModel()->index(window->classModel()->rowOfName(QStringLiteral("house"))));
        QTest::mouseClick(find<QToolButton>(*window, "removeClassButton"), Qt::LeftButton);
        auto* box = window->findChild<QMessageBox*>(QStringLiteral("removeClassConfirm"));
        QVERIFY(box != nullptr);
        QVERIFY(box->text().contains(QStringLiteral("“house” labels")));
        QAbstractButton* button = qstrcmp(answer, "remove") == 0
            ? static_cast<QAbstractButton*>(box->findChild<QPushButton*>(QStringLiteral("confirmRemoveClassButton")))
            : box->button(QMessageBox::Cancel);
        QVERIFY(button != nullptr);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(window->findChild<QMessageBox*>(QStringLiteral("removeClassConfirm")) == nullptr);
    };
    removeHouse("cancel");
    QCOMPARE(window->classModel()->names(),
        QStringList({QStringLiteral("grass"), QStringLiteral("sky"), QStringLiteral("house")}));
    // Confirmed: the panel shrinks, the other ids stay.
    removeHouse("remove");
    QCOMPARE(window->classModel()->names(), QStringList({QStringLiteral("grass"), QStringLiteral("sky")}));
    QCOMPARE(window->classModel()->at(0).id, grass);
    // A class without pixels here goes at once.
    typeClasses(*window, QStringLiteral("boat"));
    list->setCurrentIndex(window->classModel()->index(window->classModel()->rowOfName(QStringLiteral("boat"))));
    QTest::mouseClick(find<QToolButton>(*window, "removeClassButton"), Qt::LeftButton);
    QVERIFY(window->findChild<QMessageBox*>(QStringLiteral("removeClassConfirm")) == nullptr);
    QCOMPARE(window->classModel()->names(), QStringList({QStringLiteral("grass"), QStringLiteral("sky")}));
}

void TestWorkspace::doneStateSurvivesReopening()
{
    {
        auto window = makeWindow();
        openAndLoad(*window);
        auto* images = window->imageModel();
        QVERIFY(images->setData(images->index(1), Qt::Checked, Qt::CheckStateRole));
        QString error;
        QVERIFY2(window->saveAll(&error), qPrintable(error));
    }
    auto window = makeWindow();
    QVERIFY(window->openFolder(m_project->path()));
    QVERIFY(window->imageModel()->isDone(1));
    QVERIFY(!window->imageModel()->isDone(0));
}

void TestWorkspace::modelClassesComeWithTheirSeenFlags()
{
    auto window = makeWindow();
    auto* fromModel = find<QToolButton>(*window, "useModelClassesButton");
    QVERIFY(!fromModel->isEnabled()); // no model yet
    openAndLoad(*window);
    QVERIFY(fromModel->isEnabled());
    typeClasses(*window, QStringLiteral("bird"));
    QTest::mouseClick(fromModel, Qt::LeftButton);
    // The fake model was trained on aeroplane, bicycle (seen) and bird (unseen); bird is already there.
    QCOMPARE(window->classModel()->names(),
        QStringList({QStringLiteral("bird"), QStringLiteral("aeroplane"), QStringLiteral("bicycle")}));
    QVERIFY(window->classModel()->at(1).seen);
    QVERIFY(window->classModel()->at(2).seen);
    QVERIFY(!window->classModel()->at(0).seen);
    typeClasses(*window, QStringLiteral(""));
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentDocument()->hasModelResult(), 5000);
    QCOMPARE(m_fake->lastRequest().seen, (std::vector<bool> {false, true, true}));
}

void TestWorkspace::subtractPolygonWithShiftP()
{
    auto window = makeWindow();
    openAndLoad(*window);
    typeClasses(*window, QStringLiteral("sky, house, grass"));
    QTest::mouseClick(find<QPushButton>(*window, "runButton"), Qt::LeftButton);
    AnnotationDocument* doc = window->currentDocument();
    QTRY_VERIFY_WITH_TIMEOUT(doc->hasModelResult(), 5000);
    ImageCanvas* canvas = window->canvas();
    QTest::keyClick(canvas, Qt::Key_3); // grass
    QTest::keyClick(canvas, Qt::Key_P, Qt::ShiftModifier);
    QCOMPARE(canvas->tool(), ImageCanvas::Tool::PolygonSubtract);
    // A box across the sky/grass line: only the grass inside it goes.
    for (const QPointF& pt : {QPointF(10, 150), QPointF(60, 150), QPointF(60, 200), QPointF(10, 200)})
        QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->imageToWidget(pt).toPoint());
    QTest::keyClick(canvas, Qt::Key_Return);
    QCOMPARE(doc->labelAt(QPoint(30, 190), 0.0f), kUnlabeled);
    QCOMPARE(doc->labelAt(QPoint(30, 160), 0.0f), window->classModel()->at(0).id); // sky untouched
    QCOMPARE(doc->labelAt(QPoint(30, 220), 0.0f), window->classModel()->at(2).id); // grass outside the box
    // Backspace drops the last vertex, Esc abandons the polygon.
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->imageToWidget(QPointF(100, 100)).toPoint());
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->imageToWidget(QPointF(150, 100)).toPoint());
    QTest::keyClick(canvas, Qt::Key_Backspace);
    QCOMPARE(canvas->pendingPolygon().size(), 1);
    QTest::keyClick(canvas, Qt::Key_Escape);
    QCOMPARE(canvas->pendingPolygon().size(), 0);
}

void TestWorkspace::unreadableImageIsReportedInline()
{
    QFile broken(m_project->filePath(QStringLiteral("scene4.png")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("this is not a PNG");
    broken.close();
    auto window = makeWindow();
    QVERIFY(window->openFolder(m_project->path()));
    QCOMPARE(window->imageModel()->count(), 4);
    find<QListView>(*window, "imageListView")->setCurrentIndex(window->imageModel()->index(3));
    auto* message = find<MessageWidget>(*window, "messageWidget");
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("scene4.png")));
    QVERIFY(message->detail().contains(QStringLiteral("scene4.png")));
    QCOMPARE(window->currentRow(), 0); // still on the last good image
    QCOMPARE(find<QListView>(*window, "imageListView")->currentIndex().row(), 0);
}

void TestWorkspace::unreadableProjectFileIsLeftAlone()
{
    const QString projectFile = cascadeclip::ui::project::projectFilePath(m_project->path());
    QFile f(projectFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ \"version\": 1, \"classes\": [");
    f.close();
    auto window = makeWindow();
    QVERIFY(!window->openFolder(m_project->path()));
    auto* message = find<MessageWidget>(*window, "messageWidget");
    QVERIFY(message->isVisible());
    QVERIFY(message->detail().contains(QStringLiteral("cascadeclip-project.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("{ \"version\": 1, \"classes\": ["));
}

void TestWorkspace::destroyingTheWindowSavesPendingEdits()
{
    m_settings->setValue(Settings::Key::AutosaveDelayMs, 60000); // the autosave will not come in time
    {
        auto window = makeWindow();
        openAndLoad(*window);
        typeClasses(*window, QStringLiteral("sky"));
        ImageCanvas* canvas = window->canvas();
        QTest::keyClick(canvas, Qt::Key_B);
        drag(canvas, QPointF(100, 100), QPointF(120, 100));
        QVERIFY(window->currentDocument()->hasEdits());
    }
    QVERIFY(QFile::exists(AnnotationDocument::sidecarPath(
        cascadeclip::ui::project::annotationsDir(m_project->path()), QStringLiteral("scene1.png"))));
    auto window = makeWindow();
    QVERIFY(window->openFolder(m_project->path()));
    QCOMPARE(window->currentDocument()->labelAt(QPoint(110, 100), 0.0f), window->classModel()->at(0).id);
}

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
