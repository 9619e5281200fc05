// SPDX-License-Identifier: MIT
// The window's part of the cascade inspection: level views, the NGA panel with live re-decoding, and the pixel
// inspector. Kept apart from MainWindow.cpp, which only calls in at a few hooks.
#include "ui/ClassListModel.h"
#include "ui/ImageCanvas.h"
#include "ui/InspectorPanel.h"
#include "ui/LevelView.h"
#include "ui/Logging.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"
#include "ui/NgaPanel.h"

#include <QActionGroup>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QListView>
#include <QMenuBar>
#include <QPainter>
#include <QScrollArea>
#include <QSlider>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace cascadeclip::ui {

namespace {

// A crosshair over a bar chart: the Inspect tool's icon, drawn like the window's other tool glyphs.
QIcon inspectIcon()
{
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink(0x3a, 0x3f, 0x47);
    p.setPen(QPen(ink, 2.4, Qt::SolidLine, Qt::RoundCap));
    p.drawEllipse(QPointF(13, 13), 8, 8);
    p.drawLine(QPointF(19, 19), QPointF(27, 27));
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x3f, 0x78, 0xc9));
    p.drawRect(QRectF(9, 13, 2.5, 5));
    p.setBrush(QColor(0xe0, 0x7b, 0x1a));
    p.drawRect(QRectF(12, 10, 2.5, 8));
    p.setBrush(QColor(0x3a, 0x9a, 0x4f));
    p.drawRect(QRectF(15, 12, 2.5, 6));
    return QIcon(pm);
}

NgaWeights fromInfo(const ModelInfo& info)
{
    return NgaWeights {info.ngaStage1, info.ngaStage2};
}

} // namespace

void MainWindow::setUpLevels()
{
    m_levels = new LevelView(m_canvas, m_stack, this);
    // A row of its own under the main toolbar, so the pickers never vanish into the overflow menu.
    addToolBarBreak(Qt::TopToolBarArea);
    QToolBar* bar = addToolBar(tr("Levels"));
    bar->setObjectName(QStringLiteral("levelsToolBar"));
    bar->setMovable(false);
    m_levels->addControls(bar);
    connect(m_levels, &LevelView::viewChanged, this, [this] {
        if (!m_levels->overridesCanvas())
            renderOverlay(QRect());
    });
    connect(m_levels, &LevelView::dataNeeded, this, [this] { requestLevelDecode(false); });
    connect(m_levels, &LevelView::inspectRequested, this, &MainWindow::inspectPixel);
    connect(m_thresholdSlider, &QSlider::valueChanged, this, [this] { m_levels->setThreshold(threshold()); });
    connect(m_opacitySlider, &QSlider::valueChanged, this, [this](int v) { m_levels->setOpacity(v / 100.0); });
    // The heatmap shows the class selected in the Classes panel (the picker in the toolbar can change it).
    connect(m_classList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            if (current.isValid())
                m_levels->setHeatClassName(m_classes->at(current.row()).name);
        });
    const auto recolor = [this] { m_levels->setColors(colorsOf(m_levelClassIds)); };
    connect(m_classes, &QAbstractItemModel::dataChanged, this, recolor);

    // NGA dock.
    auto* ngaDock = new QDockWidget(tr("NGA Weights"), this);
    ngaDock->setObjectName(QStringLiteral("ngaDock"));
    // In a scroll area, so that the dock can give the class list room on a short screen.
    auto* ngaScroll = new QScrollArea(ngaDock);
    ngaScroll->setFrameShape(QFrame::NoFrame);
    ngaScroll->setWidgetResizable(true);
    ngaScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_ngaPanel = new NgaPanel(ngaScroll);
    ngaScroll->setWidget(m_ngaPanel);
    ngaDock->setWidget(ngaScroll);
    addDockWidget(Qt::RightDockWidgetArea, ngaDock);
    connect(m_ngaPanel, &NgaPanel::weightsEdited, this, &MainWindow::onNgaEdited);
    // A new gesture (drag, typed value, preset) starts a new undo step.
    connect(m_ngaPanel, &NgaPanel::gestureFinished, this, [this] { ++m_ngaGesture; });
    connect(m_controller, &SegmentationController::modelLoaded, this, [this](const ModelInfo& info) {
        m_ngaPanel->setCheckpoint(fromInfo(info));
        m_ngaPanel->setWeights(effectiveNga(m_doc ? m_doc->ngaWeights() : std::nullopt));
    });

    // Inspector dock, tabbed with the NGA panel.
    auto* inspectorDock = new QDockWidget(tr("Inspector"), this);
    inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspector = new InspectorPanel(inspectorDock);
    inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock);
    tabifyDockWidget(ngaDock, inspectorDock);
    ngaDock->raise();
    resizeDocks({ngaDock}, {290}, Qt::Horizontal);
    // The class list keeps about eight rows in view; the NGA panel scrolls when the window is short.
    if (auto* classesDock = findChild<QDockWidget*>(QStringLiteral("classesDock")))
        resizeDocks({classesDock, ngaDock}, {340, 320}, Qt::Vertical);
    connect(m_canvas, &ImageCanvas::inspectRequested, this, [this, inspectorDock](const QPoint& pixel) {
        inspectorDock->show();
        inspectorDock->raise();
        inspectPixel(pixel);
    });
    connect(m_controller, &SegmentationController::inspected, this, &MainWindow::onInspected);
    connect(m_inspector, &InspectorPanel::entriesChanged, this, &MainWindow::updateInspectorMarkers);
    connect(m_controller, &SegmentationController::inspectFailed, this,
        [this](quint64 id, const QString& detail, ErrorCode code) {
            if (id == m_inspection)
                m_inspector->setStatus(
                    tr("Could not inspect the pixel: %1.").arg(reasonFor(code)) + QLatin1Char(' ') + detail);
        });

    // The Inspect tool (I), beside the editing tools; Alt+click inspects with any tool.
    if (auto* tools = findChild<QToolBar*>(QStringLiteral("toolsToolBar"))) {
        QAction* inspect = new QAction(inspectIcon(), tr("Inspect"), this);
        inspect->setObjectName(QStringLiteral("inspectToolAction"));
        inspect->setCheckable(true);
        inspect->setShortcut(QKeySequence(Qt::Key_I));
        inspect->setToolTip(tr("Inspect: click a pixel to see each level's share of its scores (I; Alt+click with "
                               "any tool)"));
        m_toolGroup->addAction(inspect);
        const QList<QAction*> actions = tools->actions();
        const auto separator
            = std::find_if(actions.begin(), actions.end(), [](QAction* a) { return a->isSeparator(); });
        tools->insertAction(separator != actions.end() ? *separator : nullptr, inspect);
        connect(inspect, &QAction::triggered, this, [this] { m_canvas->setTool(ImageCanvas::Tool::Inspect); });
    }
    QMenu* viewMenu = nullptr;
    for (QAction* a : menuBar()->actions())
        if (a->menu() && a->menu()->title() == tr("&View"))
            viewMenu = a->menu();
    if (viewMenu) {
        viewMenu->addSeparator();
        viewMenu->addAction(ngaDock->toggleViewAction());
        viewMenu->addAction(inspectorDock->toggleViewAction());
    }
}

NgaWeights MainWindow::effectiveNga(const std::optional<NgaWeights>& nga) const
{
    if (nga)
        return *nga;
    return m_controller->hasModel() ? fromInfo(m_controller->modelInfo()) : m_ngaPanel->checkpoint();
}

bool MainWindow::featuresCachedForCurrent() const
{
    return m_doc && m_controller->hasModel() && m_cachedFeaturesPath == m_doc->imagePath();
}

void MainWindow::applyLevelOptions(SegmentationRequest& request)
{
    const NgaWeights w = m_ngaPanel->weights();
    // The checkpoint's own weights stay unset: the model then uses them as stored, bit for bit.
    if (m_ngaPanel->isModified()) {
        request.ngaStage1 = w.stage1;
        request.ngaStage2 = w.stage2;
        m_runNga = w;
    } else {
        m_runNga.reset();
    }
    request.keepStageLogits = m_levels->needsStageLogits();
    request.keepProbabilities = m_levels->needsProbabilities();
}

SegmentationRequest MainWindow::levelRequest(std::vector<std::uint16_t>* classIds)
{
    SegmentationRequest request;
    for (const ClassEntry& c : m_classes->classes()) {
        request.classNames.push_back(c.name.toStdString());
        request.seen.push_back(c.seen);
        if (classIds)
            classIds->push_back(c.id);
    }
    request.inductive = m_controller->modelInfo().inductive;
    request.threshold = 0.0f;
    applyLevelOptions(request);
    return request;
}

void MainWindow::requestLevelDecode(bool edit)
{
    if (!featuresCachedForCurrent() || m_classes->rowCount() == 0) {
        if (m_doc && (edit || m_levels->overridesCanvas()))
            statusBar()->showMessage(edit ? tr("Press Run to segment this image with these NGA weights")
                                          : tr("Press Run to see the levels of this image"),
                4000);
        return;
    }
    LevelJob job;
    job.edit = edit;
    job.mergeKey = m_ngaGesture;
    job.imagePath = m_doc->imagePath();
    const SegmentationRequest request = levelRequest(&job.classIds);
    job.nga = m_ngaPanel->weights();
    // Coalesced: while one re-decode runs, only the newest request waits (a slider drag never queues a backlog).
    const quint64 id = m_controller->redecodeCoalesced(m_doc->fileName(), request);
    m_levelJobs[id] = std::move(job);
}

void MainWindow::onNgaEdited(const NgaWeights&)
{
    requestLevelDecode(true);
}

bool MainWindow::handleLevelJobFinished(quint64 id, const SegmentationResult& result)
{
    const auto it = m_levelJobs.find(id);
    if (it == m_levelJobs.end())
        return false;
    const LevelJob job = std::move(it->second);
    m_levelJobs.erase(it);
    const auto docIt = m_documents.find(job.imagePath);
    if (docIt == m_documents.end())
        return true;
    AnnotationDocument* doc = docIt->second.get();
    if (result.labels.size() != doc->bgr().size())
        return true;
    if (job.edit) {
        cv::Mat ids(result.labels.size(), CV_16UC1);
        for (int y = 0; y < ids.rows; ++y) {
            const auto* in = result.labels.ptr<std::uint16_t>(y);
            auto* out = ids.ptr<std::uint16_t>(y);
            for (int x = 0; x < ids.cols; ++x)
                out[x] = in[x] < job.classIds.size() ? job.classIds[in[x]] : kUnlabeled;
        }
        const std::optional<NgaWeights> nga
            = job.nga == effectiveNga(std::nullopt) ? std::nullopt : std::optional<NgaWeights>(job.nga);
        m_applyingLevelResult = true;
        doc->applyModelResult(ids, result.confidence, tr("Change NGA weights"), nga, job.mergeKey);
        m_applyingLevelResult = false;
    }
    if (doc == m_doc) {
        m_levelResultNga = job.nga;
        m_levelClassIds = job.classIds;
        m_levels->setResult(result, colorsOf(job.classIds), namesOf(job.classIds));
    }
    return true;
}

bool MainWindow::handleLevelJobEnded(quint64 id, const QString& failure, const QString& detail)
{
    if (m_levelJobs.erase(id) == 0)
        return false;
    if (!failure.isEmpty())
        showError(failure, detail);
    return true;
}

void MainWindow::levelsAfterRun(AnnotationDocument* doc, const SegmentationResult& result)
{
    if (doc != m_doc)
        return;
    m_levelResultNga = effectiveNga(m_runNga);
    m_levelClassIds = m_runClassIds;
    m_levels->setResult(result, colorsOf(m_runClassIds), namesOf(m_runClassIds));
}

void MainWindow::levelsImageChanged()
{
    m_levels->setImage(m_doc ? m_doc->image() : QImage());
    m_levelClassIds.clear();
    updateInspectorMarkers();
    if (!m_doc)
        return;
    // Each document reports its own NGA changes (undo and redo of NGA steps) once.
    if (!m_doc->property("cascadeclipNgaHooked").toBool()) {
        m_doc->setProperty("cascadeclipNgaHooked", true);
        AnnotationDocument* doc = m_doc;
        connect(doc, &AnnotationDocument::ngaWeightsChanged, this, [this, doc] { onDocumentNgaChanged(doc); });
    }
    m_ngaPanel->setWeights(effectiveNga(m_doc->ngaWeights()));
    if (m_levels->overridesCanvas())
        requestLevelDecode(false);
}

void MainWindow::onDocumentNgaChanged(AnnotationDocument* doc)
{
    if (doc != m_doc || m_applyingLevelResult)
        return;
    // Undo or redo of an NGA step: the sliders follow, and the level views are decoded again with those weights.
    const NgaWeights w = effectiveNga(doc->ngaWeights());
    m_ngaPanel->setWeights(w);
    if (m_levels->hasResult() && !(w == m_levelResultNga))
        requestLevelDecode(false);
}

std::vector<render::Rgb> MainWindow::colorsOf(const std::vector<std::uint16_t>& classIds) const
{
    std::vector<render::Rgb> colors;
    for (std::uint16_t id : classIds) {
        const int row = m_classes->rowOfId(id);
        const QColor c = row >= 0 ? m_classes->at(row).color : QColor(Qt::gray);
        colors.push_back({std::uint8_t(c.red()), std::uint8_t(c.green()), std::uint8_t(c.blue())});
    }
    return colors;
}

QStringList MainWindow::namesOf(const std::vector<std::uint16_t>& classIds) const
{
    QStringList names;
    for (std::uint16_t id : classIds) {
        const int row = m_classes->rowOfId(id);
        names << (row >= 0 ? m_classes->at(row).name : tr("removed class %1").arg(id));
    }
    return names;
}

void MainWindow::inspectPixel(const QPoint& pixel)
{
    if (!featuresCachedForCurrent() || m_classes->rowCount() == 0) {
        m_inspector->setStatus(tr("Run the model on this image first: the inspector reads the features it cached."));
        return;
    }
    m_inspectionClassIds.clear();
    const SegmentationRequest request = levelRequest(&m_inspectionClassIds);
    m_inspectionImage = m_doc->imagePath();
    m_inspectionNga = m_ngaPanel->weights();
    m_inspection = m_controller->inspect(pixel.x(), pixel.y(), request);
    m_inspector->setStatus(tr("Inspecting x %1, y %2…").arg(pixel.x()).arg(pixel.y()));
}

void MainWindow::onInspected(quint64 id, const PixelInspection& result)
{
    if (id != m_inspection)
        return;
    InspectorEntry entry;
    entry.inspection = result;
    entry.classNames = namesOf(m_inspectionClassIds);
    for (const render::Rgb& c : colorsOf(m_inspectionClassIds))
        entry.classColors.emplace_back(c[0], c[1], c[2]);
    entry.nga = m_inspectionNga;
    entry.imagePath = m_inspectionImage;
    m_inspector->addInspection(entry);
}

void MainWindow::updateInspectorMarkers()
{
    // The inspected pixels of the shown image, numbered as in the list.
    QList<QPoint> pixels;
    int current = -1;
    for (int i = 0; i < m_inspector->entryCount(); ++i) {
        const InspectorEntry& e = m_inspector->entry(i);
        if (!m_doc || e.imagePath != m_doc->imagePath())
            continue;
        if (i == m_inspector->selectedRow())
            current = int(pixels.size());
        pixels << QPoint(e.inspection.x, e.inspection.y);
    }
    m_canvas->setMarkers(pixels, current);
}

} // namespace cascadeclip::ui
