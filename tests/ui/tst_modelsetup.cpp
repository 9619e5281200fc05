// SPDX-License-Identifier: MIT
// Model setup from the GUI: import OpenAI's CLIP file and an official checkpoint (tiny random ones, in the real
// formats) on a worker, then load the bundle through the window's controller; errors name the file; device choice.
#include "GuiTest.h"
#include "ui/Logging.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"
#include "ui/ModelImporter.h"
#include "ui/ModelSetupDialog.h"
#include "ui/Settings.h"

#include <cascadeclip/ModelImport.h>
#include <cascadeclip/Segmenter.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

using cascadeclip::TemplateSet;
using namespace cascadeclip::ui;
using cascadeclip::ui::test::drag;
using cascadeclip::ui::test::find;

namespace {

const QString kFixtures = QStringLiteral(CASCADECLIP_IMPORT_FIXTURES);
const QString kVocab = QStringLiteral(CASCADECLIP_SHARED_DIR "/data/bpe_simple_vocab_16e6.txt.gz");

QString artifactsDir()
{
    const QString dir = qEnvironmentVariable("CASCADECLIP_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

} // namespace

class TestModelSetup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void deviceChoiceSaysWhatWasFound();
    void importsTheOfficialFilesAndLoadsTheBundle();
    void unreadableCheckpointNamesTheFile();
    void missingVocabularyIsExplained();
    void badSeenIndicesAreRefused();
    void cancelWritesNoBundle();
    void loadButtonStoresDeviceAndThreads();

private:
    void fill(ModelSetupDialog* dialog, const QString& checkpoint, const QString& vocab, const QString& output);

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestModelSetup::initTestCase()
{
    m_settings = Settings::createTempInstance();
    if (!QFileInfo::exists(kFixtures + QStringLiteral("/clip.pt")))
        QSKIP("import fixtures missing (the import_fixtures test writes them)");
    if (!QFileInfo::exists(kVocab))
        QSKIP("shared vocabulary missing");
    qunsetenv(cascadeclip::kClipVocabEnv);
}

void TestModelSetup::init()
{
    m_settings->resetToDefaults();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestModelSetup::fill(
    ModelSetupDialog* dialog, const QString& checkpoint, const QString& vocab, const QString& output)
{
    find<QLineEdit>(dialog, "clipFileEdit")->setText(kFixtures + QStringLiteral("/clip.pt"));
    find<QLineEdit>(dialog, "checkpointFileEdit")->setText(checkpoint);
    find<QLineEdit>(dialog, "vocabFileEdit")->setText(vocab);
    find<QLineEdit>(dialog, "outputBundleEdit")->setText(output);
}

void TestModelSetup::deviceChoiceSaysWhatWasFound()
{
    ModelSetupDialog dialog(m_settings.get());
    const cascadeclip::DeviceReport report = cascadeclip::deviceReport();
    auto* info = find<QLabel>(&dialog, "deviceInfoLabel");
    QVERIFY(info->text().contains(QStringLiteral("CPU")));
    auto* combo = find<QComboBox>(&dialog, "deviceCombo");
    QCOMPARE(combo->currentData().toString(), QStringLiteral("auto"));
    auto* items = qobject_cast<QStandardItemModel*>(combo->model());
    if (report.cudaDevices == 0) {
        // Why not CUDA, in the dialog, and CUDA cannot be picked.
        QVERIFY2(info->text().contains(QStringLiteral("No CUDA")), qPrintable(info->text()));
        QVERIFY(info->text().contains(QString::fromStdString(report.whyNoCuda)));
        QVERIFY(!items->item(combo->findData(QStringLiteral("cuda")))->isEnabled());
    } else {
        QVERIFY(items->item(combo->findData(QStringLiteral("cuda")))->isEnabled());
    }
    // The stored choice comes back.
    m_settings->setValue(Settings::Key::Device, QStringLiteral("cpu"));
    m_settings->setValue(Settings::Key::ComputeThreads, 3);
    dialog.prepare();
    QCOMPARE(combo->currentData().toString(), QStringLiteral("cpu"));
    QCOMPARE(find<QSpinBox>(&dialog, "threadsSpinBox")->value(), 3);
}

void TestModelSetup::importsTheOfficialFilesAndLoadsTheBundle()
{
    MainWindow window(&cascadeclip::Segmenter::load, m_settings.get());
    window.resize(1280, 800);
    window.show();
    window.showModelSetup();
    ModelSetupDialog* dialog = window.modelSetupDialog();
    QVERIFY(dialog && dialog->isVisible());
    const QString output = m_dir->filePath(QStringLiteral("voc tiny.safetensors"));
    fill(dialog, kFixtures + QStringLiteral("/ckpt_voc_ind.pth"), kVocab, output);
    // The overrides `cascadeclip import` offers.
    auto* templ = find<QComboBox>(dialog, "templateSetCombo");
    templ->setCurrentIndex(templ->findData(QStringLiteral("multi")));
    auto* setting = find<QComboBox>(dialog, "settingCombo");
    setting->setCurrentIndex(setting->findData(QStringLiteral("transductive")));
    auto* seen = find<QComboBox>(dialog, "seenCombo");
    seen->setCurrentIndex(seen->findData(QStringLiteral("list")));
    find<QLineEdit>(dialog, "seenIndicesEdit")->setText(QStringLiteral("0, 2,4"));
    auto* device = find<QComboBox>(dialog, "deviceCombo");
    device->setCurrentIndex(device->findData(QStringLiteral("cpu")));
    find<QSpinBox>(dialog, "threadsSpinBox")->setValue(2);
    dialog->resize(dialog->sizeHint());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->grab().save(artifactsDir() + QStringLiteral("/import_dialog.png")));

    QSignalSpy loadRequested(dialog, &ModelSetupDialog::loadRequested);
    QTest::mouseClick(find<QPushButton>(dialog, "importModelButton"), Qt::LeftButton);
    QVERIFY(dialog->importer()->isRunning());
    QVERIFY(!find<QWidget>(dialog, "checkpointFileEdit")->isEnabled());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->grab().save(artifactsDir() + QStringLiteral("/import_dialog_running.png")));
    QTRY_COMPARE_WITH_TIMEOUT(loadRequested.size(), 1, 60000);
    QCOMPARE(loadRequested.at(0).at(0).toString(), output);
    QVERIFY(QFileInfo(output).size() > 0);
    QVERIFY(find<QPlainTextEdit>(dialog, "importLogView")->toPlainText().contains(QStringLiteral("checkpoint:")));

    // Loaded through the window's controller, with the overrides in the bundle and the runtime stored.
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->hasModel(), 30000);
    const cascadeclip::ModelInfo& info = window.controller()->modelInfo();
    QCOMPARE(QString::fromStdString(info.weightsPath), output);
    QCOMPARE(info.classNames.size(), size_t(20));
    QCOMPARE(info.seenIndices, (std::vector<int> {0, 2, 4}));
    QVERIFY(!info.inductive);
    QCOMPARE(info.templateSet, TemplateSet::Multi);
    QCOMPARE(QString::fromStdString(info.device), QStringLiteral("cpu"));
    QCOMPARE(m_settings->device(), QStringLiteral("cpu"));
    QCOMPARE(m_settings->computeThreads(), 2);
    // The last model is remembered.
    QCOMPARE(m_settings->modelPath(), output);
}

void TestModelSetup::unreadableCheckpointNamesTheFile()
{
    ModelSetupDialog dialog(m_settings.get());
    dialog.show();
    fill(&dialog, kFixtures + QStringLiteral("/bad_legacy.pth"), kVocab,
        m_dir->filePath(QStringLiteral("x.safetensors")));
    QSignalSpy failed(dialog.importer(), &ModelImporter::failed);
    dialog.startImport();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
    auto* message = find<MessageWidget>(&dialog, "modelSetupMessageWidget");
    QVERIFY(message->isVisible());
    QCOMPARE(message->type(), MessageWidget::Type::Error);
    QVERIFY2(message->text().contains(QStringLiteral("bad_legacy.pth")), qPrintable(message->text()));
    QVERIFY2(message->detail().contains(QStringLiteral("legacy")), qPrintable(message->detail()));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("x.safetensors"))));
    // The dialog is usable again.
    QVERIFY(find<QPushButton>(&dialog, "importModelButton")->isEnabled());
}

void TestModelSetup::missingVocabularyIsExplained()
{
    // A checkpoint alone in a folder, no vocabulary field, no environment variable.
    const QString ckpt = m_dir->filePath(QStringLiteral("ckpt.pth"));
    QVERIFY(QFile::copy(kFixtures + QStringLiteral("/ckpt_voc_ind.pth"), ckpt));
    ModelSetupDialog dialog(m_settings.get());
    dialog.show();
    find<QLineEdit>(&dialog, "checkpointFileEdit")->setText(ckpt);
    find<QLineEdit>(&dialog, "outputBundleEdit")->setText(m_dir->filePath(QStringLiteral("x.safetensors")));
    dialog.startImport();
    QVERIFY(!dialog.importer()->isRunning());
    auto* message = find<MessageWidget>(&dialog, "modelSetupMessageWidget");
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String(cascadeclip::kClipVocabFileName)), qPrintable(message->text()));
    QVERIFY2(message->detail().contains(m_dir->path()), qPrintable(message->detail())); // where it looked
}

void TestModelSetup::badSeenIndicesAreRefused()
{
    ModelSetupDialog dialog(m_settings.get());
    dialog.show();
    fill(&dialog, kFixtures + QStringLiteral("/ckpt_voc_ind.pth"), kVocab,
        m_dir->filePath(QStringLiteral("x.safetensors")));
    auto* seen = find<QComboBox>(&dialog, "seenCombo");
    seen->setCurrentIndex(seen->findData(QStringLiteral("list")));
    QVERIFY(find<QLineEdit>(&dialog, "seenIndicesEdit")->isEnabled());
    find<QLineEdit>(&dialog, "seenIndicesEdit")->setText(QStringLiteral("1,x"));
    QVERIFY(!dialog.importRequest().has_value());
    QVERIFY(find<MessageWidget>(&dialog, "modelSetupMessageWidget")->text().contains(QStringLiteral("“x”")));
    // A missing checkpoint file is named.
    find<QLineEdit>(&dialog, "checkpointFileEdit")->setText(m_dir->filePath(QStringLiteral("absent.pth")));
    QVERIFY(!dialog.importRequest().has_value());
    QVERIFY(find<MessageWidget>(&dialog, "modelSetupMessageWidget")->text().contains(QStringLiteral("absent.pth")));
}

void TestModelSetup::cancelWritesNoBundle()
{
    ModelSetupDialog dialog(m_settings.get());
    dialog.show();
    const QString output = m_dir->filePath(QStringLiteral("x.safetensors"));
    fill(&dialog, kFixtures + QStringLiteral("/ckpt_voc_ind.pth"), kVocab, output);
    QSignalSpy canceled(dialog.importer(), &ModelImporter::canceled);
    QSignalSpy loadRequested(&dialog, &ModelSetupDialog::loadRequested);
    dialog.startImport();
    QTest::mouseClick(find<QPushButton>(&dialog, "cancelImportButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(canceled.size(), 1, 30000);
    QCOMPARE(loadRequested.size(), 0);
    QVERIFY(!QFileInfo::exists(output));
    QVERIFY(find<QLabel>(&dialog, "importStepLabel")->text().contains(QStringLiteral("canceled")));
}

void TestModelSetup::loadButtonStoresDeviceAndThreads()
{
    ModelSetupDialog dialog(m_settings.get());
    dialog.show();
    QSignalSpy loadRequested(&dialog, &ModelSetupDialog::loadRequested);
    find<QLineEdit>(&dialog, "modelBundleEdit")->setText(m_dir->filePath(QStringLiteral("absent.safetensors")));
    QTest::mouseClick(find<QPushButton>(&dialog, "loadModelButton"), Qt::LeftButton);
    QCOMPARE(loadRequested.size(), 0);
    QVERIFY(
        find<MessageWidget>(&dialog, "modelSetupMessageWidget")->text().contains(QStringLiteral("absent.safetensors")));

    const QString bundle = kFixtures + QStringLiteral("/expected_voc_ind.safetensors");
    find<QLineEdit>(&dialog, "modelBundleEdit")->setText(bundle);
    auto* device = find<QComboBox>(&dialog, "deviceCombo");
    device->setCurrentIndex(device->findData(QStringLiteral("cpu")));
    find<QSpinBox>(&dialog, "threadsSpinBox")->setValue(3);
    QTest::mouseClick(find<QPushButton>(&dialog, "loadModelButton"), Qt::LeftButton);
    QCOMPARE(loadRequested.size(), 1);
    QCOMPARE(loadRequested.at(0).at(0).toString(), bundle);
    QCOMPARE(m_settings->device(), QStringLiteral("cpu"));
    QCOMPARE(m_settings->computeThreads(), 3);
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestModelSetup)
#include "tst_modelsetup.moc"
