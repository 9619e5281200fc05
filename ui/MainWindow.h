// SPDX-License-Identifier: MIT
#pragma once

#include "ui/AnnotationDocument.h"
#include "ui/NgaWeights.h"
#include "ui/SegmentationController.h"
#include "ui/Settings.h"

#include <cascadeclip/render/Render.h>

#include <QFuture>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QThreadPool>

#include <map>
#include <memory>
#include <vector>

class QAction;
class QActionGroup;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTimer;
class QToolButton;
class QUndoGroup;

namespace cascadeclip::ui {

class ClassListModel;
class ExportDialog;
class ImageCanvas;
class ImageListModel;
class InspectorPanel;
class LevelView;
class MessageWidget;
class ModelSetupDialog;
struct ExportRequest;
class NgaPanel;

/**
 * The annotation workspace: image list, canvas, class panel, model runs, refinement tools, autosave.
 *
 * The model is reached only through the injected factory (on the controller's worker thread). A project is a folder
 * of images with `cascadeclip-project.json` and an `annotations/` folder; changes are saved a moment after each
 * edit. GUI thread only.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Uses the user's settings and a factory that reports that model loading is not available.
    explicit MainWindow(QWidget* parent = nullptr);
    /// @param settings not owned; must outlive the window.
    MainWindow(SegmenterFactory factory, Settings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a folder of images as the project (restoring its classes, model, masks and view).
    bool openFolder(const QString& folder);
    /// Opens the image's folder as the project and shows the image.
    bool openImage(const QString& path);
    /// Loads a model bundle on the worker; the result arrives as a status change or an inline error.
    void loadModel(const QString& path);
    void setCurrentImage(int row);
    int currentRow() const { return m_currentRow; }

    /// Starts (or, for the image whose features are cached, re-decodes) a segmentation of the current image.
    void run();
    /// Saves every changed annotation and the project file now. Returns false and sets `error` on the first failure.
    bool saveAll(QString* error = nullptr);

    AnnotationDocument* currentDocument() const { return m_doc; }
    SegmentationController* controller() const { return m_controller; }
    ClassListModel* classModel() const { return m_classes; }
    ImageListModel* imageModel() const { return m_images; }
    ImageCanvas* canvas() const { return m_canvas; }
    QString projectFolder() const { return m_projectFolder; }
    float threshold() const;
    LevelView* levelView() const { return m_levels; }
    NgaPanel* ngaPanel() const { return m_ngaPanel; }
    InspectorPanel* inspectorPanel() const { return m_inspector; }

    /// Opens the (non-modal) export dialog; see ui/MainWindowExport.cpp.
    void showExportDialog();
    /// What an export of the current image (false) or of every image of the project (true) would write.
    ExportRequest exportRequest(bool wholeProject) const;
    /// Opens the (non-modal) model setup dialog: bundle, import of the official files, device and threads.
    void showModelSetup();
    ExportDialog* exportDialog() const { return m_exportDialog; }
    ModelSetupDialog* modelSetupDialog() const { return m_modelSetupDialog; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void createActions();
    void createDocks();
    QWidget* createEmptyState();
    QWidget* createCentral();
    void restoreSettings();

    void chooseModel();
    void chooseImage();
    void chooseFolder();
    void addTypedClasses();
    void addModelClasses();
    void removeSelectedClass();
    void moveSelectedClass(int delta);
    void chooseClassColor();
    void importLabels();
    void exportLabels();
    int currentClassRow() const;
    void selectClassRow(int row);

    void onModelLoaded(const ModelInfo& info);
    void onModelFailed(const QString& path, const QString& detail, ErrorCode code);
    void onJobStarted(quint64 id);
    void onJobProgress(quint64 id, int done, int total);
    void onJobFinished(quint64 id, const SegmentationResult& result);
    void onJobFailed(quint64 id, const QString& context, const QString& detail, ErrorCode code);
    void onJobCanceled(quint64 id);
    void setRunning(bool running);

    void onStrokeStarted(const QPointF& at);
    void onStrokeMoved(const QPointF& from, const QPointF& to);
    void onStrokeFinished();
    void onFill(const QPoint& pixel);
    void onPolygon(const QPolygonF& polygon, bool subtract);
    void onHovered(const QPoint& pixel, bool inside);
    void onDocumentChanged(AnnotationDocument* doc, const QRect& rect);

    void rebuildColorTable();
    void renderOverlay(const QRect& imageRect);
    void updateToolColor();
    void updateEmptyState();
    void updateActions();
    void updateTitle();
    void remember(Settings::Key key, const QVariant& value);
    void scheduleAutosave();
    bool saveProjectFile(QString* error);
    void autosave();
    void finishBackgroundSave(quint64 generation, const QStringList& errors);
    QHash<std::uint16_t, QString> classNameTable() const;
    void showError(const QString& text, const QString& detail);
    QString reasonFor(ErrorCode code) const;
    void closeProject();

    std::unique_ptr<Settings> m_ownedSettings;
    Settings* m_settings = nullptr;
    SegmentationController* m_controller = nullptr;
    ImageListModel* m_images = nullptr;
    ClassListModel* m_classes = nullptr;
    QUndoGroup* m_undoGroup = nullptr;
    QTimer* m_autosaveTimer = nullptr;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyStateLabel = nullptr;
    ImageCanvas* m_canvas = nullptr;
    MessageWidget* m_message = nullptr;
    QListView* m_imageList = nullptr;
    QListView* m_classList = nullptr;
    QLineEdit* m_classesEdit = nullptr;
    QToolButton* m_modelClassesButton = nullptr;
    QPlainTextEdit* m_logView = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QSlider* m_thresholdSlider = nullptr;
    QLabel* m_thresholdValue = nullptr;
    QSlider* m_opacitySlider = nullptr;
    QSpinBox* m_brushSpin = nullptr;
    QLabel* m_cursorLabel = nullptr;
    QLabel* m_zoomLabel = nullptr;
    QLabel* m_modelLabel = nullptr;
    QAction* m_maskAction = nullptr;
    QAction* m_contourAction = nullptr;
    QAction* m_onlyUnlabeledAction = nullptr;
    QAction* m_nextAction = nullptr;
    QAction* m_previousAction = nullptr;
    QActionGroup* m_toolGroup = nullptr;

    QString m_projectFolder;
    QString m_modelPath;
    bool m_modelLoading = false;
    std::map<QString, std::unique_ptr<AnnotationDocument>> m_documents;
    AnnotationDocument* m_doc = nullptr;
    int m_currentRow = -1;
    QSet<AnnotationDocument*> m_unsaved;
    bool m_projectDirty = false;
    bool m_restoring = false;

    quint64 m_runJob = 0;
    QString m_runImagePath;
    std::vector<std::uint16_t> m_runClassIds;
    QString m_cachedFeaturesPath;

    QThreadPool m_savePool;
    QFuture<QStringList> m_saveFuture;
    std::vector<AnnotationDocument::SaveSnapshot> m_pendingSaves; // what the writer thread is writing
    quint64 m_saveGeneration = 0;

    std::vector<QRgb> m_colorTable; // class id -> overlay colour (0 = transparent)

    ExportDialog* m_exportDialog = nullptr; // created on first use
    ModelSetupDialog* m_modelSetupDialog = nullptr; // created on first use

    // Level views, NGA panel and inspector (MainWindowLevels.cpp).
    struct LevelJob {
        bool edit = false; // an NGA change: the result becomes the model layer (merged per gesture); else a refresh
        quint64 mergeKey = 0;
        QString imagePath;
        std::vector<std::uint16_t> classIds;
        NgaWeights nga;
    };
    void setUpLevels();
    /// Sets the request's NGA weights and the outputs the level views need (keepStageLogits, keepProbabilities).
    void applyLevelOptions(SegmentationRequest& request);
    SegmentationRequest levelRequest(std::vector<std::uint16_t>* classIds);
    NgaWeights effectiveNga(const std::optional<NgaWeights>& nga) const;
    bool featuresCachedForCurrent() const;
    void requestLevelDecode(bool edit);
    void onNgaEdited(const NgaWeights& weights);
    void onDocumentNgaChanged(AnnotationDocument* doc);
    /// Results of level jobs: true when `id` was one (and is now handled).
    bool handleLevelJobFinished(quint64 id, const SegmentationResult& result);
    bool handleLevelJobEnded(quint64 id, const QString& failure = QString(), const QString& detail = QString());
    void levelsAfterRun(AnnotationDocument* doc, const SegmentationResult& result);
    void levelsImageChanged();
    std::vector<render::Rgb> colorsOf(const std::vector<std::uint16_t>& classIds) const;
    QStringList namesOf(const std::vector<std::uint16_t>& classIds) const;
    void inspectPixel(const QPoint& pixel);
    void onInspected(quint64 id, const PixelInspection& result);
    void updateInspectorMarkers();

    LevelView* m_levels = nullptr;
    NgaPanel* m_ngaPanel = nullptr;
    InspectorPanel* m_inspector = nullptr;
    std::map<quint64, LevelJob> m_levelJobs;
    quint64 m_ngaGesture = 1;
    std::optional<NgaWeights> m_runNga;
    NgaWeights m_levelResultNga; // the weights of the result the level views show
    std::vector<std::uint16_t> m_levelClassIds; // class ids per index of that result
    bool m_applyingLevelResult = false;
    quint64 m_inspection = 0;
    QString m_inspectionImage;
    std::vector<std::uint16_t> m_inspectionClassIds;
    NgaWeights m_inspectionNga;
};

} // namespace cascadeclip::ui
