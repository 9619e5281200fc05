// SPDX-License-Identifier: MIT
// The whole workspace on a real (tiny, random) Cascade-CLIP model instead of the fake: open a folder, type classes,
// run, paint, undo/redo, autosave, quit, reopen, export; the exported files are read back with core's readers.
// Screenshots of the main states go to $CASCADECLIP_ARTIFACTS.
#include "GuiTest.h"
#include "ui/AnnotationDocument.h"
#include "ui/ClassListModel.h"
#include "ui/ExportDialog.h"
#include "ui/ImageCanvas.h"
#include "ui/ImageListModel.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"
#include "ui/Project.h"
#include "ui/Settings.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/annotation/Coco.h>
#include <cascadeclip/annotation/Labelme.h>
#include <cascadeclip/annotation/MaskPng.h>
#include <cascadeclip/annotation/Rle.h>

#include <QCheckBox>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

using cascadeclip::kUnlabeled;
using namespace cascadeclip::ui;
using cascadeclip::ui::test::drag;
using cascadeclip::ui::test::find;
namespace annotation = cascadeclip::annotation;

namespace {

const QString kModelDir = QStringLiteral(CASCADECLIP_GUI_MODEL_DIR);
const QString kVocab = QStringLiteral(CASCADECLIP_SHARED_DIR "/data/bpe_simple_vocab_16e6.txt.gz");

QString artifactsDir()
{
    const QString dir = qEnvironmentVariable("CASCADECLIP_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

QImage scene()
{
    QImage img(240, 180, QImage::Format_RGB32);
    QPainter p(&img);
    p.fillRect(0, 0, 240, 120, QColor(120, 175, 235));
    p.fillRect(0, 120, 240, 60, QColor(70, 140, 60));
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(190, 60, 50));
    p.drawRect(60, 80, 70, 50);
    return img;
}

bool same(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::countNonZero(a != b) == 0;
}

} // namespace

class TestTinyModelFlow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void openSegmentPaintReopenExport();

private:
    std::unique_ptr<MainWindow> makeWindow();

    std::unique_ptr<Settings> m_settings;
    QTemporaryDir m_dir;
    QString m_model;
    QString m_project;
};

void TestTinyModelFlow::initTestCase()
{
    if (!QFileInfo::exists(kModelDir + QStringLiteral("/model.safetensors")))
        QSKIP("tiny model missing (the gui_model_fixture test writes it)");
    if (!QFileInfo::exists(kVocab))
        QSKIP("shared vocabulary missing");
    QVERIFY(m_dir.isValid());
    m_settings = Settings::createTempInstance();
    m_settings->setValue(Settings::Key::AutosaveDelayMs, 50);
    m_settings->setValue(Settings::Key::Device, QStringLiteral("cpu"));
    m_settings->setValue(Settings::Key::ComputeThreads, 2);
    // The model with CLIP's vocabulary beside it, where Segmenter::load looks.
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("model"))));
    m_model = m_dir.filePath(QStringLiteral("model/tiny.safetensors"));
    QVERIFY(QFile::copy(kModelDir + QStringLiteral("/model.safetensors"), m_model));
    QVERIFY(QFile::copy(kVocab, m_dir.filePath(QStringLiteral("model/bpe_simple_vocab_16e6.txt.gz"))));
    m_project = m_dir.filePath(QStringLiteral("photos"));
    QVERIFY(QDir().mkpath(m_project));
    QVERIFY(scene().save(m_project + QStringLiteral("/garden.png")));
    QVERIFY(QFile::copy(kModelDir + QStringLiteral("/image.png"), m_project + QStringLiteral("/pattern.png")));
}

std::unique_ptr<MainWindow> TestTinyModelFlow::makeWindow()
{
    auto window = std::make_unique<MainWindow>(&cascadeclip::Segmenter::load, m_settings.get());
    window->resize(1280, 800);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active; shortcuts may not fire");
    return window;
}

void TestTinyModelFlow::openSegmentPaintReopenExport()
{
    cv::Mat saved;
    QVector<ClassEntry> classes;
    const QPoint painted(40, 30);
    {
        auto window = makeWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/tiny_empty.png")));

        window->loadModel(m_model);
        QTRY_VERIFY_WITH_TIMEOUT(window->controller()->hasModel(), 30000);
        QVERIFY(window->openFolder(m_project));
        QCOMPARE(window->imageModel()->count(), 2);
        QCOMPARE(window->currentDocument()->fileName(), QStringLiteral("garden.png"));

        auto* edit = find<QLineEdit>(window.get(), "classesEdit");
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("sky, house, grass"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(window->classModel()->rowCount(), 3);
        classes = window->classModel()->classes();

        QTest::mouseClick(find<QPushButton>(window.get(), "runButton"), Qt::LeftButton);
        AnnotationDocument* doc = window->currentDocument();
        QTRY_VERIFY_WITH_TIMEOUT(doc->hasModelResult(), 60000);
        // Every pixel carries one of the three classes (threshold 0), with a score in (0, 1).
        const cv::Mat labels = doc->composite(0.0f);
        int counted = 0;
        for (const ClassEntry& c : classes)
            counted += cv::countNonZero(labels == c.id);
        QCOMPARE(counted, int(labels.total()));
        double lo = 0, hi = 0;
        cv::minMaxLoc(doc->confidence(), &lo, &hi);
        QVERIFY(lo > 0.0 && hi < 1.0);
        window->canvas()->fitToWindow();
        QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/tiny_segmented.png")));

        // Paint "house" (key 2), undo back to the model's label, redo.
        ImageCanvas* canvas = window->canvas();
        const std::uint16_t before = doc->labelAt(painted, 0.0f);
        const std::uint16_t house = classes.at(1).id;
        const std::uint16_t paintWith = before == house ? classes.at(0).id : house;
        QTest::keyClick(canvas, paintWith == house ? Qt::Key_2 : Qt::Key_1);
        QTest::keyClick(canvas, Qt::Key_B);
        drag(canvas, QPointF(30, 30), QPointF(50, 30));
        QCOMPARE(doc->labelAt(painted, 0.0f), paintWith);
        QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->labelAt(painted, 0.0f), before);
        QTest::keyClick(canvas, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(doc->labelAt(painted, 0.0f), paintWith);
        QCOMPARE(doc->undoStack()->count(), 2); // the model run and the stroke

        // A polygon being drawn: the refining state.
        QTest::keyClick(canvas, Qt::Key_3);
        QTest::keyClick(canvas, Qt::Key_P);
        for (const QPointF& pt : {QPointF(150, 140), QPointF(220, 135), QPointF(225, 170)})
            QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->imageToWidget(pt).toPoint());
        QTest::mouseMove(canvas, canvas->imageToWidget(QPointF(160, 172)).toPoint());
        QVERIFY(window->grab().save(artifactsDir() + QStringLiteral("/tiny_refining.png")));
        QTest::keyClick(canvas, Qt::Key_Return);
        QCOMPARE(doc->labelAt(QPoint(215, 145), 0.0f), classes.at(2).id);

        // Autosave writes the annotation shortly after the last change.
        const QString sidecar
            = AnnotationDocument::sidecarPath(project::annotationsDir(m_project), QStringLiteral("garden.png"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(sidecar), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!doc->isModified(), 5000);
        saved = doc->composite(window->threshold());
        window->close();
    }

    // Reopen: classes, masks (model layer and edits) and the model come back.
    m_settings->setValue(Settings::Key::ModelPath, QString());
    auto window = makeWindow();
    QVERIFY(window->openFolder(m_project));
    QCOMPARE(window->classModel()->names(),
        QStringList({QStringLiteral("sky"), QStringLiteral("house"), QStringLiteral("grass")}));
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->hasModel(), 30000);
    AnnotationDocument* doc = window->currentDocument();
    QVERIFY(doc && doc->hasModelResult() && doc->hasEdits());
    QVERIFY(same(doc->composite(window->threshold()), saved));

    // Export everything through the dialog.
    window->showExportDialog();
    ExportDialog* dialog = window->exportDialog();
    QVERIFY(dialog && dialog->isVisible());
    const QString dest = m_dir.filePath(QStringLiteral("export"));
    find<QLineEdit>(dialog, "exportDestinationEdit")->setText(dest);
    for (const char* box : {"palettePngCheckBox", "colorPngCheckBox", "cocoCheckBox", "labelmeCheckBox"})
        find<QCheckBox>(dialog, box)->setChecked(true);
    dialog->resize(dialog->sizeHint());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->grab().save(artifactsDir() + QStringLiteral("/export_dialog.png")));
    QSignalSpy exported(dialog, &ExportDialog::exported);
    QTest::mouseClick(find<QPushButton>(dialog, "exportButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 30000);
    const auto summary = exported.at(0).at(0).value<ExportSummary>();
    QCOMPARE(summary.images, 1);
    QCOMPARE(summary.skipped, 1); // pattern.png was never segmented

    cv::Mat expected(saved.size(), CV_16UC1, cv::Scalar(kUnlabeled));
    for (int i = 0; i < classes.size(); ++i)
        expected.setTo(i, saved == classes.at(i).id);
    const QDir out(dest);
    QVERIFY(same(annotation::readIndexPng(out.filePath(QStringLiteral("garden.png")).toStdString(), 3), expected));
    const auto legend = annotation::readLegendJson(out.filePath(QStringLiteral("legend.json")).toStdString());
    QVERIFY(same(
        annotation::readColorPng(out.filePath(QStringLiteral("garden_color.png")).toStdString(), legend), expected));
    const std::string cocoPath = out.filePath(QStringLiteral("coco.json")).toStdString();
    const annotation::CocoDataset coco = annotation::readCoco(cocoPath);
    QCOMPARE(coco.images.size(), size_t(1));
    QVERIFY(same(coco.images[0].labels, expected));
    // Each RLE decodes, through core's decoder, to its class's pixels.
    const auto json = nlohmann::json::parse(cascadeclip::readFileBytes(cocoPath));
    QVERIFY(!json["annotations"].empty());
    for (const auto& a : json["annotations"]) {
        const std::int64_t category = a["category_id"];
        int index = -1;
        for (int i = 0; i < classes.size(); ++i)
            if (classes.at(i).id + 1 == category)
                index = i;
        QVERIFY(index >= 0);
        const std::string counts = a["segmentation"]["counts"];
        const int height = a["segmentation"]["size"][0];
        const int width = a["segmentation"]["size"][1];
        const cv::Mat mask = annotation::Rle::fromString(counts, height, width).decode();
        QVERIFY(same(mask, cv::Mat(expected == index) / 255));
    }
    const auto lm = annotation::readLabelme(out.filePath(QStringLiteral("garden.json")).toStdString(),
        annotation::makeClassList({"sky", "house", "grass"}));
    QVERIFY(same(lm.labels, expected));
    QCOMPARE(QDir::cleanPath(out.filePath(QString::fromStdString(lm.imagePath))),
        QDir::cleanPath(m_project + QStringLiteral("/garden.png")));

    // A destination that cannot be created: an inline error naming it, and the window keeps working.
    const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    find<QLineEdit>(dialog, "exportDestinationEdit")->setText(blocker + QStringLiteral("/export"));
    QTest::mouseClick(find<QPushButton>(dialog, "exportButton"), Qt::LeftButton);
    auto* message = find<MessageWidget>(dialog, "exportMessageWidget");
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 10000);
    QCOMPARE(message->type(), MessageWidget::Type::Error);
    QVERIFY2(message->text().contains(QStringLiteral("blocker")), qPrintable(message->text()));
    QVERIFY(dialog->grab().save(artifactsDir() + QStringLiteral("/export_dialog_error.png")));
    auto* next = window->findChild<QAction*>(QStringLiteral("nextImageAction"));
    QVERIFY(next && next->isEnabled());
    next->trigger();
    QCOMPARE(window->currentRow(), 1);
    QCOMPARE(window->currentDocument()->fileName(), QStringLiteral("pattern.png"));

    // The next session offers the formats of the last successful export again.
    window.reset();
    auto again = makeWindow();
    QVERIFY(again->openFolder(m_project));
    again->showExportDialog();
    for (const char* box : {"palettePngCheckBox", "colorPngCheckBox", "cocoCheckBox", "labelmeCheckBox"})
        QVERIFY2(find<QCheckBox>(again->exportDialog(), box)->isChecked(), box);
    QVERIFY(!find<QCheckBox>(again->exportDialog(), "cocoPolygonsCheckBox")->isChecked());
}

QTEST_MAIN(TestTinyModelFlow)
#include "tst_tinymodelflow.moc"
