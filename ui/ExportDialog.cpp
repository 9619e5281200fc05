// SPDX-License-Identifier: MIT
#include "ui/ExportDialog.h"

#include "ui/Logging.h"
#include "ui/MessageWidget.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace cascadeclip::ui {

namespace {

/// A short translated reason for a technical failure text (the detail keeps the exact words).
QString reasonOf(const QString& detail)
{
    if (detail.contains(QLatin1String("Permission denied")) || detail.contains(QLatin1String("Read-only"))
        || detail.contains(QLatin1String("not writable")))
        return ExportDialog::tr("the destination is read-only or you may not write there");
    if (detail.contains(QLatin1String("would overwrite an image")))
        return ExportDialog::tr("it would replace one of the images; choose another folder");
    if (detail.contains(QLatin1String("No space left")))
        return ExportDialog::tr("the disk is full");
    if (detail.contains(QLatin1String("cannot create the folder")))
        return ExportDialog::tr("the folder cannot be created");
    if (detail.contains(QLatin1String("share the colour"))
        || detail.contains(QLatin1String("uses the unlabeled colour")))
        return ExportDialog::tr("two classes have the same colour (a colour export needs distinct colours)");
    return ExportDialog::tr("it could not be written (see the details)");
}

} // namespace

ExportDialog::ExportDialog(RequestSource source, QWidget* parent)
    : QDialog(parent)
    , m_source(std::move(source))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Annotations"));
    setModal(false);
    m_exporter = new Exporter(this);

    auto* layout = new QVBoxLayout(this);
    m_message = new MessageWidget(this);
    m_message->setObjectName(QStringLiteral("exportMessageWidget"));
    layout->addWidget(m_message);

    auto* scope = new QGroupBox(tr("Images"), this);
    auto* scopeLayout = new QVBoxLayout(scope);
    m_currentRadio = new QRadioButton(scope);
    m_currentRadio->setObjectName(QStringLiteral("exportCurrentImageRadio"));
    m_projectRadio = new QRadioButton(scope);
    m_projectRadio->setObjectName(QStringLiteral("exportProjectRadio"));
    m_projectRadio->setChecked(true);
    scopeLayout->addWidget(m_currentRadio);
    scopeLayout->addWidget(m_projectRadio);
    layout->addWidget(scope);

    auto* formats = new QGroupBox(tr("Formats"), this);
    auto* formatLayout = new QVBoxLayout(formats);
    const auto addFormat = [&](const char* name, const QString& text, const QString& tip, bool checked) {
        auto* box = new QCheckBox(text, formats);
        box->setObjectName(QString::fromLatin1(name));
        box->setToolTip(tip);
        box->setChecked(checked);
        formatLayout->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateButtons);
        return box;
    };
    m_palette = addFormat("palettePngCheckBox", tr("Index PNG (8-bit palette; 255 = unlabeled)"),
        tr("NAME.png: pixel = class position in the panel, as VOC and MMSeg read it"), true);
    m_color = addFormat("colorPngCheckBox", tr("Colour PNG with labelmap.txt and legend.json"),
        tr("NAME_color.png for people, with CVAT's labelmap.txt and a JSON legend"), false);
    m_coco = addFormat("cocoCheckBox", tr("COCO JSON (RLE masks)"),
        tr("coco.json: one annotation per class present in an image; category id = class id + 1"), true);
    m_polygons = new QCheckBox(tr("Polygons where exact (RLE for regions with holes)"), formats);
    m_polygons->setObjectName(QStringLiteral("cocoPolygonsCheckBox"));
    auto* polygonRow = new QHBoxLayout;
    polygonRow->addSpacing(22);
    polygonRow->addWidget(m_polygons);
    formatLayout->addLayout(polygonRow);
    m_labelme = addFormat("labelmeCheckBox", tr("labelme JSON (mask shapes)"),
        tr("NAME.json for labelme, X-AnyLabeling and CVAT's LabelMe format"), false);
    connect(m_coco, &QCheckBox::toggled, m_polygons, &QWidget::setEnabled);
    layout->addWidget(formats);

    auto* destRow = new QHBoxLayout;
    m_destination = new QLineEdit(this);
    m_destination->setObjectName(QStringLiteral("exportDestinationEdit"));
    m_destination->setMinimumWidth(320);
    connect(m_destination, &QLineEdit::textChanged, this, &ExportDialog::updateButtons);
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(QStringLiteral("exportBrowseButton"));
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::chooseDestination);
    destRow->addWidget(m_destination, 1);
    destRow->addWidget(m_browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Destination folder:"), destRow);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgressBar"));
    m_progress->setFormat(tr("%v / %m images"));
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatusLabel"));
    layout->addWidget(m_status);
    layout->addStretch();

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    m_cancelButton = new QPushButton(tr("Close"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelExportButton"));
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (isExporting())
            m_exporter->cancel();
        else
            hide();
    });
    m_exportButton = new QPushButton(tr("Export"), this);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setDefault(true);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_exportButton);
    layout->addLayout(buttons);

    connect(m_exporter, &Exporter::progressChanged, this, [this](int done, int total, const QString& name) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_status->setText(tr("Exported “%1”").arg(name));
    });
    connect(m_exporter, &Exporter::finished, this, &ExportDialog::onFinished);
    connect(m_exporter, &Exporter::failed, this, &ExportDialog::onFailed);
    connect(m_exporter, &Exporter::canceled, this, [this] {
        setBusy(false);
        m_status->setText(tr("Export canceled. The files written so far are complete."));
        logger()->info("export canceled");
    });
    updateButtons();
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::prepare(const QString& currentImage, int projectImages, const QString& defaultDestination)
{
    m_currentRadio->setText(currentImage.isEmpty() ? tr("Current image") : tr("Current image (%1)").arg(currentImage));
    m_currentRadio->setEnabled(!currentImage.isEmpty());
    m_projectRadio->setText(tr("All images of the project (%n image(s))", nullptr, projectImages));
    if (currentImage.isEmpty())
        m_projectRadio->setChecked(true);
    // Follow the project's default folder unless the person chose another one.
    if (m_destination->text().isEmpty() || m_destination->text() == m_proposedDestination)
        m_destination->setText(QDir::toNativeSeparators(defaultDestination));
    m_proposedDestination = QDir::toNativeSeparators(defaultDestination);
    if (!isExporting()) {
        m_status->clear();
        m_progress->setVisible(false);
    }
    updateButtons();
}

QStringList ExportDialog::formats() const
{
    QStringList names;
    for (const auto& [name, box] : formatBoxes())
        if (box->isChecked())
            names << name;
    return names;
}

void ExportDialog::setFormats(const QStringList& names)
{
    for (const auto& [name, box] : formatBoxes())
        box->setChecked(names.contains(name));
    updateButtons();
}

std::vector<std::pair<QString, QCheckBox*>> ExportDialog::formatBoxes() const
{
    return {{QStringLiteral("palette"), m_palette}, {QStringLiteral("color"), m_color},
        {QStringLiteral("coco"), m_coco}, {QStringLiteral("polygons"), m_polygons},
        {QStringLiteral("labelme"), m_labelme}};
}

bool ExportDialog::isExporting() const
{
    return m_exporter->isRunning();
}

void ExportDialog::chooseDestination()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export To"), m_destination->text());
    if (!folder.isEmpty())
        m_destination->setText(QDir::toNativeSeparators(folder));
}

void ExportDialog::updateButtons()
{
    const bool anyFormat
        = m_palette->isChecked() || m_color->isChecked() || m_coco->isChecked() || m_labelme->isChecked();
    m_exportButton->setEnabled(!isExporting() && anyFormat && !m_destination->text().trimmed().isEmpty());
    m_polygons->setEnabled(m_coco->isChecked() && !isExporting());
}

void ExportDialog::setBusy(bool busy)
{
    for (QWidget* w : std::initializer_list<QWidget*> {
             m_currentRadio, m_projectRadio, m_palette, m_color, m_coco, m_labelme, m_destination, m_browse})
        w->setEnabled(!busy);
    m_cancelButton->setText(busy ? tr("Cancel") : tr("Close"));
    m_progress->setVisible(busy || m_progress->value() > 0);
    updateButtons();
}

void ExportDialog::startExport()
{
    if (isExporting())
        return;
    ExportRequest request = m_source(m_projectRadio->isChecked());
    request.destination = QDir::fromNativeSeparators(m_destination->text().trimmed());
    ExportFormats formats;
    formats.setFlag(ExportFormat::PalettePng, m_palette->isChecked());
    formats.setFlag(ExportFormat::ColorPng, m_color->isChecked());
    formats.setFlag(ExportFormat::Coco, m_coco->isChecked());
    formats.setFlag(ExportFormat::Labelme, m_labelme->isChecked());
    request.formats = formats;
    request.cocoPolygons = m_polygons->isChecked();
    m_message->hide();
    if (request.items.isEmpty()) {
        m_message->showMessage(
            tr("There is nothing to export: no image has an annotation yet."), MessageWidget::Type::Information);
        return;
    }
    if (request.classes.isEmpty()) {
        m_message->showMessage(
            tr("There is nothing to export: the project has no classes."), MessageWidget::Type::Information);
        return;
    }
    m_progress->setRange(0, int(request.items.size()));
    m_progress->setValue(0);
    m_status->setText(tr("Exporting to “%1”…").arg(QDir::toNativeSeparators(request.destination)));
    logger()->info("exporting {} image(s) to {}", request.items.size(), request.destination.toStdString());
    m_exporter->start(request);
    setBusy(true);
}

void ExportDialog::onFinished(const ExportSummary& summary)
{
    setBusy(false);
    QString text = tr("Exported %n image(s) to “%1”.", nullptr, summary.images)
                       .arg(QDir::toNativeSeparators(summary.destination));
    if (summary.skipped > 0)
        text += QLatin1Char(' ') + tr("%n image(s) without annotation were left out.", nullptr, summary.skipped);
    m_status->setText(text);
    logger()->info("{} ({} files)", text.toStdString(), summary.files.size());
    Q_EMIT exported(summary);
}

void ExportDialog::onFailed(const QString& file, const QString& detail)
{
    setBusy(false);
    const QString text = tr("Could not export “%1”: %2.").arg(QDir::toNativeSeparators(file), reasonOf(detail));
    m_status->clear();
    m_message->showMessage(text, MessageWidget::Type::Error, detail);
    logger()->error("{} {}", text.toStdString(), detail.toStdString());
    Q_EMIT exportFailed(text, detail);
}

void ExportDialog::closeEvent(QCloseEvent* event)
{
    // Closing while writing stops the export; what was written stays complete (atomic files).
    if (isExporting())
        m_exporter->cancel();
    event->accept();
}

void ExportDialog::reject()
{
    if (isExporting())
        m_exporter->cancel();
    hide();
}

} // namespace cascadeclip::ui
