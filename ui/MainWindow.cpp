// SPDX-License-Identifier: MIT
#include "ui/MainWindow.h"

#include "ui/AnnotationDocument.h"
#include "ui/ClassListModel.h"
#include "ui/ImageCanvas.h"
#include "ui/ImageListModel.h"
#include "ui/LevelView.h"
#include "ui/Logging.h"
#include "ui/MessageWidget.h"
#include "ui/Project.h"
#include "ui/Settings.h"
#include "ui/Translations.h"

#include <cascadeclip/Runtime.h>
#include <cascadeclip/Version.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QColorDialog>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <opencv2/core.hpp>
#include <spdlog/spdlog.h>

namespace cascadeclip::ui {

namespace {

SegmenterFactory unavailableFactory()
{
    return [](const std::string&, const SegmenterOptions&) -> std::unique_ptr<Segmenter> {
        throw Error(ErrorCode::WeightsNotFound, "model loading is not available in this build");
    };
}

enum class Glyph { Brush, Eraser, Fill, Polygon, PolygonSubtract, Run, Mask, Contour, Open, Folder, Next, Previous };

// Small monochrome tool icons drawn at run time: the offscreen and minimal platforms have no icon theme, and the
// project ships no artwork yet.
QIcon glyphIcon(Glyph glyph)
{
    const int s = 32;
    QPixmap pm(s, s);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink(0x3a, 0x3f, 0x47);
    p.setPen(QPen(ink, 2.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    switch (glyph) {
    case Glyph::Brush:
        p.drawLine(QPointF(22, 5), QPointF(12, 19));
        p.setBrush(ink);
        p.drawEllipse(QPointF(10, 23), 5, 5);
        break;
    case Glyph::Eraser: {
        p.translate(16, 16);
        p.rotate(-35);
        p.drawRoundedRect(QRectF(-11, -6, 22, 12), 2, 2);
        p.setBrush(ink);
        p.drawRoundedRect(QRectF(-11, -6, 9, 12), 2, 2);
        break;
    }
    case Glyph::Fill: {
        QPainterPath bucket;
        bucket.moveTo(6, 13);
        bucket.lineTo(16, 4);
        bucket.lineTo(25, 13);
        bucket.lineTo(15, 23);
        bucket.closeSubpath();
        p.drawPath(bucket);
        p.setBrush(ink);
        p.drawEllipse(QPointF(26, 23), 3, 4);
        break;
    }
    case Glyph::Polygon:
    case Glyph::PolygonSubtract: {
        const QPolygonF poly({QPointF(6, 10), QPointF(17, 4), QPointF(27, 12), QPointF(22, 26), QPointF(8, 24)});
        p.drawPolygon(poly);
        p.setBrush(ink);
        for (const QPointF& pt : poly)
            p.drawEllipse(pt, 2.2, 2.2);
        if (glyph == Glyph::PolygonSubtract) {
            p.setPen(QPen(QColor(0xc0, 0x39, 0x2b), 3, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(11, 16), QPointF(21, 16));
        }
        break;
    }
    case Glyph::Run: {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xff, 0xff, 0xff));
        p.drawPolygon(QPolygonF({QPointF(10, 6), QPointF(26, 16), QPointF(10, 26)}));
        break;
    }
    case Glyph::Mask:
        p.drawRect(QRectF(5, 7, 22, 18));
        p.setBrush(QColor(0x4a, 0x90, 0xd9, 160));
        p.drawEllipse(QPointF(16, 16), 7, 6);
        break;
    case Glyph::Contour:
        p.drawRect(QRectF(5, 7, 22, 18));
        p.setPen(QPen(QColor(0x4a, 0x90, 0xd9), 2.4, Qt::DashLine));
        p.drawEllipse(QPointF(16, 16), 7, 6);
        break;
    case Glyph::Open:
        p.drawRect(QRectF(6, 6, 20, 20));
        p.drawPolyline(QPolygonF({QPointF(6, 22), QPointF(13, 14), QPointF(19, 20), QPointF(22, 17), QPointF(26, 21)}));
        p.drawEllipse(QPointF(21, 11), 2, 2);
        break;
    case Glyph::Folder:
        p.drawPolygon(QPolygonF(
            {QPointF(4, 9), QPointF(13, 9), QPointF(15, 12), QPointF(28, 12), QPointF(28, 25), QPointF(4, 25)}));
        break;
    case Glyph::Next:
        p.drawPolyline(QPolygonF({QPointF(12, 7), QPointF(21, 16), QPointF(12, 25)}));
        break;
    case Glyph::Previous:
        p.drawPolyline(QPolygonF({QPointF(20, 7), QPointF(11, 16), QPointF(20, 25)}));
        break;
    }
    return QIcon(pm);
}

// Draws each class's hotkey (1-9) at the right edge of its row, so the keys are discoverable.
class ClassDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        const int key = index.data(ClassListModel::HotkeyRole).toInt();
        if (key <= 0)
            return;
        painter->save();
        const bool selected = option.state & QStyle::State_Selected;
        const QRect box(option.rect.right() - 26, option.rect.center().y() - 9, 18, 18);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(selected ? option.palette.highlightedText().color() : option.palette.mid().color());
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter->drawText(box, Qt::AlignCenter, QString::number(key));
        painter->restore();
    }
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setHeight(std::max(s.height() + 8, 26));
        return s;
    }
};

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(unavailableFactory(), nullptr, parent)
{
}

MainWindow::MainWindow(SegmenterFactory factory, Settings* settings, QWidget* parent)
    : QMainWindow(parent)
{
    if (!settings) {
        m_ownedSettings = Settings::createDefault();
        settings = m_ownedSettings.get();
    }
    m_settings = settings;
    LogHub::instance();
    installLogHubSink();

    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Cascade-CLIP Studio"));
    resize(1280, 800);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_controller = new SegmentationController(std::move(factory), this);
    m_images = new ImageListModel(this);
    m_classes = new ClassListModel(this);
    m_undoGroup = new QUndoGroup(this);
    m_autosaveTimer = new QTimer(this);
    m_autosaveTimer->setSingleShot(true);
    connect(m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    // One writer thread: saves of the same file never overlap, and they finish in the order they started.
    m_savePool.setMaxThreadCount(1);

    setCentralWidget(createCentral());
    createDocks();
    createActions();
    setUpLevels();
    rebuildColorTable();

    connect(m_controller, &SegmentationController::modelLoaded, this, &MainWindow::onModelLoaded);
    connect(m_controller, &SegmentationController::modelFailed, this, &MainWindow::onModelFailed);
    connect(m_controller, &SegmentationController::started, this, &MainWindow::onJobStarted);
    connect(m_controller, &SegmentationController::progressChanged, this, &MainWindow::onJobProgress);
    connect(m_controller, &SegmentationController::finished, this, &MainWindow::onJobFinished);
    connect(m_controller, &SegmentationController::failed, this, &MainWindow::onJobFailed);
    connect(m_controller, &SegmentationController::canceled, this, &MainWindow::onJobCanceled);

    connect(m_classes, &QAbstractItemModel::dataChanged, this, [this] {
        rebuildColorTable();
        m_projectDirty = true;
        scheduleAutosave();
    });
    for (auto sig : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_classes, sig, this, [this] {
            rebuildColorTable();
            m_projectDirty = true;
            scheduleAutosave();
            updateActions();
        });
    }
    // The saved label maps and sidecars name the classes: rewrite the loaded ones when the class table changes.
    const auto classTableChanged = [this] {
        for (const auto& [path, doc] : m_documents)
            if (!doc->isBlank())
                m_unsaved.insert(doc.get());
    };
    connect(m_classes, &QAbstractItemModel::rowsRemoved, this, classTableChanged);
    connect(m_classes, &QAbstractItemModel::dataChanged, this, classTableChanged);
    connect(m_classes, &QAbstractItemModel::rowsMoved, this, [this] {
        m_projectDirty = true;
        scheduleAutosave();
    });
    connect(m_classes, &QAbstractItemModel::modelReset, this, [this] {
        rebuildColorTable();
        updateActions();
    });

    restoreSettings();
    statusBar()->showMessage(tr("No model configured"));
    updateEmptyState();
    updateActions();

    if (const QString model = m_settings->modelPath(); !model.isEmpty())
        loadModel(model);
}

MainWindow::~MainWindow()
{
    // A window destroyed without being closed (a parent going away, a crash handler) still saves the work.
    QString error;
    if (!saveAll(&error))
        logger()->error("could not save on exit: {}", error.toStdString());
    m_saveFuture.waitForFinished();
    // Documents emit while they are destroyed (undo stacks); disconnect before the members they reach go away.
    for (auto& [path, doc] : m_documents)
        doc->disconnect(this);
}

// ---------------------------------------------------------------------------------------------------------- layout

QWidget* MainWindow::createEmptyState()
{
    auto* page = new QWidget(this);
    page->setObjectName(QStringLiteral("emptyStatePage"));
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(2);

    auto* title = new QLabel(tr("Welcome to Cascade-CLIP Studio"), page);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);

    m_emptyStateLabel = new QLabel(page);
    m_emptyStateLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyStateLabel->setWordWrap(true);
    m_emptyStateLabel->setAlignment(Qt::AlignCenter);
    // A word-wrapped label in a centring layout gets no height-for-width; a fixed width gives it its real height.
    m_emptyStateLabel->setFixedWidth(560);
    m_emptyStateLabel->setMinimumHeight(m_emptyStateLabel->fontMetrics().lineSpacing() * 4);
    layout->addWidget(m_emptyStateLabel, 0, Qt::AlignHCenter);
    layout->addSpacing(8);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    auto* setupButton = new QPushButton(tr("Set Up Model…"), page);
    setupButton->setObjectName(QStringLiteral("setupModelButton"));
    connect(setupButton, &QPushButton::clicked, this, &MainWindow::chooseModel);
    buttons->addWidget(setupButton);
    auto* folderButton = new QPushButton(tr("Open Folder…"), page);
    folderButton->setObjectName(QStringLiteral("openFolderButton"));
    connect(folderButton, &QPushButton::clicked, this, &MainWindow::chooseFolder);
    buttons->addWidget(folderButton);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addStretch(3);
    return page;
}

QWidget* MainWindow::createCentral()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_message = new MessageWidget(central);
    auto* messageHolder = new QWidget(central);
    auto* messageLayout = new QVBoxLayout(messageHolder);
    messageLayout->setContentsMargins(6, 6, 6, 0);
    messageLayout->addWidget(m_message);
    layout->addWidget(messageHolder);

    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("centralStack"));
    m_stack->addWidget(createEmptyState());
    m_canvas = new ImageCanvas(m_stack);
    m_canvas->setObjectName(QStringLiteral("imageCanvas"));
    m_stack->addWidget(m_canvas);
    layout->addWidget(m_stack, 1);

    connect(m_canvas, &ImageCanvas::strokeStarted, this, &MainWindow::onStrokeStarted);
    connect(m_canvas, &ImageCanvas::strokeMoved, this, &MainWindow::onStrokeMoved);
    connect(m_canvas, &ImageCanvas::strokeFinished, this, &MainWindow::onStrokeFinished);
    connect(m_canvas, &ImageCanvas::fillRequested, this, &MainWindow::onFill);
    connect(m_canvas, &ImageCanvas::polygonFinished, this, &MainWindow::onPolygon);
    connect(m_canvas, &ImageCanvas::hovered, this, &MainWindow::onHovered);
    connect(m_canvas, &ImageCanvas::zoomChanged, this, [this](double zoom) {
        m_zoomLabel->setText(tr("%1%").arg(qRound(zoom * 100)));
        if (!m_restoring) {
            m_projectDirty = true;
            scheduleAutosave();
        }
    });

    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setObjectName(QStringLiteral("cursorInfoLabel"));
    m_cursorLabel->setMinimumWidth(260);
    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_zoomLabel->setMinimumWidth(48);
    m_zoomLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_modelLabel = new QLabel(tr("No model"), this);
    m_modelLabel->setObjectName(QStringLiteral("modelStatusLabel"));
    statusBar()->addPermanentWidget(m_cursorLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    statusBar()->addPermanentWidget(m_modelLabel);
    return central;
}

void MainWindow::createDocks()
{
    // Images
    auto* imagesDock = new QDockWidget(tr("Images"), this);
    imagesDock->setObjectName(QStringLiteral("imagesDock"));
    m_imageList = new QListView(imagesDock);
    m_imageList->setObjectName(QStringLiteral("imageListView"));
    m_imageList->setModel(m_images);
    m_imageList->setIconSize(QSize(ImageListModel::kThumbnailSize, ImageListModel::kThumbnailSize));
    m_imageList->setUniformItemSizes(true);
    m_imageList->setSpacing(2);
    m_imageList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_imageList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_imageList->setTextElideMode(Qt::ElideMiddle);
    m_imageList->setMinimumWidth(200);
    imagesDock->setWidget(m_imageList);
    addDockWidget(Qt::LeftDockWidgetArea, imagesDock);
    connect(m_imageList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            if (current.isValid() && current.row() != m_currentRow)
                setCurrentImage(current.row());
        });
    connect(m_images, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex&, const QModelIndex&, const QList<int>& roles) {
            if (roles.contains(ImageListModel::DoneRole)) {
                m_projectDirty = true;
                scheduleAutosave();
            }
        });

    // Classes
    auto* classesDock = new QDockWidget(tr("Classes"), this);
    classesDock->setObjectName(QStringLiteral("classesDock"));
    auto* classPanel = new QWidget(classesDock);
    auto* cl = new QVBoxLayout(classPanel);
    cl->setContentsMargins(6, 6, 6, 6);
    auto* addRow = new QHBoxLayout;
    m_classesEdit = new QLineEdit(classPanel);
    m_classesEdit->setObjectName(QStringLiteral("classesEdit"));
    m_classesEdit->setPlaceholderText(tr("Add classes: sky, road, car"));
    m_classesEdit->setClearButtonEnabled(true);
    auto* addButton = new QToolButton(classPanel);
    addButton->setObjectName(QStringLiteral("addClassButton"));
    addButton->setText(tr("Add"));
    addRow->addWidget(m_classesEdit, 1);
    addRow->addWidget(addButton);
    cl->addLayout(addRow);
    connect(m_classesEdit, &QLineEdit::returnPressed, this, &MainWindow::addTypedClasses);
    connect(addButton, &QToolButton::clicked, this, &MainWindow::addTypedClasses);

    m_classList = new QListView(classPanel);
    m_classList->setObjectName(QStringLiteral("classListView"));
    m_classList->setModel(m_classes);
    m_classList->setItemDelegate(new ClassDelegate(m_classList));
    m_classList->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_classList->setToolTip(tr("Keys 1–9 pick a class. Double-click to rename; the check box marks classes seen "
                               "in training."));
    cl->addWidget(m_classList, 1);
    connect(m_classList->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateToolColor();
        updateActions();
    });

    // Two rows: editing the selected class, then bringing class lists in and out. One row made the dock so wide
    // that the image list lost its file names.
    auto* editRow = new QHBoxLayout;
    auto* listRow = new QHBoxLayout;
    QHBoxLayout* buttonRow = editRow;
    const auto makeButton = [&](const QString& name, const QString& text, const QString& tip) {
        auto* b = new QToolButton(classPanel);
        b->setObjectName(name);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        buttonRow->addWidget(b);
        return b;
    };
    connect(makeButton(QStringLiteral("moveClassUpButton"), QStringLiteral("▲"), tr("Move up")), &QToolButton::clicked,
        this, [this] { moveSelectedClass(-1); });
    connect(makeButton(QStringLiteral("moveClassDownButton"), QStringLiteral("▼"), tr("Move down")),
        &QToolButton::clicked, this, [this] { moveSelectedClass(1); });
    connect(makeButton(QStringLiteral("classColorButton"), tr("Colour…"), tr("Change the colour of the class")),
        &QToolButton::clicked, this, &MainWindow::chooseClassColor);
    connect(makeButton(QStringLiteral("removeClassButton"), tr("Remove"), tr("Remove the class from the list")),
        &QToolButton::clicked, this, &MainWindow::removeSelectedClass);
    editRow->addStretch();
    buttonRow = listRow;
    m_modelClassesButton = makeButton(QStringLiteral("useModelClassesButton"), tr("From Model"),
        tr("Add the classes the model was trained on, with their seen flags"));
    connect(m_modelClassesButton, &QToolButton::clicked, this, &MainWindow::addModelClasses);
    connect(makeButton(QStringLiteral("importLabelsButton"), tr("Import…"), tr("Import class names from labels.txt")),
        &QToolButton::clicked, this, &MainWindow::importLabels);
    connect(makeButton(QStringLiteral("exportLabelsButton"), tr("Export…"), tr("Export class names to labels.txt")),
        &QToolButton::clicked, this, &MainWindow::exportLabels);
    listRow->addStretch();
    cl->addLayout(editRow);
    cl->addLayout(listRow);
    classesDock->setWidget(classPanel);
    addDockWidget(Qt::RightDockWidgetArea, classesDock);

    // Log
    auto* logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    m_logView = new QPlainTextEdit(logDock);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setReadOnly(true);
    m_logView->setMaximumBlockCount(5000);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(mono.pointSizeF() * 0.9);
    m_logView->setFont(mono);
    logDock->setWidget(m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
    resizeDocks({logDock}, {110}, Qt::Vertical);
    resizeDocks({imagesDock, classesDock}, {210, 250}, Qt::Horizontal);
    const auto appendLog = [this](int level, const QString& line) {
        // Warnings and errors stand out. Every line names its colour, so none inherits the previous line's.
        QString color = m_logView->palette().text().color().name();
        if (level >= spdlog::level::err)
            color = QStringLiteral("#c0392b");
        else if (level == spdlog::level::warn)
            color = QStringLiteral("#b9770e");
        m_logView->appendHtml(
            QStringLiteral("<span style=\"color:%1; white-space:pre\">%2</span>").arg(color, line.toHtmlEscaped()));
    };
    quint64 seen = 0;
    for (const LogHub::Line& l : LogHub::instance().history()) {
        appendLog(l.level, l.text);
        seen = l.sequence;
    }
    connect(&LogHub::instance(), &LogHub::messageLogged, this,
        [appendLog, seen](quint64 sequence, int level, const QString& line) {
            if (sequence > seen)
                appendLog(level, line);
        });
}

void MainWindow::createActions()
{
    // File
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* openImage
        = fileMenu->addAction(glyphIcon(Glyph::Open), tr("&Open Image…"), this, &MainWindow::chooseImage);
    openImage->setObjectName(QStringLiteral("openImageAction"));
    openImage->setShortcut(QKeySequence::Open);
    QAction* openFolder
        = fileMenu->addAction(glyphIcon(Glyph::Folder), tr("Open &Folder…"), this, &MainWindow::chooseFolder);
    openFolder->setObjectName(QStringLiteral("openFolderAction"));
    openFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    QAction* setupModel = fileMenu->addAction(tr("Set Up &Model…"), this, &MainWindow::chooseModel);
    setupModel->setObjectName(QStringLiteral("setupModelAction"));
    fileMenu->addSeparator();
    QAction* save = fileMenu->addAction(tr("&Save"), this, [this] {
        QString error;
        if (!saveAll(&error))
            showError(tr("Could not save the annotations."), error);
        else
            statusBar()->showMessage(tr("Saved"), 2000);
    });
    save->setObjectName(QStringLiteral("saveAction"));
    save->setShortcut(QKeySequence::Save);
    QAction* exportAction = fileMenu->addAction(tr("&Export…"), this, &MainWindow::showExportDialog);
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    // Edit
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    // Both conventions (ecosystem.md §3.4): Ctrl+Shift+Z and Ctrl+Y.
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    editMenu->addAction(undo);
    editMenu->addAction(redo);

    // Navigation
    m_nextAction = new QAction(glyphIcon(Glyph::Next), tr("&Next Image"), this);
    m_nextAction->setObjectName(QStringLiteral("nextImageAction"));
    m_nextAction->setShortcut(QKeySequence(Qt::Key_D));
    connect(m_nextAction, &QAction::triggered, this, [this] { setCurrentImage(m_currentRow + 1); });
    m_previousAction = new QAction(glyphIcon(Glyph::Previous), tr("&Previous Image"), this);
    m_previousAction->setObjectName(QStringLiteral("previousImageAction"));
    m_previousAction->setShortcut(QKeySequence(Qt::Key_A));
    connect(m_previousAction, &QAction::triggered, this, [this] { setCurrentImage(m_currentRow - 1); });

    // Main toolbar: files, navigation, run.
    QToolBar* main = addToolBar(tr("Main"));
    main->setObjectName(QStringLiteral("mainToolBar"));
    main->setMovable(false);
    main->setIconSize(QSize(20, 20));
    main->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    main->addAction(openImage);
    main->addAction(openFolder);
    main->addSeparator();
    main->addAction(m_previousAction);
    main->addAction(m_nextAction);
    main->addSeparator();
    m_runButton = new QPushButton(glyphIcon(Glyph::Run), tr("Run"), main);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Segment the image with the classes in the panel (Ctrl+Return)"));
    m_runButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_runButton->setStyleSheet(QStringLiteral(
        "QPushButton{background:#2f6fdf;color:white;border:none;border-radius:4px;padding:5px 14px;font-weight:600;}"
        "QPushButton:hover{background:#3b7cf0;} QPushButton:disabled{background:#9db5df;}"));
    connect(m_runButton, &QPushButton::clicked, this, &MainWindow::run);
    main->addWidget(m_runButton);
    m_cancelButton = new QPushButton(tr("Cancel"), main);
    m_cancelButton->setToolTip(tr("Stop the running segmentation (Esc)"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setEnabled(false);
    connect(m_cancelButton, &QPushButton::clicked, m_controller, &SegmentationController::cancel);
    main->addWidget(m_cancelButton);
    // In the status bar, where progress is expected and where it never pushes toolbar items into the overflow.
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("runProgressBar"));
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v / %m windows"));
    m_progress->setMaximumHeight(16);
    m_progress->setVisible(false);
    statusBar()->insertPermanentWidget(0, m_progress);
    main->addSeparator();
    main->addWidget(new QLabel(tr(" Threshold "), main));
    m_thresholdSlider = new QSlider(Qt::Horizontal, main);
    m_thresholdSlider->setObjectName(QStringLiteral("thresholdSlider"));
    m_thresholdSlider->setRange(0, 100);
    m_thresholdSlider->setMaximumWidth(140);
    m_thresholdSlider->setToolTip(tr("Pixels whose best class scores below this are left unlabeled"));
    main->addWidget(m_thresholdSlider);
    m_thresholdValue = new QLabel(QLocale().toString(0.0, 'f', 2), main);
    m_thresholdValue->setObjectName(QStringLiteral("thresholdValueLabel"));
    m_thresholdValue->setMinimumWidth(34);
    main->addWidget(m_thresholdValue);
    connect(m_thresholdSlider, &QSlider::valueChanged, this, [this](int v) {
        m_thresholdValue->setText(QLocale().toString(v / 100.0, 'f', 2));
        renderOverlay(QRect());
        if (m_doc && m_doc->hasModelResult())
            m_unsaved.insert(m_doc);
        m_projectDirty = true;
        if (!m_restoring)
            scheduleAutosave();
    });
    main->addSeparator();
    main->addWidget(new QLabel(tr(" Opacity "), main));
    m_opacitySlider = new QSlider(Qt::Horizontal, main);
    m_opacitySlider->setObjectName(QStringLiteral("overlayOpacitySlider"));
    m_opacitySlider->setRange(0, 100);
    m_opacitySlider->setMaximumWidth(120);
    main->addWidget(m_opacitySlider);
    connect(m_opacitySlider, &QSlider::valueChanged, this, [this](int v) {
        m_canvas->setOverlayOpacity(v / 100.0);
        remember(Settings::Key::OverlayOpacity, v);
        m_projectDirty = true;
        if (!m_restoring)
            scheduleAutosave();
    });
    m_maskAction = main->addAction(glyphIcon(Glyph::Mask), tr("Mask"));
    m_maskAction->setObjectName(QStringLiteral("toggleMaskAction"));
    m_maskAction->setCheckable(true);
    m_maskAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_maskAction->setToolTip(tr("Show or hide the mask (Ctrl+M)"));
    connect(m_maskAction, &QAction::toggled, this, [this](bool on) {
        m_canvas->setMaskVisible(on);
        remember(Settings::Key::ShowMask, on);
        m_projectDirty = true;
    });
    m_contourAction = main->addAction(glyphIcon(Glyph::Contour), tr("Contours"));
    m_contourAction->setObjectName(QStringLiteral("contourOnlyAction"));
    m_contourAction->setCheckable(true);
    m_contourAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_contourAction->setToolTip(tr("Draw only the outlines of regions (Ctrl+Shift+M)"));
    connect(m_contourAction, &QAction::toggled, this, [this](bool on) {
        remember(Settings::Key::ContourOnly, on);
        m_canvas->setOverlayOpaque(on);
        renderOverlay(QRect());
        m_projectDirty = true;
    });

    // Tools toolbar (left edge).
    QToolBar* tools = new QToolBar(tr("Tools"), this);
    tools->setObjectName(QStringLiteral("toolsToolBar"));
    tools->setIconSize(QSize(22, 22));
    addToolBar(Qt::LeftToolBarArea, tools);
    m_toolGroup = new QActionGroup(this);
    const auto addTool
        = [&](ImageCanvas::Tool tool, Glyph glyph, const QString& name, const QString& text, const QKeySequence& key) {
              QAction* a = tools->addAction(glyphIcon(glyph), text);
              a->setObjectName(name);
              a->setCheckable(true);
              a->setShortcut(key);
              a->setToolTip(tr("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
              a->setData(int(tool));
              m_toolGroup->addAction(a);
              connect(a, &QAction::triggered, this, [this, tool] { m_canvas->setTool(tool); });
              return a;
          };
    addTool(
        ImageCanvas::Tool::Brush, Glyph::Brush, QStringLiteral("brushToolAction"), tr("Brush"), QKeySequence(Qt::Key_B))
        ->setChecked(true);
    addTool(ImageCanvas::Tool::Eraser, Glyph::Eraser, QStringLiteral("eraserToolAction"), tr("Eraser"),
        QKeySequence(Qt::Key_E));
    addTool(
        ImageCanvas::Tool::Fill, Glyph::Fill, QStringLiteral("fillToolAction"), tr("Fill"), QKeySequence(Qt::Key_G));
    addTool(ImageCanvas::Tool::PolygonAdd, Glyph::Polygon, QStringLiteral("polygonToolAction"), tr("Polygon"),
        QKeySequence(Qt::Key_P));
    addTool(ImageCanvas::Tool::PolygonSubtract, Glyph::PolygonSubtract, QStringLiteral("polygonSubtractToolAction"),
        tr("Subtract polygon"), QKeySequence(Qt::SHIFT | Qt::Key_P));
    tools->addSeparator();
    m_brushSpin = new QSpinBox(tools);
    m_brushSpin->setObjectName(QStringLiteral("brushSizeSpinBox"));
    m_brushSpin->setRange(0, 200);
    m_brushSpin->setToolTip(tr("Brush radius in image pixels ([ and ])"));
    m_brushSpin->setSuffix(tr(" px"));
    tools->addWidget(m_brushSpin);
    connect(m_brushSpin, &QSpinBox::valueChanged, this, [this](int v) {
        m_canvas->setBrushRadius(v);
        remember(Settings::Key::BrushRadius, v);
    });
    auto* smaller = new QAction(tr("Smaller Brush"), this);
    smaller->setObjectName(QStringLiteral("smallerBrushAction"));
    smaller->setShortcut(QKeySequence(Qt::Key_BracketLeft));
    connect(smaller, &QAction::triggered, this,
        [this] { m_brushSpin->setValue(std::max(0, m_brushSpin->value() * 4 / 5)); });
    auto* larger = new QAction(tr("Larger Brush"), this);
    larger->setObjectName(QStringLiteral("largerBrushAction"));
    larger->setShortcut(QKeySequence(Qt::Key_BracketRight));
    connect(larger, &QAction::triggered, this,
        [this] { m_brushSpin->setValue(std::max(m_brushSpin->value() + 1, m_brushSpin->value() * 5 / 4)); });
    addAction(smaller);
    addAction(larger);
    m_onlyUnlabeledAction = tools->addAction(tr("Only\nunlabeled"));
    m_onlyUnlabeledAction->setObjectName(QStringLiteral("paintOnlyUnlabeledAction"));
    m_onlyUnlabeledAction->setCheckable(true);
    m_onlyUnlabeledAction->setToolTip(tr("Paint only pixels that have no label yet"));
    connect(m_onlyUnlabeledAction, &QAction::toggled, this,
        [this](bool on) { remember(Settings::Key::PaintOnlyUnlabeled, on); });

    // View menu
    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* zoomIn = viewMenu->addAction(tr("Zoom &In"), m_canvas, &ImageCanvas::zoomIn);
    zoomIn->setObjectName(QStringLiteral("zoomInAction"));
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction* zoomOut = viewMenu->addAction(tr("Zoom &Out"), m_canvas, &ImageCanvas::zoomOut);
    zoomOut->setObjectName(QStringLiteral("zoomOutAction"));
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* fit = viewMenu->addAction(tr("&Fit to Window"), m_canvas, &ImageCanvas::fitToWindow);
    fit->setObjectName(QStringLiteral("fitToWindowAction"));
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    QAction* actual
        = viewMenu->addAction(tr("&Actual Size"), this, [this] { m_canvas->setView(1.0, m_canvas->viewCenter()); });
    actual->setObjectName(QStringLiteral("actualSizeAction"));
    actual->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    viewMenu->addSeparator();
    viewMenu->addAction(m_maskAction);
    viewMenu->addAction(m_contourAction);
    viewMenu->addSeparator();
    viewMenu->addAction(m_nextAction);
    viewMenu->addAction(m_previousAction);
    viewMenu->addSeparator();
    viewMenu->addMenu(i18n::createLanguageMenu(m_settings, this));

    QMenu* toolsMenu = menuBar()->addMenu(tr("&Tools"));
    toolsMenu->addActions(m_toolGroup->actions());
    toolsMenu->addSeparator();
    toolsMenu->addAction(smaller);
    toolsMenu->addAction(larger);
    toolsMenu->addAction(m_onlyUnlabeledAction);

    // Class hotkeys 1-9 (ecosystem.md §3.4). Typing digits into a text field still types digits: line edits take
    // printable keys before window shortcuts.
    for (int i = 0; i < 9; ++i) {
        auto* sc = new QShortcut(QKeySequence(Qt::Key_1 + i), this);
        connect(sc, &QShortcut::activated, this, [this, i] {
            if (i < m_classes->rowCount())
                selectClassRow(i);
        });
    }

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* aboutAction = helpMenu->addAction(tr("&About Cascade-CLIP Studio"), this, [this] {
        QMessageBox::about(this, tr("About Cascade-CLIP Studio"),
            tr("<b>Cascade-CLIP Studio %1</b><p>Zero-shot semantic segmentation with Cascade-CLIP.</p>"
               "<p>Qt %2</p><pre>%3</pre>")
                .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion()),
                    QString::fromStdString(runtimeReport()).toHtmlEscaped()));
    });
    aboutAction->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::restoreSettings()
{
    m_restoring = true;
    m_opacitySlider->setValue(m_settings->overlayOpacity());
    m_canvas->setOverlayOpacity(m_settings->overlayOpacity() / 100.0);
    m_maskAction->setChecked(m_settings->showMask());
    m_canvas->setMaskVisible(m_settings->showMask());
    m_contourAction->setChecked(m_settings->contourOnly());
    m_canvas->setOverlayOpaque(m_settings->contourOnly());
    m_brushSpin->setValue(m_settings->brushRadius());
    m_canvas->setBrushRadius(m_settings->brushRadius());
    m_onlyUnlabeledAction->setChecked(m_settings->paintOnlyUnlabeled());
    m_autosaveTimer->setInterval(m_settings->autosaveDelayMs());
    restoreGeometry(m_settings->value(Settings::Key::WindowGeometry).toByteArray());
    restoreState(m_settings->value(Settings::Key::WindowState).toByteArray());
    m_restoring = false;
}

// ------------------------------------------------------------------------------------------------- model and files

void MainWindow::chooseModel()
{
    showModelSetup();
}

void MainWindow::chooseImage()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Image"), m_settings->lastDirectory(),
        tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)"));
    if (!path.isEmpty())
        openImage(path);
}

void MainWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder"), m_settings->lastDirectory());
    if (!folder.isEmpty())
        openFolder(folder);
}

void MainWindow::loadModel(const QString& path)
{
    SegmenterOptions options;
    options.device = m_settings->device().toStdString();
    options.threads = m_settings->computeThreads();
    m_modelLabel->setText(tr("Loading model…"));
    statusBar()->showMessage(tr("Loading model “%1”…").arg(QFileInfo(path).fileName()));
    m_modelLoading = true;
    m_controller->loadModel(path, options);
    updateActions();
}

void MainWindow::onModelLoaded(const ModelInfo& info)
{
    m_modelLoading = false;
    m_modelPath = QString::fromStdString(info.weightsPath);
    m_settings->setValue(Settings::Key::ModelPath, m_modelPath);
    m_cachedFeaturesPath.clear();
    const QString device = QString::fromStdString(info.device);
    m_modelLabel->setText(tr("Model: %1 (%2)").arg(QFileInfo(m_modelPath).fileName(), device));
    statusBar()->showMessage(tr("Model ready"), 3000);
    m_projectDirty = true;
    scheduleAutosave();
    updateEmptyState();
    updateActions();
}

void MainWindow::onModelFailed(const QString& path, const QString& detail, ErrorCode code)
{
    m_modelLoading = false;
    m_modelLabel->setText(tr("No model"));
    statusBar()->showMessage(tr("No model configured"));
    showError(tr("Could not load the model “%1”: %2.").arg(QFileInfo(path).fileName(), reasonFor(code)), detail);
    updateEmptyState();
    updateActions();
}

bool MainWindow::openImage(const QString& path)
{
    const QFileInfo info(path);
    if (!openFolder(info.absolutePath()))
        return false;
    const int row = m_images->rowOfFileName(info.fileName());
    if (row < 0) {
        showError(tr("Could not open “%1”: it is not an image this program can read.").arg(info.fileName()), path);
        return false;
    }
    setCurrentImage(row);
    return true;
}

bool MainWindow::openFolder(const QString& folderPath)
{
    const QString folder = QFileInfo(folderPath).absoluteFilePath();
    if (!QFileInfo(folder).isDir()) {
        showError(tr("Could not open the folder “%1”: it does not exist.").arg(folderPath), folderPath);
        return false;
    }
    if (folder == m_projectFolder)
        return true;
    closeProject();
    m_settings->setValue(Settings::Key::LastDirectory, folder);

    QString error;
    const std::optional<ProjectData> data = project::load(folder, &error);
    if (!data && !error.isEmpty()) {
        // An unreadable project file is left alone (not overwritten) and the folder is not opened.
        showError(tr("Could not open the project in “%1”: its project file is unreadable.")
                      .arg(QDir::toNativeSeparators(folder)),
            error);
        logger()->error("{}", error.toStdString());
        return false;
    }
    m_projectFolder = folder;
    const QStringList files = ImageListModel::scanFolder(folder);
    m_images->setImages(folder, files);
    const QString annotations = project::annotationsDir(folder);
    for (int row = 0; row < files.size(); ++row)
        m_images->setAnnotated(row, QFileInfo::exists(AnnotationDocument::sidecarPath(annotations, files.at(row))));
    logger()->info("opened folder {} ({} images)", folder.toStdString(), files.size());

    int startRow = files.isEmpty() ? -1 : 0;
    m_restoring = true;
    if (data) {
        m_classes->setClasses(data->classes, data->nextClassId);
        for (const QString& done : data->doneImages)
            m_images->setDone(m_images->rowOfFileName(done), true);
        m_opacitySlider->setValue(data->overlayOpacity);
        m_maskAction->setChecked(data->showMask);
        m_contourAction->setChecked(data->contourOnly);
        m_thresholdSlider->setValue(qRound(data->threshold * 100));
        if (const int row = m_images->rowOfFileName(data->currentImage); row >= 0)
            startRow = row;
        if (!data->modelPath.isEmpty() && data->modelPath != m_modelPath)
            loadModel(data->modelPath);
    }
    m_restoring = false;
    m_projectDirty = !data.has_value();
    if (files.isEmpty())
        m_message->showMessage(
            tr("The folder “%1” contains no images this program can read.").arg(QDir::toNativeSeparators(folder)),
            MessageWidget::Type::Warning);
    if (startRow >= 0)
        setCurrentImage(startRow);
    if (data && data->zoom > 0 && m_doc) {
        m_restoring = true;
        m_canvas->setView(data->zoom, data->center);
        m_restoring = false;
    }
    updateTitle();
    updateEmptyState();
    updateActions();
    if (m_projectDirty)
        scheduleAutosave();
    return true;
}

void MainWindow::closeProject()
{
    // A result for an image of the old project has nowhere to go.
    m_controller->cancel();
    if (!m_projectFolder.isEmpty()) {
        QString error;
        if (!saveAll(&error))
            showError(tr("Could not save the annotations."), error);
    }
    m_undoGroup->setActiveStack(nullptr);
    for (auto& [path, doc] : m_documents)
        doc->disconnect(this);
    m_doc = nullptr;
    m_currentRow = -1;
    m_unsaved.clear();
    m_documents.clear();
    m_cachedFeaturesPath.clear();
    m_projectFolder.clear();
    m_images->clear();
    m_canvas->setImage(QImage());
}

void MainWindow::setCurrentImage(int row)
{
    if (row < 0 || row >= m_images->count())
        return;
    if (m_unsaved.contains(m_doc))
        m_autosaveTimer->start(0);
    const QString path = m_images->path(row);
    auto it = m_documents.find(path);
    if (it == m_documents.end()) {
        auto doc = std::make_unique<AnnotationDocument>(path);
        QString error;
        if (!doc->loadImage(&error, m_settings->maxImagePixels())) {
            showError(
                tr("Could not open “%1”: %2.").arg(QFileInfo(path).fileName(), reasonFor(ErrorCode::ImageUnreadable)),
                QStringLiteral("%1: %2").arg(path, error));
            logger()->error("cannot read image {}: {}", path.toStdString(), error.toStdString());
            // Keep the list's selection on the image that is still shown.
            const QSignalBlocker block(m_imageList->selectionModel());
            m_imageList->setCurrentIndex(m_currentRow >= 0 ? m_images->index(m_currentRow) : QModelIndex());
            return;
        }
        if (!doc->loadAnnotation(project::annotationsDir(m_projectFolder), &error)) {
            m_message->showMessage(tr("The saved annotation of “%1” could not be read. It is kept as it is and will "
                                      "not be overwritten.")
                                       .arg(doc->fileName()),
                MessageWidget::Type::Warning, error);
            logger()->warn("{}", error.toStdString());
        }
        AnnotationDocument* raw = doc.get();
        connect(raw, &AnnotationDocument::changed, this, [this, raw](const QRect& r) { onDocumentChanged(raw, r); });
        m_undoGroup->addStack(raw->undoStack());
        it = m_documents.emplace(path, std::move(doc)).first;
    }
    m_doc = it->second.get();
    m_currentRow = row;
    m_undoGroup->setActiveStack(m_doc->undoStack());
    {
        const QSignalBlocker block(m_imageList->selectionModel());
        m_imageList->setCurrentIndex(m_images->index(row));
    }
    m_imageList->scrollTo(m_images->index(row));
    m_canvas->setImage(m_doc->image());
    renderOverlay(QRect());
    m_stack->setCurrentWidget(m_canvas);
    levelsImageChanged();
    if (!m_restoring) {
        m_projectDirty = true;
        scheduleAutosave();
    }
    updateTitle();
    updateActions();
}

// ---------------------------------------------------------------------------------------------------- classes

void MainWindow::addTypedClasses()
{
    const QString text = m_classesEdit->text();
    const int before = m_classes->rowCount();
    const int added = m_classes->addClasses(text);
    if (added == 0 && !text.trimmed().isEmpty())
        statusBar()->showMessage(tr("Those classes are already in the list"), 3000);
    m_classesEdit->clear();
    if (currentClassRow() < 0 && m_classes->rowCount() > 0)
        selectClassRow(before < m_classes->rowCount() ? before : 0);
}

int MainWindow::currentClassRow() const
{
    const QModelIndex idx = m_classList->currentIndex();
    return idx.isValid() ? idx.row() : -1;
}

void MainWindow::selectClassRow(int row)
{
    m_classList->setCurrentIndex(m_classes->index(row));
    updateToolColor();
    statusBar()->showMessage(tr("Class: %1").arg(m_classes->at(row).name), 2000);
}

void MainWindow::addModelClasses()
{
    if (!m_controller->hasModel())
        return;
    const ModelInfo& info = m_controller->modelInfo();
    const int before = m_classes->rowCount();
    for (size_t i = 0; i < info.classNames.size(); ++i) {
        const int row = m_classes->addClass(QString::fromStdString(info.classNames[i]));
        const bool seen = std::find(info.seenIndices.begin(), info.seenIndices.end(), int(i)) != info.seenIndices.end();
        if (row >= 0 && seen)
            m_classes->setData(m_classes->index(row), true, ClassListModel::SeenRole);
    }
    if (currentClassRow() < 0 && m_classes->rowCount() > before)
        selectClassRow(before);
}

void MainWindow::removeSelectedClass()
{
    const int row = currentClassRow();
    if (row < 0)
        return;
    const std::uint16_t id = m_classes->at(row).id;
    const auto remove = [this, id] {
        const int at = m_classes->rowOfId(id);
        if (at < 0)
            return;
        m_classes->removeRows(at, 1);
        if (m_classes->rowCount() > 0)
            selectClassRow(std::min(at, m_classes->rowCount() - 1));
    };
    // Removing a class unlabels its pixels when the annotations are next saved, and the class list is not on the
    // undo stack: ask first when the image in view has any.
    const int pixels = m_doc ? cv::countNonZero(m_doc->composite(threshold()) == id) : 0;
    if (pixels == 0) {
        remove();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove Class"),
        tr("“%1” labels %n pixel(s) of this image.", nullptr, pixels).arg(m_classes->at(row).name),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeClassConfirm"));
    box->setInformativeText(tr("Removing the class leaves its pixels unlabeled, in this image and in every other "
                               "image it labels, when they are next saved. This cannot be undone."));
    QPushButton* confirm = box->addButton(tr("Remove Class"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmRemoveClassButton"));
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QAbstractButton::clicked, this, remove);
    box->open(); // window-modal and asynchronous: the event loop keeps turning
}

void MainWindow::moveSelectedClass(int delta)
{
    const int row = currentClassRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_classes->rowCount())
        return;
    m_classes->moveRows({}, row, 1, {}, delta > 0 ? target + 1 : target);
    selectClassRow(target);
}

void MainWindow::chooseClassColor()
{
    const int row = currentClassRow();
    if (row < 0)
        return;
    const QColor color = QColorDialog::getColor(m_classes->at(row).color, this, tr("Class Colour"));
    if (color.isValid())
        m_classes->setData(m_classes->index(row), color, ClassListModel::ColorRole);
}

void MainWindow::importLabels()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import Labels"), m_projectFolder, tr("Label lists (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_classes->importLabels(path, &error))
        showError(tr("Could not import “%1”.").arg(QFileInfo(path).fileName()), error);
}

void MainWindow::exportLabels()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Labels"),
        QDir(m_projectFolder).filePath(QStringLiteral("labels.txt")), tr("Label lists (*.txt)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_classes->exportLabels(path, &error))
        showError(tr("Could not export “%1”.").arg(QFileInfo(path).fileName()), error);
}

void MainWindow::rebuildColorTable()
{
    m_colorTable.assign(0x10000, 0);
    for (const ClassEntry& c : m_classes->classes())
        m_colorTable[c.id] = c.color.rgb() | 0xff000000u;
    updateToolColor();
    renderOverlay(QRect());
}

void MainWindow::updateToolColor()
{
    const int row = currentClassRow();
    m_canvas->setToolColor(row >= 0 ? m_classes->at(row).color : QColor(Qt::white));
}

// ------------------------------------------------------------------------------------------------------ running

float MainWindow::threshold() const
{
    return m_thresholdSlider->value() / 100.0f;
}

void MainWindow::run()
{
    if (!m_doc) {
        m_message->showMessage(
            tr("Open an image or a folder first (Ctrl+O / Ctrl+U)."), MessageWidget::Type::Information);
        return;
    }
    if (m_modelLoading) {
        m_message->showMessage(tr("The model is still loading. Run again when the status bar shows it is ready."),
            MessageWidget::Type::Information);
        return;
    }
    if (!m_controller->hasModel()) {
        m_message->showMessage(
            tr("No model is loaded. Use “Set Up Model…” to choose a model bundle."), MessageWidget::Type::Warning);
        return;
    }
    if (m_classes->rowCount() == 0) {
        m_message->showMessage(
            tr("Type at least one class name in the Classes panel, then run again."), MessageWidget::Type::Information);
        m_classesEdit->setFocus();
        return;
    }
    SegmentationRequest request;
    m_runClassIds.clear();
    for (const ClassEntry& c : m_classes->classes()) {
        request.classNames.push_back(c.name.toStdString());
        request.seen.push_back(c.seen);
        m_runClassIds.push_back(c.id);
    }
    request.inductive = m_controller->modelInfo().inductive;
    // The threshold is applied live on the GUI side from the confidence map, so the model returns every label.
    request.threshold = 0.0f;
    applyLevelOptions(request);
    m_runImagePath = m_doc->imagePath();
    if (m_cachedFeaturesPath == m_runImagePath) {
        m_runJob = m_controller->redecode(m_doc->fileName(), request);
    } else {
        m_cachedFeaturesPath.clear();
        m_runJob = m_controller->segment(m_doc->fileName(), m_doc->bgr(), request);
    }
    m_message->hide();
    setRunning(true);
}

void MainWindow::setRunning(bool running)
{
    m_cancelButton->setEnabled(running);
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0);
        statusBar()->showMessage(tr("Segmenting “%1”…").arg(QFileInfo(m_runImagePath).fileName()));
    }
}

void MainWindow::onJobStarted(quint64 id)
{
    if (id == m_runJob)
        logger()->info("segmenting {}", m_runImagePath.toStdString());
}

void MainWindow::onJobProgress(quint64 id, int done, int total)
{
    if (id != m_runJob)
        return;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void MainWindow::onJobFinished(quint64 id, const SegmentationResult& result)
{
    if (handleLevelJobFinished(id, result))
        return;
    if (id != m_runJob)
        return;
    setRunning(false);
    m_cachedFeaturesPath = m_runImagePath;
    auto it = m_documents.find(m_runImagePath);
    if (it == m_documents.end())
        return; // the project was closed meanwhile
    AnnotationDocument* doc = it->second.get();
    if (result.labels.size() != doc->bgr().size() || result.confidence.size() != doc->bgr().size()) {
        showError(tr("Could not segment “%1”: %2.").arg(doc->fileName(), reasonFor(ErrorCode::Internal)),
            tr("result is %1x%2, image is %3x%4")
                .arg(result.labels.cols)
                .arg(result.labels.rows)
                .arg(doc->bgr().cols)
                .arg(doc->bgr().rows));
        return;
    }
    // Model labels are indices into the request's class list; store the classes' stable ids.
    cv::Mat ids(result.labels.size(), CV_16UC1);
    for (int y = 0; y < ids.rows; ++y) {
        const auto* in = result.labels.ptr<std::uint16_t>(y);
        auto* out = ids.ptr<std::uint16_t>(y);
        for (int x = 0; x < ids.cols; ++x)
            out[x] = in[x] < m_runClassIds.size() ? m_runClassIds[in[x]] : kUnlabeled;
    }
    doc->applyModelResult(ids, result.confidence,
        tr("Segment with %n class(es)", nullptr, static_cast<int>(m_runClassIds.size())), m_runNga);
    levelsAfterRun(doc, result);
    m_images->setAnnotated(m_images->rowOfFileName(doc->fileName()), true);
    statusBar()->showMessage(tr("Segmented “%1” (%n window(s))", nullptr, result.windows).arg(doc->fileName()), 4000);
}

void MainWindow::onJobFailed(quint64 id, const QString& context, const QString& detail, ErrorCode code)
{
    if (handleLevelJobEnded(id, tr("Could not re-decode “%1”: %2.").arg(context, reasonFor(code)), detail))
        return;
    if (id != m_runJob)
        return;
    setRunning(false);
    statusBar()->clearMessage();
    showError(tr("Could not segment “%1”: %2.").arg(context, reasonFor(code)), detail);
}

void MainWindow::onJobCanceled(quint64 id)
{
    if (handleLevelJobEnded(id))
        return;
    if (id != m_runJob)
        return;
    setRunning(false);
    statusBar()->showMessage(tr("Canceled"), 3000);
}

QString MainWindow::reasonFor(ErrorCode code) const
{
    switch (code) {
    case ErrorCode::WeightsNotFound:
        return tr("the model file was not found");
    case ErrorCode::WeightsMalformed:
        return tr("the model file is damaged or is not a Cascade-CLIP model bundle");
    case ErrorCode::ImageUnreadable:
        return tr("the image could not be read");
    case ErrorCode::InvalidInput:
        return tr("the request is not valid");
    case ErrorCode::OutOfMemory:
        return tr("there is not enough memory");
    case ErrorCode::DeviceUnavailable:
        return tr("the compute device is not available");
    case ErrorCode::Io:
        return tr("a file could not be read or written");
    case ErrorCode::Internal:
        break;
    }
    return tr("an internal error occurred");
}

void MainWindow::showError(const QString& text, const QString& detail)
{
    m_message->showMessage(text, MessageWidget::Type::Error, detail);
    logger()->error("{} {}", text.toStdString(), detail.toStdString());
}

// ------------------------------------------------------------------------------------------------------- editing

void MainWindow::onStrokeStarted(const QPointF&)
{
    if (!m_doc)
        return;
    if (m_canvas->tool() == ImageCanvas::Tool::Brush && currentClassRow() < 0) {
        m_message->showMessage(tr("Add a class and select it to paint with it."), MessageWidget::Type::Information);
        return;
    }
    m_doc->beginStroke();
}

void MainWindow::onStrokeMoved(const QPointF& from, const QPointF& to)
{
    if (!m_doc || !m_doc->isStroking())
        return;
    const bool erase = m_canvas->tool() == ImageCanvas::Tool::Eraser;
    const std::uint16_t value = erase ? kUnlabeled : m_classes->at(currentClassRow()).id;
    m_doc->strokeSegment(
        from, to, m_canvas->brushRadius(), value, !erase && m_onlyUnlabeledAction->isChecked(), threshold());
}

void MainWindow::onStrokeFinished()
{
    if (!m_doc || !m_doc->isStroking())
        return;
    const bool erase = m_canvas->tool() == ImageCanvas::Tool::Eraser;
    m_doc->endStroke(erase ? tr("Erase") : tr("Paint %1").arg(m_classes->at(currentClassRow()).name));
}

void MainWindow::onFill(const QPoint& pixel)
{
    const int row = currentClassRow();
    if (!m_doc)
        return;
    if (row < 0) {
        m_message->showMessage(tr("Add a class and select it to fill with it."), MessageWidget::Type::Information);
        return;
    }
    m_doc->fill(pixel, m_classes->at(row).id, m_onlyUnlabeledAction->isChecked(), threshold(),
        tr("Fill %1").arg(m_classes->at(row).name));
}

void MainWindow::onPolygon(const QPolygonF& polygon, bool subtract)
{
    const int row = currentClassRow();
    if (!m_doc)
        return;
    if (row < 0) {
        m_message->showMessage(
            tr("Add a class and select it to draw polygons with it."), MessageWidget::Type::Information);
        return;
    }
    const ClassEntry& c = m_classes->at(row);
    if (subtract)
        m_doc->subtractPolygon(polygon, c.id, threshold(), tr("Subtract polygon from %1").arg(c.name));
    else
        m_doc->fillPolygon(
            polygon, c.id, m_onlyUnlabeledAction->isChecked(), threshold(), tr("Polygon %1").arg(c.name));
}

void MainWindow::onHovered(const QPoint& pixel, bool inside)
{
    if (!inside || !m_doc) {
        m_cursorLabel->clear();
        return;
    }
    const std::uint16_t id = m_doc->labelAt(pixel, threshold());
    QString cls = tr("unlabeled");
    if (id != kUnlabeled) {
        const int row = m_classes->rowOfId(id);
        cls = row >= 0 ? m_classes->at(row).name : tr("removed class %1").arg(id);
    }
    const float conf = m_doc->confidenceAt(pixel);
    if (conf >= 0)
        m_cursorLabel->setText(
            tr("x %1  y %2  ·  %3  (score %4)").arg(pixel.x()).arg(pixel.y()).arg(cls).arg(conf, 0, 'f', 2));
    else
        m_cursorLabel->setText(tr("x %1  y %2  ·  %3").arg(pixel.x()).arg(pixel.y()).arg(cls));
}

void MainWindow::onDocumentChanged(AnnotationDocument* doc, const QRect& rect)
{
    m_unsaved.insert(doc);
    if (doc == m_doc)
        renderOverlay(rect);
    scheduleAutosave();
}

void MainWindow::renderOverlay(const QRect& imageRect)
{
    if (!m_doc || m_doc->image().isNull()) {
        m_canvas->setOverlay(QImage());
        return;
    }
    if (m_levels && m_levels->overridesCanvas()) {
        // A level view owns the overlay; edits change the annotation, not the levels.
        if (imageRect.isNull())
            m_levels->render();
        return;
    }
    const QRect full(QPoint(0, 0), m_doc->size());
    QImage& overlay = m_canvas->overlay();
    if (overlay.size() != m_doc->size()) {
        m_canvas->setOverlay(QImage(m_doc->size(), QImage::Format_ARGB32));
        return renderOverlay(QRect());
    }
    const QRect r = imageRect.isNull() ? full : imageRect.intersected(full);
    if (r.isEmpty())
        return;
    // One pixel of margin: contour pixels depend on their neighbours.
    const QRect ext = r.adjusted(-1, -1, 1, 1).intersected(full);
    const cv::Mat labels = m_doc->composite(threshold(), ext);
    const bool contour = m_contourAction->isChecked();
    const int ox = r.x() - ext.x();
    const int oy = r.y() - ext.y();
    for (int y = 0; y < r.height(); ++y) {
        auto* out = reinterpret_cast<QRgb*>(overlay.scanLine(r.y() + y)) + r.x();
        const int ly = y + oy;
        const auto* row = labels.ptr<std::uint16_t>(ly);
        const auto* up = ly > 0 ? labels.ptr<std::uint16_t>(ly - 1) : nullptr;
        const auto* down = ly + 1 < labels.rows ? labels.ptr<std::uint16_t>(ly + 1) : nullptr;
        for (int x = 0; x < r.width(); ++x) {
            const int lx = x + ox;
            const std::uint16_t v = row[lx];
            QRgb color = v == kUnlabeled ? 0 : m_colorTable[v];
            if (contour && color) {
                // Image borders count as edges only where the extended row/column is missing, i.e. the image edge.
                const bool edge = (lx == 0 ? r.x() + x == 0 : row[lx - 1] != v)
                    || (lx + 1 >= labels.cols ? r.x() + x == full.width() - 1 : row[lx + 1] != v)
                    || (up ? up[lx] != v : r.y() + y == 0) || (down ? down[lx] != v : r.y() + y == full.height() - 1);
                if (!edge)
                    color = 0;
            }
            out[x] = color;
        }
    }
    m_canvas->overlayChanged(imageRect.isNull() ? QRect() : r);
}

// ---------------------------------------------------------------------------------------------------- state, saving

void MainWindow::updateEmptyState()
{
    if (!m_controller->hasModel()) {
        m_emptyStateLabel->setText(tr("No model is configured yet. Set up a model bundle, or import OpenAI's "
                                      "ViT-B-16.pt together with an official Cascade-CLIP checkpoint, "
                                      "then open an image or a folder and type the class names you want."));
    } else {
        m_emptyStateLabel->setText(tr("The model is ready. Open an image (Ctrl+O) or a folder of images (Ctrl+U), "
                                      "type the class names you want in the Classes panel, and press Run."));
    }
    if (!m_doc)
        m_stack->setCurrentIndex(0);
}

void MainWindow::updateActions()
{
    const bool hasImages = m_images->count() > 0;
    m_nextAction->setEnabled(hasImages && m_currentRow + 1 < m_images->count());
    m_previousAction->setEnabled(hasImages && m_currentRow > 0);
    m_runButton->setEnabled(m_doc != nullptr);
    m_modelClassesButton->setEnabled(m_controller->hasModel() && !m_controller->modelInfo().classNames.empty());
}

void MainWindow::updateTitle()
{
    if (m_doc)
        setWindowTitle(
            tr("%1 — %2 — Cascade-CLIP Studio").arg(m_doc->fileName(), QFileInfo(m_projectFolder).fileName()));
    else
        setWindowTitle(tr("Cascade-CLIP Studio"));
}

void MainWindow::remember(Settings::Key key, const QVariant& value)
{
    // Values applied while restoring (settings at start-up, a project's view) are not new user preferences.
    if (!m_restoring)
        m_settings->setValue(key, value);
}

void MainWindow::scheduleAutosave()
{
    if (m_projectFolder.isEmpty() || m_restoring)
        return;
    // Counted from the first unsaved change, not restarted by every later one: under continuous painting a
    // quiet-time timer would never fire, and a crash would lose everything since the last pause.
    if (m_autosaveTimer->isActive())
        return;
    m_autosaveTimer->start(m_settings->autosaveDelayMs());
}

QHash<std::uint16_t, QString> MainWindow::classNameTable() const
{
    QHash<std::uint16_t, QString> names;
    for (const ClassEntry& c : m_classes->classes())
        names.insert(c.id, c.name);
    return names;
}

void MainWindow::autosave()
{
    if (m_projectFolder.isEmpty())
        return;
    if (m_saveFuture.isRunning()) {
        scheduleAutosave(); // the writer is busy: try again after the next quiet period
        return;
    }
    QString error;
    if (m_projectDirty && !saveProjectFile(&error))
        showError(tr("Could not save the project file."), error);
    // Snapshots are taken here (copies of the edits, shared model layers); encoding and writing, which take up to
    // seconds on large images, happen on the writer thread so painting never stalls.
    std::vector<AnnotationDocument::SaveSnapshot> snapshots;
    const QHash<std::uint16_t, QString> names = classNameTable();
    for (auto it = m_unsaved.begin(); it != m_unsaved.end();) {
        AnnotationDocument* doc = *it;
        if (doc->isStroking()) {
            ++it;
            continue;
        }
        QString why;
        if (auto snapshot = doc->prepareSave(project::annotationsDir(m_projectFolder), threshold(), names, &why))
            snapshots.push_back(std::move(*snapshot));
        else
            showError(tr("Could not save the annotation of “%1”.").arg(doc->fileName()), why);
        it = m_unsaved.erase(it);
    }
    if (snapshots.empty())
        return;
    const quint64 generation = ++m_saveGeneration;
    m_pendingSaves = snapshots;
    m_saveFuture = QtConcurrent::run(&m_savePool, [this, generation, snapshots] {
        QStringList errors;
        for (const AnnotationDocument::SaveSnapshot& s : snapshots) {
            QString why;
            errors << (AnnotationDocument::writeSave(s, &why) ? QString() : why);
        }
        // Queued to the window; dropped by Qt if the window is gone, ignored if saveAll() already took it.
        QMetaObject::invokeMethod(
            this, [this, generation, errors] { finishBackgroundSave(generation, errors); }, Qt::QueuedConnection);
        return errors;
    });
}

void MainWindow::finishBackgroundSave(quint64 generation, const QStringList& errors)
{
    if (generation != m_saveGeneration || m_pendingSaves.empty())
        return;
    const std::vector<AnnotationDocument::SaveSnapshot> saves = std::move(m_pendingSaves);
    m_pendingSaves.clear();
    for (size_t i = 0; i < saves.size(); ++i) {
        const QString path = QDir(m_images->folder()).filePath(saves[i].fileName);
        auto it = m_documents.find(path);
        if (it == m_documents.end())
            continue;
        AnnotationDocument* doc = it->second.get();
        if (errors.value(int(i)).isEmpty()) {
            doc->saveFinished(saves[i]);
            if (doc->isModified())
                m_unsaved.insert(doc);
            m_images->setAnnotated(m_images->rowOfFileName(doc->fileName()), !doc->isBlank());
        } else {
            m_unsaved.insert(doc);
            showError(tr("Could not save the annotation of “%1”.").arg(doc->fileName()), errors.value(int(i)));
        }
    }
}

bool MainWindow::saveAll(QString* error)
{
    m_autosaveTimer->stop();
    if (m_saveFuture.isRunning() || !m_pendingSaves.empty()) {
        m_saveFuture.waitForFinished();
        finishBackgroundSave(m_saveGeneration, m_saveFuture.result());
        ++m_saveGeneration; // the queued completion of that save is handled now
    }
    if (m_projectFolder.isEmpty())
        return true;
    const QHash<std::uint16_t, QString> names = classNameTable();
    const QString dir = project::annotationsDir(m_projectFolder);
    bool ok = true;
    for (auto it = m_unsaved.begin(); it != m_unsaved.end();) {
        AnnotationDocument* doc = *it;
        // A stroke in progress is saved when it ends.
        if (doc->isStroking()) {
            ++it;
            continue;
        }
        QString why;
        if (!doc->save(dir, threshold(), names, &why)) {
            if (ok && error)
                *error = why;
            ok = false;
            ++it;
            continue;
        }
        m_images->setAnnotated(m_images->rowOfFileName(doc->fileName()), !doc->isBlank());
        it = m_unsaved.erase(it);
    }
    QString why;
    if (m_projectDirty && !saveProjectFile(&why)) {
        if (ok && error)
            *error = why;
        ok = false;
    }
    if (ok)
        logger()->debug("saved project {}", m_projectFolder.toStdString());
    return ok;
}

bool MainWindow::saveProjectFile(QString* error)
{
    ProjectData data;
    data.classes = m_classes->classes();
    data.nextClassId = m_classes->nextId();
    data.modelPath = m_modelPath;
    data.doneImages = m_images->doneFiles();
    data.doneImages.sort();
    data.currentImage = m_doc ? m_doc->fileName() : QString();
    data.zoom = m_canvas->isFitToWindow() ? 0.0 : m_canvas->zoom();
    data.center = m_canvas->viewCenter();
    data.overlayOpacity = m_opacitySlider->value();
    data.showMask = m_maskAction->isChecked();
    data.contourOnly = m_contourAction->isChecked();
    data.threshold = threshold();
    if (!project::save(m_projectFolder, data, error))
        return false;
    m_projectDirty = false;
    return true;
}

void MainWindow::keyPressEvent(QKeyEvent* event)
{
    // Esc cancels a running segmentation (ecosystem.md §3.4). The canvas takes Esc first while a polygon is being
    // drawn, so this only sees the keys nobody else wanted.
    if (event->key() == Qt::Key_Escape && m_cancelButton->isEnabled()) {
        m_controller->cancel();
        event->accept();
        return;
    }
    QMainWindow::keyPressEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QString error;
    if (!saveAll(&error))
        logger()->error("could not save on close: {}", error.toStdString());
    m_settings->setValue(Settings::Key::WindowGeometry, saveGeometry());
    m_settings->setValue(Settings::Key::WindowState, saveState());
    event->accept();
}

} // namespace cascadeclip::ui
