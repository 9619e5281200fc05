// SPDX-License-Identifier: MIT
#pragma once

#include "ui/NgaWeights.h"

#include <cascadeclip/ImageFile.h>

#include <QHash>
#include <QImage>
#include <QObject>
#include <QPolygonF>
#include <QRect>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <optional>

class QUndoStack;

namespace cascadeclip::ui {

/// Edits-layer value meaning "no edit here: show the model's label". Class ids never reach it (see ClassListModel).
inline constexpr std::uint16_t kNoEdit = 0xFFFE;

/**
 * One image and its annotation, in two layers:
 *
 *  - the model layer: the last segmentation, as class ids (CV_16UC1) with the model's confidence (CV_32FC1);
 *  - the edits layer (CV_16UC1): kNoEdit where the person did not touch, else a class id or kUnlabeled (erased).
 *
 * The label map a person sees is composite(threshold): the edit where there is one, else the model's label when its
 * confidence reaches the threshold, else kUnlabeled. Keeping the layers apart lets the threshold move live without
 * re-running the model and without undoing the person's corrections.
 *
 * Every change goes through the document's QUndoStack, so it can be undone. GUI thread only.
 */
class AnnotationDocument : public QObject {
    Q_OBJECT
public:
    explicit AnnotationDocument(const QString& imagePath, QObject* parent = nullptr);
    ~AnnotationDocument() override;

    /// Decodes the image, refusing more than `maxPixels` (0 = no limit). On failure returns false and sets `error`
    /// (English, technical: the path and the reason, e.g. a truncated file or the size over the limit).
    bool loadImage(QString* error, std::uint64_t maxPixels = kDefaultMaxImagePixels);

    QString imagePath() const { return m_imagePath; }
    QString fileName() const;
    const cv::Mat& bgr() const { return m_bgr; }
    const QImage& image() const { return m_image; }
    QSize size() const { return m_image.size(); }

    bool hasModelResult() const { return !m_model.empty(); }
    const cv::Mat& modelLabels() const { return m_model; }
    const cv::Mat& confidence() const { return m_confidence; }
    const cv::Mat& edits() const { return m_edits; }
    bool hasEdits() const;
    /// Neither a model result nor an edit.
    bool isBlank() const { return !hasModelResult() && !hasEdits(); }

    QUndoStack* undoStack() const { return m_undo; }
    /// True when the document has changes that are not saved yet.
    bool isModified() const;

    /// The label map as shown: CV_16UC1 class ids or kUnlabeled. `roi` limits the work (empty = whole image).
    cv::Mat composite(float threshold, const QRect& roi = {}) const;
    std::uint16_t labelAt(const QPoint& p, float threshold) const;
    /// The model's confidence at `p`, or a negative value where there is no model result.
    float confidenceAt(const QPoint& p) const;

    /**
     * Replaces the model layer (one undo step). `ids` CV_16UC1 class ids or kUnlabeled; `confidence` CV_32FC1.
     * @param nga the NGA weights the result was decoded with (unset: the checkpoint's); undo restores them too
     * @param mergeKey non-zero: merges into the previous model step when that has the same key, so one slider drag
     *        is one undo step however many results it produced
     */
    void applyModelResult(const cv::Mat& ids, const cv::Mat& confidence, const QString& undoText,
        const std::optional<NgaWeights>& nga = std::nullopt, quint64 mergeKey = 0);
    /// The NGA weights of the model layer (unset: the checkpoint's, or no model result).
    const std::optional<NgaWeights>& ngaWeights() const { return m_nga; }

    /// Brush/eraser strokes: begin, any number of segments (applied at once, for live feedback), end (one undo step).
    void beginStroke();
    void strokeSegment(
        const QPointF& from, const QPointF& to, int radius, std::uint16_t value, bool onlyUnlabeled, float threshold);
    void endStroke(const QString& undoText);
    bool isStroking() const { return m_stroking; }

    /// Sets the 4-connected region of equal labels around `seed` to `value`. Returns false when nothing changed.
    bool fill(const QPoint& seed, std::uint16_t value, bool onlyUnlabeled, float threshold, const QString& undoText);
    /// Paints the inside of `polygon` with `value`.
    bool fillPolygon(
        const QPolygonF& polygon, std::uint16_t value, bool onlyUnlabeled, float threshold, const QString& undoText);
    /// Makes the pixels of class `id` inside `polygon` unlabeled.
    bool subtractPolygon(const QPolygonF& polygon, std::uint16_t id, float threshold, const QString& undoText);

    /**
     * Writes the annotation next to the project: `<file>.labels.png` (the composite, 16-bit, what exporters read),
     * the layers (`.model.png`, `.confidence.png`, `.edits.png`) and a JSON sidecar `<file>.json` with a version, the
     * threshold and the class table (`classNames`; ids not in it are written as kUnlabeled in the label map, so a
     * removed class never reaches an export). Each file is written atomically. Refuses to overwrite an annotation that
     * failed to load, so a read error never turns into data loss, and one that another program or window wrote
     * after this document read the folder (the sidecar names its writer), so a stale document never replaces newer
     * masks silently (haste#101); reopening the image loads them.
     */
    bool save(
        const QString& annotationDir, float threshold, const QHash<std::uint16_t, QString>& classNames, QString* error);
    /// What save() writes, captured on the GUI thread so that writeSave() can run on any thread.
    struct SaveSnapshot {
        QString dir;
        QString fileName;
        float threshold = 0.0f;
        QHash<std::uint16_t, QString> classNames;
        cv::Mat model, confidence, edits;
        std::optional<NgaWeights> nga;
        bool writeModel = false; // false when the model layers on disk are already these
        quint64 revision = 0;
        QString writer; // this document's session id, recorded in the sidecar
    };
    /// GUI thread. std::nullopt (with `error`) when the annotation must not be written (see save()).
    std::optional<SaveSnapshot> prepareSave(const QString& annotationDir, float threshold,
        const QHash<std::uint16_t, QString>& classNames, QString* error) const;
    /// Any thread: encodes and writes the files of a snapshot.
    static bool writeSave(const SaveSnapshot& snapshot, QString* error);
    /// GUI thread, after writeSave() succeeded: the document is unmodified if nothing changed since the snapshot.
    void saveFinished(const SaveSnapshot& snapshot);

    /// The composite of layers (see composite()), over `rect`.
    static cv::Mat compositeOf(const cv::Mat& edits, const cv::Mat& modelIds, const cv::Mat& confidence,
        float threshold, const cv::Rect& rect);

    /// Reads what save() wrote, if anything. Returns false (with `error`) when files exist but cannot be used.
    bool loadAnnotation(const QString& annotationDir, QString* error);
    /// Path of the sidecar save() writes for `imageFileName`.
    static QString sidecarPath(const QString& annotationDir, const QString& imageFileName);

    /// Current version of the annotation sidecar format.
    static constexpr int kFormatVersion = 1;

Q_SIGNALS:
    /// Labels may have changed inside `imageRect` (image pixels; the whole image when null).
    void changed(const QRect& imageRect);
    /// The model layer's NGA weights changed (a new result, undo or redo).
    void ngaWeightsChanged();

private:
    class PatchCommand;
    class ModelCommand;

    void touch(const QRect& rect);
    bool pushPatch(const cv::Rect& rect, const cv::Mat& before, const QString& undoText);
    void setLayers(const cv::Mat& model, const cv::Mat& confidence, const std::optional<NgaWeights>& nga);

    QString m_imagePath;
    cv::Mat m_bgr;
    QImage m_image;
    cv::Mat m_model;
    cv::Mat m_confidence;
    std::optional<NgaWeights> m_nga;
    cv::Mat m_edits;
    QUndoStack* m_undo = nullptr;
    bool m_stroking = false;
    cv::Mat m_strokeBefore;
    cv::Rect m_strokeRect;
    bool m_annotationUnreadable = false;
    // Who wrote the sidecar this document read (empty: absent, or written before sidecars named their writer),
    // from which folder, and this document's own id: saves check the sidecar on disk against them.
    QString m_sessionId;
    QString m_loadedFrom;
    bool m_loadedSidecar = false;
    QString m_loadedWriter;
    // The model layers as last written (shared buffers), to skip rewriting them when only edits changed.
    cv::Mat m_savedModel;
    cv::Mat m_savedConfidence;
    quint64 m_revision = 0; // bumped by every change
    quint64 m_savedRevision = 0; // the revision on disk
};

} // namespace cascadeclip::ui
