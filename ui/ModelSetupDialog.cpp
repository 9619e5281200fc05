// SPDX-License-Identifier: MIT
#include "ui/ModelSetupDialog.h"

#include "ui/Logging.h"
#include "ui/MessageWidget.h"
#include "ui/ModelImporter.h"
#include "ui/Settings.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace cascadeclip::ui {

namespace {

QString path(const QLineEdit* edit)
{
    return QDir::fromNativeSeparators(edit->text().trimmed());
}

} // namespace

ModelSetupDialog::ModelSetupDialog(Settings* settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("modelSetupDialog"));
    setWindowTitle(tr("Set Up Model"));
    setModal(false);
    m_importer = new ModelImporter(this);

    auto* layout = new QVBoxLayout(this);
    m_message = new MessageWidget(this);
    m_message->setObjectName(QStringLiteral("modelSetupMessageWidget"));
    layout->addWidget(m_message);

    // A bundle made earlier.
    auto* bundleBox = new QGroupBox(tr("Model bundle"), this);
    auto* bundleForm = new QFormLayout(bundleBox);
    m_bundle = addFileRow(bundleForm, tr("Bundle:"), "modelBundleEdit", tr("Model bundles (*.safetensors)"), false);
    m_loadButton = new QPushButton(tr("Load"), bundleBox);
    m_loadButton->setObjectName(QStringLiteral("loadModelButton"));
    connect(m_loadButton, &QPushButton::clicked, this, &ModelSetupDialog::loadBundle);
    auto* loadRow = new QHBoxLayout;
    loadRow->addStretch();
    loadRow->addWidget(m_loadButton);
    bundleForm->addRow(loadRow);
    layout->addWidget(bundleBox);

    // The official files -> a new bundle.
    auto* importBox = new QGroupBox(tr("Import the official files"), this);
    auto* importLayout = new QVBoxLayout(importBox);
    m_importFields = new QWidget(importBox);
    auto* form = new QFormLayout(m_importFields);
    form->setContentsMargins(0, 0, 0, 0);
    m_clip = addFileRow(form, tr("CLIP ViT-B/16:"), "clipFileEdit", tr("OpenAI CLIP (*.pt);;All files (*)"), false,
        tr("ViT-B-16.pt from OpenAI"));
    m_checkpoint = addFileRow(form, tr("Checkpoint:"), "checkpointFileEdit",
        tr("Cascade-CLIP checkpoints (*.pth);;All files (*)"), false, tr("official Cascade-CLIP .pth"));
    m_vocab
        = addFileRow(form, tr("Vocabulary:"), "vocabFileEdit", tr("CLIP vocabulary (*.txt.gz *.txt);;All files (*)"),
            false, tr("%1 (default: next to the checkpoint or CLIP file)").arg(QLatin1String(kClipVocabFileName)));
    m_template = new QComboBox(m_importFields);
    m_template->setObjectName(QStringLiteral("templateSetCombo"));
    m_template->addItem(tr("From the checkpoint's dataset"), QString());
    m_template->addItem(tr("Single: “a photo of a {}” (VOC)"), QStringLiteral("single"));
    m_template->addItem(tr("Multi: 15 templates (Context, COCO)"), QStringLiteral("multi"));
    form->addRow(tr("Templates:"), m_template);
    m_setting = new QComboBox(m_importFields);
    m_setting->setObjectName(QStringLiteral("settingCombo"));
    m_setting->addItem(tr("From the checkpoint's config"), QString());
    m_setting->addItem(tr("Inductive (seen classes −0.1)"), QStringLiteral("inductive"));
    m_setting->addItem(tr("Transductive"), QStringLiteral("transductive"));
    form->addRow(tr("Setting:"), m_setting);
    auto* seenRow = new QHBoxLayout;
    m_seen = new QComboBox(m_importFields);
    m_seen->setObjectName(QStringLiteral("seenCombo"));
    m_seen->addItem(tr("From the checkpoint's config"), QString());
    m_seen->addItem(tr("All classes (cross-dataset)"), QStringLiteral("all"));
    m_seen->addItem(tr("These indices:"), QStringLiteral("list"));
    m_seenIndices = new QLineEdit(m_importFields);
    m_seenIndices->setObjectName(QStringLiteral("seenIndicesEdit"));
    m_seenIndices->setPlaceholderText(tr("0,1,2,…"));
    m_seenIndices->setEnabled(false);
    connect(m_seen, &QComboBox::currentIndexChanged, this,
        [this] { m_seenIndices->setEnabled(m_seen->currentData().toString() == QLatin1String("list")); });
    seenRow->addWidget(m_seen);
    seenRow->addWidget(m_seenIndices, 1);
    form->addRow(tr("Seen classes:"), seenRow);
    m_output = addFileRow(form, tr("Save bundle as:"), "outputBundleEdit", tr("Model bundles (*.safetensors)"), true,
        tr("NAME.safetensors"));
    connect(m_checkpoint, &QLineEdit::editingFinished, this, [this] {
        const QFileInfo ckpt(path(m_checkpoint));
        if (m_output->text().isEmpty() && !ckpt.fileName().isEmpty())
            m_output->setText(QDir::toNativeSeparators(
                ckpt.absoluteDir().filePath(ckpt.completeBaseName() + QStringLiteral(".safetensors"))));
    });
    importLayout->addWidget(m_importFields);

    auto* importRow = new QHBoxLayout;
    m_importProgress = new QProgressBar(importBox);
    m_importProgress->setObjectName(QStringLiteral("importProgressBar"));
    m_importProgress->setRange(0, 0);
    m_importProgress->setMaximumHeight(16);
    m_importProgress->setVisible(false);
    m_importStep = new QLabel(importBox);
    m_importStep->setObjectName(QStringLiteral("importStepLabel"));
    m_importStep->setWordWrap(true);
    m_importStep->setVisible(false); // until an import starts: an empty label would leave a gap
    m_cancelImportButton = new QPushButton(tr("Cancel Import"), importBox);
    m_cancelImportButton->setObjectName(QStringLiteral("cancelImportButton"));
    m_cancelImportButton->setVisible(false);
    connect(m_cancelImportButton, &QPushButton::clicked, m_importer, &ModelImporter::cancel);
    m_importButton = new QPushButton(tr("Import and Load"), importBox);
    m_importButton->setObjectName(QStringLiteral("importModelButton"));
    connect(m_importButton, &QPushButton::clicked, this, &ModelSetupDialog::startImport);
    importRow->addWidget(m_importProgress, 1);
    importRow->addStretch();
    importRow->addWidget(m_cancelImportButton);
    importRow->addWidget(m_importButton);
    importLayout->addLayout(importRow);
    importLayout->addWidget(m_importStep);
    m_importLog = new QPlainTextEdit(importBox);
    m_importLog->setObjectName(QStringLiteral("importLogView"));
    m_importLog->setReadOnly(true);
    m_importLog->setMaximumHeight(90);
    m_importLog->setVisible(false);
    importLayout->addWidget(m_importLog);
    layout->addWidget(importBox);

    // Runtime.
    auto* runtimeBox = new QGroupBox(tr("Runtime"), this);
    auto* runtimeForm = new QFormLayout(runtimeBox);
    const DeviceReport devices = deviceReport();
    m_device = new QComboBox(runtimeBox);
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    m_device->addItem(tr("Automatic (CUDA when available)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(devices.cudaDevices > 0 ? tr("CUDA (%n GPU(s))", nullptr, devices.cudaDevices) : tr("CUDA"),
        QStringLiteral("cuda"));
    if (devices.cudaDevices == 0) {
        // Not selectable: loading would only fail; the label below says why.
        if (auto* model = qobject_cast<QStandardItemModel*>(m_device->model()))
            model->item(2)->setEnabled(false);
    }
    runtimeForm->addRow(tr("Device:"), m_device);
    m_deviceInfo = new QLabel(runtimeBox);
    m_deviceInfo->setObjectName(QStringLiteral("deviceInfoLabel"));
    m_deviceInfo->setWordWrap(true);
    // Whole sentences, so that each language punctuates them its own way.
    m_deviceInfo->setText(devices.cudaDevices > 0
            ? tr("Found: CPU with %1 hardware threads; CUDA: %n GPU(s)", nullptr, devices.cudaDevices)
                  .arg(devices.cores)
            : tr("Found: CPU with %1 hardware threads. No CUDA: %2.")
                  .arg(devices.cores)
                  .arg(QString::fromStdString(devices.whyNoCuda)));
    QPalette muted = m_deviceInfo->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_deviceInfo->setPalette(muted);
    runtimeForm->addRow(QString(), m_deviceInfo);
    m_threads = new QSpinBox(runtimeBox);
    m_threads->setObjectName(QStringLiteral("threadsSpinBox"));
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("All cores"));
    m_threads->setToolTip(tr("Threads the model uses on the CPU; applied when the model is loaded"));
    runtimeForm->addRow(tr("Threads:"), m_threads);
    layout->addWidget(runtimeBox);

    auto* closeRow = new QHBoxLayout;
    closeRow->addStretch();
    auto* close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("closeModelSetupButton"));
    connect(close, &QPushButton::clicked, this, &ModelSetupDialog::reject);
    closeRow->addWidget(close);
    layout->addLayout(closeRow);

    connect(m_importer, &ModelImporter::step, this, [this](const QString& line) {
        m_importStep->setText(line);
        m_importLog->appendPlainText(line);
    });
    connect(m_importer, &ModelImporter::finished, this, [this](const QString& bundle, int tensors, int classes) {
        setImporting(false);
        m_bundle->setText(QDir::toNativeSeparators(bundle));
        m_importStep->setText(tr("Imported “%1” (%n tensor(s), %2 classes). Loading it…", nullptr, tensors)
                                  .arg(QFileInfo(bundle).fileName())
                                  .arg(classes));
        storeRuntime();
        Q_EMIT loadRequested(bundle);
        hide(); // the window's status bar takes over: loading, then ready (or an inline error)
    });
    connect(m_importer, &ModelImporter::failed, this, &ModelSetupDialog::onImportFailed);
    connect(m_importer, &ModelImporter::canceled, this, [this] {
        setImporting(false);
        m_importStep->setText(tr("Import canceled; no bundle was written."));
    });
    prepare();
}

ModelSetupDialog::~ModelSetupDialog() = default;

QLineEdit* ModelSetupDialog::addFileRow(QFormLayout* form, const QString& label, const char* name,
    const QString& filter, bool save, const QString& placeholder)
{
    auto* row = new QHBoxLayout;
    auto* edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(name));
    edit->setPlaceholderText(placeholder);
    edit->setMinimumWidth(340);
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QString::fromLatin1(name).replace(QLatin1String("Edit"), QLatin1String("BrowseButton")));
    connect(browse, &QPushButton::clicked, this, [this, edit, label, filter, save] {
        const QString start = edit->text().isEmpty() ? m_settings->lastDirectory() : edit->text();
        const QString title = QString(label).remove(QLatin1Char(':'));
        const QString chosen = save ? QFileDialog::getSaveFileName(this, title, start, filter)
                                    : QFileDialog::getOpenFileName(this, title, start, filter);
        if (!chosen.isEmpty()) {
            edit->setText(QDir::toNativeSeparators(chosen));
            Q_EMIT edit->editingFinished();
        }
    });
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

void ModelSetupDialog::prepare()
{
    if (m_bundle->text().isEmpty())
        m_bundle->setText(QDir::toNativeSeparators(m_settings->modelPath()));
    const int device = m_device->findData(m_settings->device());
    m_device->setCurrentIndex(device >= 0 ? device : 0);
    m_threads->setValue(m_settings->computeThreads());
}

void ModelSetupDialog::storeRuntime()
{
    m_settings->setValue(Settings::Key::Device, m_device->currentData().toString());
    m_settings->setValue(Settings::Key::ComputeThreads, m_threads->value());
}

void ModelSetupDialog::loadBundle()
{
    const QString bundle = path(m_bundle);
    if (bundle.isEmpty()) {
        showError(tr("Choose a model bundle (.safetensors) to load."), QString());
        return;
    }
    if (!QFileInfo(bundle).isFile()) {
        showError(tr("Could not load “%1”: the file does not exist.").arg(QDir::toNativeSeparators(bundle)), bundle);
        return;
    }
    m_message->hide();
    storeRuntime();
    Q_EMIT loadRequested(bundle);
    hide();
}

std::optional<ModelImportRequest> ModelSetupDialog::importRequest()
{
    ModelImportRequest req;
    const QString checkpoint = path(m_checkpoint);
    const QString clip = path(m_clip);
    const QString output = path(m_output);
    if (checkpoint.isEmpty()) {
        showError(tr("Choose the official Cascade-CLIP checkpoint (.pth) to import."), QString());
        return std::nullopt;
    }
    for (const QString& input : {checkpoint, clip}) {
        if (!input.isEmpty() && !QFileInfo(input).isFile()) {
            showError(
                tr("Could not import “%1”: the file does not exist.").arg(QDir::toNativeSeparators(input)), input);
            return std::nullopt;
        }
    }
    if (output.isEmpty()) {
        showError(tr("Choose where to save the new model bundle."), QString());
        return std::nullopt;
    }
    req.checkpointPath = checkpoint.toStdString();
    req.clipPath = clip.toStdString();
    req.outputPath = output.toStdString();
    try {
        req.vocabPath = findVocabulary(path(m_vocab).toStdString(), req.checkpointPath, req.clipPath);
    } catch (const Error& e) {
        showError(tr("Could not find CLIP's vocabulary %1: choose it in the Vocabulary field.")
                      .arg(QLatin1String(kClipVocabFileName)),
            QString::fromStdString(e.what()));
        return std::nullopt;
    }
    const QString templ = m_template->currentData().toString();
    if (!templ.isEmpty())
        req.templateSet = templ == QLatin1String("multi") ? TemplateSet::Multi : TemplateSet::Single;
    const QString setting = m_setting->currentData().toString();
    if (!setting.isEmpty())
        req.inductive = setting == QLatin1String("inductive");
    const QString seen = m_seen->currentData().toString();
    if (seen == QLatin1String("all")) {
        req.seenAll = true;
    } else if (seen == QLatin1String("list")) {
        std::vector<int> indices;
        for (const QString& item : m_seenIndices->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int v = item.trimmed().toInt(&ok);
            if (!ok || v < 0) {
                showError(
                    tr("“%1” is not a class index: give the seen classes as 0,1,2,…").arg(item.trimmed()), QString());
                return std::nullopt;
            }
            indices.push_back(v);
        }
        req.seen = indices;
    }
    return req;
}

void ModelSetupDialog::startImport()
{
    if (m_importer->isRunning())
        return;
    const std::optional<ModelImportRequest> req = importRequest();
    if (!req)
        return;
    m_message->hide();
    m_importLog->clear();
    m_importLog->setVisible(true);
    m_importStep->setVisible(true);
    m_importStep->setText(tr("Importing…"));
    logger()->info("importing {} + {} into {}", req->checkpointPath, req->clipPath, req->outputPath);
    m_importer->start(*req);
    setImporting(true);
}

void ModelSetupDialog::setImporting(bool busy)
{
    m_importFields->setEnabled(!busy);
    m_importButton->setEnabled(!busy);
    m_loadButton->setEnabled(!busy);
    m_importProgress->setVisible(busy);
    m_cancelImportButton->setVisible(busy);
}

void ModelSetupDialog::showError(const QString& text, const QString& detail)
{
    m_message->showMessage(text, MessageWidget::Type::Error, detail);
    if (!detail.isEmpty())
        logger()->error("{} {}", text.toStdString(), detail.toStdString());
}

void ModelSetupDialog::onImportFailed(const QString& file, const QString& detail, ErrorCode code)
{
    setImporting(false);
    m_importStep->clear();
    QString reason;
    switch (code) {
    case ErrorCode::WeightsNotFound:
        reason = tr("a file was not found");
        break;
    case ErrorCode::WeightsMalformed:
        reason = tr("it is not a file this import can read, or it is damaged");
        break;
    case ErrorCode::InvalidInput:
        reason = tr("the settings do not fit the checkpoint");
        break;
    case ErrorCode::OutOfMemory:
        reason = tr("there is not enough memory");
        break;
    case ErrorCode::Io:
        reason = tr("a file could not be read or written");
        break;
    default:
        reason = tr("an internal error occurred");
        break;
    }
    showError(tr("Could not import “%1”: %2.").arg(QFileInfo(file).fileName(), reason), detail);
}

void ModelSetupDialog::reject()
{
    if (m_importer->isRunning())
        m_importer->cancel();
    hide();
}

} // namespace cascadeclip::ui
