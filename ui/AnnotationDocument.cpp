// SPDX-License-Identifier: MIT
#include "ui/AnnotationDocument.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUndoCommand>
#include <QUndoStack>
#include <QUuid>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <climits>
#include <cmath>

namespace cascadeclip::ui {

namespace {

cv::Rect toCv(const QRect& r)
{
    return {r.x(), r.y(), r.width(), r.height()};
}

QRect toQt(const cv::Rect& r)
{
    return {r.x, r.y, r.width, r.height};
}

// Confidence is stored as a 16-bit PNG: p * 65535, rounded.
constexpr double kConfidenceScale = 65535.0;

bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writePng16(const QString& path, const cv::Mat& mat, QString* error)
{
    std::vector<uchar> buf;
    // Fastest zlib level: label maps compress well anyway, and at 12 MP the default level costs seconds per save.
    if (!cv::imencode(".png", mat, buf, {cv::IMWRITE_PNG_COMPRESSION, 1})) {
        if (error)
            *error = QCoreApplication::translate("cascadeclip::ui::AnnotationDocument", "%1: PNG encoding failed")
                         .arg(path);
        return false;
    }
    return writeAtomically(path, QByteArray(reinterpret_cast<const char*>(buf.data()), qsizetype(buf.size())), error);
}

cv::Mat readPng16(const QString& path, const cv::Size& size, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return {};
    }
    const QByteArray bytes = file.readAll();
    cv::Mat mat;
    // Only PNG data goes to the decoder (OpenCV would try every format it knows), and a corrupt file is an error
    // message, never an exception out of the GUI.
    if (bytes.startsWith("\x89PNG\r\n\x1a\n")) {
        try {
            mat = cv::imdecode(
                cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data())), cv::IMREAD_UNCHANGED);
        } catch (const cv::Exception&) {
            mat.release();
        }
    }
    if (mat.empty() || mat.type() != CV_16UC1 || mat.size() != size) {
        if (error)
            *error = QCoreApplication::translate(
                "cascadeclip::ui::AnnotationDocument", "%1: expected a %2x%3 16-bit single-channel PNG")
                         .arg(path)
                         .arg(size.width)
                         .arg(size.height);
        return {};
    }
    return mat;
}

// Rasterises `polygon` (vertices rounded to pixel centres, vertex pixels included) into a mask over `*rect`, the
// polygon's bounding box clipped to the image.
cv::Mat polygonMask(const QPolygonF& polygon, const cv::Size& image, cv::Rect* rect)
{
    std::vector<cv::Point> pts;
    cv::Point lo(INT_MAX, INT_MAX), hi(INT_MIN, INT_MIN);
    for (const QPointF& p : polygon) {
        pts.emplace_back(int(std::lround(p.x())), int(std::lround(p.y())));
        lo = cv::Point(std::min(lo.x, pts.back().x), std::min(lo.y, pts.back().y));
        hi = cv::Point(std::max(hi.x, pts.back().x), std::max(hi.y, pts.back().y));
    }
    *rect = cv::Rect(lo, hi + cv::Point(1, 1)) & cv::Rect(cv::Point(0, 0), image);
    if (rect->empty())
        return {};
    for (cv::Point& p : pts)
        p -= rect->tl();
    cv::Mat mask(rect->size(), CV_8UC1, cv::Scalar(0));
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>> {pts}, cv::Scalar(255), cv::LINE_8);
    return mask;
}

} // namespace

// One region of the edits layer before and after a change. The change is already applied when pushed.
class AnnotationDocument::PatchCommand : public QUndoCommand {
public:
    PatchCommand(AnnotationDocument* doc, const cv::Rect& rect, cv::Mat before, cv::Mat after, const QString& text)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_rect(rect)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {
    }
    void undo() override { apply(m_before); }
    void redo() override
    {
        if (m_firstRedo) {
            m_firstRedo = false;
            return;
        }
        apply(m_after);
    }

private:
    void apply(const cv::Mat& patch)
    {
        patch.copyTo(m_doc->m_edits(m_rect));
        m_doc->touch(toQt(m_rect));
    }
    AnnotationDocument* m_doc;
    cv::Rect m_rect;
    cv::Mat m_before;
    cv::Mat m_after;
    bool m_firstRedo = true;
};

// Swaps the model layer.
class AnnotationDocument::ModelCommand : public QUndoCommand {
public:
    ModelCommand(AnnotationDocument* doc, cv::Mat ids, cv::Mat confidence, std::optional<NgaWeights> nga,
        quint64 mergeKey, const QString& text)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_beforeIds(doc->m_model)
        , m_beforeConfidence(doc->m_confidence)
        , m_beforeNga(doc->m_nga)
        , m_afterIds(std::move(ids))
        , m_afterConfidence(std::move(confidence))
        , m_afterNga(std::move(nga))
        , m_mergeKey(mergeKey)
    {
    }
    void undo() override { m_doc->setLayers(m_beforeIds, m_beforeConfidence, m_beforeNga); }
    void redo() override { m_doc->setLayers(m_afterIds, m_afterConfidence, m_afterNga); }
    // Live NGA re-decodes of one slider drag share a key and collapse into one step.
    int id() const override { return m_mergeKey ? kMergeableModelCommand : -1; }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* o = static_cast<const ModelCommand*>(other);
        if (o->m_mergeKey != m_mergeKey)
            return false;
        m_afterIds = o->m_afterIds;
        m_afterConfidence = o->m_afterConfidence;
        m_afterNga = o->m_afterNga;
        return true;
    }

private:
    // QUndoCommand::id() of mergeable model steps.
    static constexpr int kMergeableModelCommand = 0x4e4741; // "NGA"
    AnnotationDocument* m_doc;
    cv::Mat m_beforeIds, m_beforeConfidence;
    std::optional<NgaWeights> m_beforeNga;
    cv::Mat m_afterIds, m_afterConfidence;
    std::optional<NgaWeights> m_afterNga;
    quint64 m_mergeKey;
};

AnnotationDocument::AnnotationDocument(const QString& imagePath, QObject* parent)
    : QObject(parent)
    , m_imagePath(imagePath)
    , m_undo(new QUndoStack(this))
    , m_sessionId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

AnnotationDocument::~AnnotationDocument() = default;

QString AnnotationDocument::fileName() const
{
    return QFileInfo(m_imagePath).fileName();
}

bool AnnotationDocument::loadImage(QString* error, std::uint64_t maxPixels)
{
    QFile file(m_imagePath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    // Read the bytes with Qt (Unicode paths everywhere), decode with core (what the model pipeline uses), which
    // refuses empty, truncated and oversized files with a reason. No downsampling: annotations keep the image's size.
    const QByteArray bytes = file.readAll();
    ImageReadOptions options;
    options.maxPixels = maxPixels;
    options.allowDownsample = false;
    try {
        m_bgr = decodeImage(bytes.toStdString(), m_imagePath.toStdString(), options).bgr;
    } catch (const Error& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    cv::Mat rgb;
    cv::cvtColor(m_bgr, rgb, cv::COLOR_BGR2RGB);
    m_image = QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888)
                  .convertToFormat(QImage::Format_RGB32);
    m_edits = cv::Mat(m_bgr.size(), CV_16UC1, cv::Scalar(kNoEdit));
    return true;
}

bool AnnotationDocument::hasEdits() const
{
    if (m_edits.empty())
        return false;
    return cv::countNonZero(m_edits != kNoEdit) > 0;
}

bool AnnotationDocument::isModified() const
{
    return m_revision != m_savedRevision;
}

void AnnotationDocument::touch(const QRect& rect)
{
    ++m_revision;
    Q_EMIT changed(rect);
}

cv::Mat AnnotationDocument::composite(float threshold, const QRect& roi) const
{
    if (m_edits.empty())
        return {};
    const cv::Rect bounds(0, 0, m_edits.cols, m_edits.rows);
    return compositeOf(m_edits, m_model, m_confidence, threshold, roi.isNull() ? bounds : (toCv(roi) & bounds));
}

cv::Mat AnnotationDocument::compositeOf(
    const cv::Mat& edits, const cv::Mat& modelIds, const cv::Mat& confidence, float threshold, const cv::Rect& r)
{
    cv::Mat out(r.size(), CV_16UC1);
    const bool model = !modelIds.empty();
    // Branch-free per pixel so the compiler vectorises it: this runs on every threshold move and brush segment.
    for (int y = 0; y < r.height; ++y) {
        const auto* e = edits.ptr<std::uint16_t>(r.y + y) + r.x;
        auto* o = out.ptr<std::uint16_t>(y);
        if (model) {
            const auto* m = modelIds.ptr<std::uint16_t>(r.y + y) + r.x;
            const auto* c = confidence.ptr<float>(r.y + y) + r.x;
            for (int x = 0; x < r.width; ++x) {
                const std::uint16_t fromModel = c[x] >= threshold ? m[x] : kUnlabeled;
                o[x] = e[x] != kNoEdit ? e[x] : fromModel;
            }
        } else {
            for (int x = 0; x < r.width; ++x)
                o[x] = e[x] != kNoEdit ? e[x] : kUnlabeled;
        }
    }
    return out;
}

std::uint16_t AnnotationDocument::labelAt(const QPoint& p, float threshold) const
{
    if (m_edits.empty() || p.x() < 0 || p.y() < 0 || p.x() >= m_edits.cols || p.y() >= m_edits.rows)
        return kUnlabeled;
    return composite(threshold, QRect(p, QSize(1, 1))).at<std::uint16_t>(0, 0);
}

float AnnotationDocument::confidenceAt(const QPoint& p) const
{
    if (m_confidence.empty() || p.x() < 0 || p.y() < 0 || p.x() >= m_confidence.cols || p.y() >= m_confidence.rows)
        return -1.0f;
    return m_confidence.at<float>(p.y(), p.x());
}

void AnnotationDocument::setLayers(
    const cv::Mat& model, const cv::Mat& confidence, const std::optional<NgaWeights>& nga)
{
    m_model = model;
    m_confidence = confidence;
    const bool ngaChanged = nga != m_nga;
    m_nga = nga;
    touch(QRect());
    if (ngaChanged)
        Q_EMIT ngaWeightsChanged();
}

void AnnotationDocument::applyModelResult(const cv::Mat& ids, const cv::Mat& confidence, const QString& undoText,
    const std::optional<NgaWeights>& nga, quint64 mergeKey)
{
    Q_ASSERT(ids.type() == CV_16UC1 && confidence.type() == CV_32FC1);
    Q_ASSERT(ids.size() == m_bgr.size() && confidence.size() == m_bgr.size());
    m_undo->push(new ModelCommand(this, ids.clone(), confidence.clone(), nga, mergeKey, undoText));
}

void AnnotationDocument::beginStroke()
{
    m_stroking = true;
    m_strokeBefore = m_edits.clone();
    m_strokeRect = cv::Rect();
}

void AnnotationDocument::strokeSegment(
    const QPointF& from, const QPointF& to, int radius, std::uint16_t value, bool onlyUnlabeled, float threshold)
{
    if (m_edits.empty())
        return;
    radius = std::max(0, radius);
    const cv::Point a(int(std::floor(from.x())), int(std::floor(from.y())));
    const cv::Point b(int(std::floor(to.x())), int(std::floor(to.y())));
    const cv::Rect bounds(0, 0, m_edits.cols, m_edits.rows);
    cv::Rect rect = (cv::Rect(std::min(a.x, b.x) - radius, std::min(a.y, b.y) - radius,
                        std::abs(a.x - b.x) + 2 * radius + 1, std::abs(a.y - b.y) + 2 * radius + 1))
        & bounds;
    if (rect.empty())
        return;
    // Rasterise without anti-aliasing: label maps must hold exact class ids (ecosystem.md §3.2).
    cv::Mat mask(rect.size(), CV_8UC1, cv::Scalar(0));
    const cv::Point offset(rect.x, rect.y);
    cv::line(mask, a - offset, b - offset, cv::Scalar(255), 2 * radius + 1, cv::LINE_8);
    cv::circle(mask, a - offset, radius, cv::Scalar(255), cv::FILLED, cv::LINE_8);
    cv::circle(mask, b - offset, radius, cv::Scalar(255), cv::FILLED, cv::LINE_8);
    if (onlyUnlabeled)
        mask.setTo(0, composite(threshold, toQt(rect)) != kUnlabeled);
    m_edits(rect).setTo(value, mask);
    m_strokeRect = m_strokeRect.empty() ? rect : (m_strokeRect | rect);
    touch(toQt(rect));
}

void AnnotationDocument::endStroke(const QString& undoText)
{
    m_stroking = false;
    if (!m_strokeRect.empty())
        pushPatch(m_strokeRect, m_strokeBefore(m_strokeRect), undoText);
    m_strokeBefore.release();
    m_strokeRect = cv::Rect();
}

bool AnnotationDocument::pushPatch(const cv::Rect& rect, const cv::Mat& before, const QString& undoText)
{
    cv::Mat after = m_edits(rect).clone();
    if (cv::countNonZero(before != after) == 0)
        return false;
    m_undo->push(new PatchCommand(this, rect, before.clone(), std::move(after), undoText));
    return true;
}

bool AnnotationDocument::fill(
    const QPoint& seed, std::uint16_t value, bool onlyUnlabeled, float threshold, const QString& undoText)
{
    if (m_edits.empty() || !QRect(QPoint(0, 0), size()).contains(seed))
        return false;
    const cv::Mat labels = composite(threshold);
    const std::uint16_t seedLabel = labels.at<std::uint16_t>(seed.y(), seed.x());
    if (seedLabel == value || (onlyUnlabeled && seedLabel != kUnlabeled))
        return false;
    // floodFill does not take 16-bit images; class ids are exact in float.
    cv::Mat asFloat;
    labels.convertTo(asFloat, CV_32F);
    cv::Mat mask(labels.rows + 2, labels.cols + 2, CV_8UC1, cv::Scalar(0));
    cv::Rect rect;
    cv::floodFill(asFloat, mask, cv::Point(seed.x(), seed.y()), cv::Scalar(), &rect, cv::Scalar(0), cv::Scalar(0),
        4 | cv::FLOODFILL_MASK_ONLY | (255 << 8));
    const cv::Mat region = mask(cv::Rect(1, 1, labels.cols, labels.rows))(rect);
    const cv::Mat before = m_edits(rect).clone();
    m_edits(rect).setTo(value, region);
    const bool changedAny = pushPatch(rect, before, undoText);
    if (changedAny)
        touch(toQt(rect));
    return changedAny;
}

bool AnnotationDocument::fillPolygon(
    const QPolygonF& polygon, std::uint16_t value, bool onlyUnlabeled, float threshold, const QString& undoText)
{
    if (m_edits.empty() || polygon.size() < 3)
        return false;
    cv::Rect rect;
    cv::Mat mask = polygonMask(polygon, m_edits.size(), &rect);
    if (rect.empty())
        return false;
    if (onlyUnlabeled)
        mask.setTo(0, composite(threshold, toQt(rect)) != kUnlabeled);
    const cv::Mat before = m_edits(rect).clone();
    m_edits(rect).setTo(value, mask);
    const bool changedAny = pushPatch(rect, before, undoText);
    if (changedAny)
        touch(toQt(rect));
    return changedAny;
}

bool AnnotationDocument::subtractPolygon(
    const QPolygonF& polygon, std::uint16_t id, float threshold, const QString& undoText)
{
    if (m_edits.empty() || polygon.size() < 3)
        return false;
    cv::Rect rect;
    cv::Mat mask = polygonMask(polygon, m_edits.size(), &rect);
    if (rect.empty())
        return false;
    mask.setTo(0, composite(threshold, toQt(rect)) != id);
    const cv::Mat before = m_edits(rect).clone();
    m_edits(rect).setTo(kUnlabeled, mask);
    const bool changedAny = pushPatch(rect, before, undoText);
    if (changedAny)
        touch(toQt(rect));
    return changedAny;
}

QString AnnotationDocument::sidecarPath(const QString& annotationDir, const QString& imageFileName)
{
    return QDir(annotationDir).filePath(imageFileName + QStringLiteral(".json"));
}

std::optional<AnnotationDocument::SaveSnapshot> AnnotationDocument::prepareSave(const QString& annotationDir,
    float threshold, const QHash<std::uint16_t, QString>& classNames, QString* error) const
{
    if (m_annotationUnreadable) {
        if (error)
            *error = tr("%1: the saved annotation could not be read, so it is not overwritten")
                         .arg(sidecarPath(annotationDir, fileName()));
        return std::nullopt;
    }
    // Never replace a sidecar this document has not seen: another window or program saved newer masks there.
    const QString sidecar = sidecarPath(annotationDir, fileName());
    QFile onDisk(sidecar);
    if (onDisk.exists()) {
        const QString writer = onDisk.open(QIODevice::ReadOnly)
            ? QJsonDocument::fromJson(onDisk.readAll()).object().value(QStringLiteral("writer")).toString()
            : QString();
        const bool ours = writer == m_sessionId
            || (m_loadedSidecar && QDir::cleanPath(m_loadedFrom) == QDir::cleanPath(annotationDir)
                && writer == m_loadedWriter);
        if (!ours) {
            if (error)
                *error = tr("%1: written by another program or window after this image was opened; not "
                            "overwritten (reopen the image to see those masks)")
                             .arg(sidecar);
            return std::nullopt;
        }
    }
    SaveSnapshot s;
    s.writer = m_sessionId;
    s.dir = annotationDir;
    s.fileName = fileName();
    s.threshold = threshold;
    s.classNames = classNames;
    s.revision = m_revision;
    // The model layers are replaced, never modified in place: sharing their buffers is a safe snapshot. The edits
    // layer changes in place, so it is copied.
    s.model = m_model;
    s.confidence = m_confidence;
    s.nga = m_nga;
    s.edits = m_edits.clone();
    // The same buffers as last time mean the same content; skipping them matters, because the noisy confidence map
    // is most of a save's cost (seconds at 12 MP).
    s.writeModel = hasModelResult()
        && (m_model.data != m_savedModel.data || m_confidence.data != m_savedConfidence.data
            || !QFile::exists(QDir(annotationDir).filePath(s.fileName + QStringLiteral(".confidence.png"))));
    return s;
}

bool AnnotationDocument::writeSave(const SaveSnapshot& s, QString* error)
{
    if (s.edits.empty())
        return true;
    if (!QDir().mkpath(s.dir)) {
        if (error)
            *error = tr("%1: cannot create the folder").arg(s.dir);
        return false;
    }
    const QDir dir(s.dir);
    const QString& base = s.fileName;
    QJsonObject layers;
    cv::Mat labels
        = compositeOf(s.edits, s.model, s.confidence, s.threshold, cv::Rect(0, 0, s.edits.cols, s.edits.rows));
    // Ids of removed classes stay in the layers (nothing is destroyed), but the label map that exporters read only
    // holds classes the sidecar names: an id without a class would become a wrong class downstream.
    for (int y = 0; y < labels.rows; ++y) {
        auto* row = labels.ptr<std::uint16_t>(y);
        for (int x = 0; x < labels.cols; ++x)
            if (row[x] != kUnlabeled && !s.classNames.contains(row[x]))
                row[x] = kUnlabeled;
    }
    if (!writePng16(dir.filePath(base + QStringLiteral(".labels.png")), labels, error))
        return false;
    layers[QStringLiteral("labels")] = base + QStringLiteral(".labels.png");
    if (!s.model.empty()) {
        if (s.writeModel) {
            cv::Mat conf16;
            s.confidence.convertTo(conf16, CV_16U, kConfidenceScale);
            if (!writePng16(dir.filePath(base + QStringLiteral(".model.png")), s.model, error)
                || !writePng16(dir.filePath(base + QStringLiteral(".confidence.png")), conf16, error))
                return false;
        }
        layers[QStringLiteral("model")] = base + QStringLiteral(".model.png");
        layers[QStringLiteral("confidence")] = base + QStringLiteral(".confidence.png");
    }
    if (!writePng16(dir.filePath(base + QStringLiteral(".edits.png")), s.edits, error))
        return false;
    layers[QStringLiteral("edits")] = base + QStringLiteral(".edits.png");

    QJsonArray classes;
    QList<std::uint16_t> ids = s.classNames.keys();
    std::sort(ids.begin(), ids.end());
    for (std::uint16_t id : ids)
        classes.append(QJsonObject {{QStringLiteral("id"), int(id)}, {QStringLiteral("name"), s.classNames.value(id)}});
    QJsonObject root {
        {QStringLiteral("format"), QStringLiteral("cascadeclip-annotation")},
        {QStringLiteral("version"), kFormatVersion},
        {QStringLiteral("image"), base},
        {QStringLiteral("width"), s.edits.cols},
        {QStringLiteral("height"), s.edits.rows},
        {QStringLiteral("threshold"), double(s.threshold)},
        {QStringLiteral("unlabeled"), int(kUnlabeled)},
        {QStringLiteral("noEdit"), int(kNoEdit)},
        {QStringLiteral("classes"), classes},
        {QStringLiteral("layers"), layers},
        {QStringLiteral("writer"), s.writer},
    };
    // The NGA weights the model layer was decoded with, when not the checkpoint's (optional; readers of version 1
    // without it ignore it).
    if (s.nga && !s.model.empty())
        root.insert(QStringLiteral("nga"), s.nga->toJson());
    // The sidecar goes last: it is what marks the annotation as present, so a crash mid-save leaves the previous
    // complete set readable.
    return writeAtomically(sidecarPath(s.dir, base), QJsonDocument(root).toJson(), error);
}

void AnnotationDocument::saveFinished(const SaveSnapshot& s)
{
    m_savedRevision = s.revision;
    if (!s.model.empty()) {
        m_savedModel = s.model;
        m_savedConfidence = s.confidence;
    }
}

bool AnnotationDocument::save(
    const QString& annotationDir, float threshold, const QHash<std::uint16_t, QString>& classNames, QString* error)
{
    const std::optional<SaveSnapshot> s = prepareSave(annotationDir, threshold, classNames, error);
    if (!s || !writeSave(*s, error))
        return false;
    saveFinished(*s);
    return true;
}

bool AnnotationDocument::loadAnnotation(const QString& annotationDir, QString* error)
{
    const QString sidecar = sidecarPath(annotationDir, fileName());
    QFile file(sidecar);
    m_loadedFrom = annotationDir;
    m_loadedSidecar = true;
    m_loadedWriter.clear();
    if (!file.exists())
        return true;
    const auto fail = [&](const QString& why) {
        m_annotationUnreadable = true;
        if (error)
            *error = why;
        return false;
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: %2").arg(sidecar, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (json.isNull())
        return fail(QStringLiteral("%1: %2").arg(sidecar, parseError.errorString()));
    const QJsonObject root = json.object();
    const int version = root.value(QStringLiteral("version")).toInt();
    if (version < 1 || version > kFormatVersion)
        return fail(tr("%1: unsupported version %2").arg(sidecar).arg(version));
    m_loadedWriter = root.value(QStringLiteral("writer")).toString();
    const cv::Size sz(m_edits.cols, m_edits.rows);
    if (root.value(QStringLiteral("width")).toInt() != sz.width
        || root.value(QStringLiteral("height")).toInt() != sz.height)
        return fail(tr("%1: annotation is %2x%3 but the image is %4x%5")
                        .arg(sidecar)
                        .arg(root.value(QStringLiteral("width")).toInt())
                        .arg(root.value(QStringLiteral("height")).toInt())
                        .arg(sz.width)
                        .arg(sz.height));
    const QJsonObject layers = root.value(QStringLiteral("layers")).toObject();
    const QDir dir(annotationDir);
    QString why;
    cv::Mat model, confidence, edits;
    if (layers.contains(QStringLiteral("model"))) {
        model = readPng16(dir.filePath(layers.value(QStringLiteral("model")).toString()), sz, &why);
        cv::Mat conf16 = readPng16(dir.filePath(layers.value(QStringLiteral("confidence")).toString()), sz, &why);
        if (model.empty() || conf16.empty())
            return fail(why);
        conf16.convertTo(confidence, CV_32F, 1.0 / kConfidenceScale);
    }
    if (layers.contains(QStringLiteral("edits"))) {
        edits = readPng16(dir.filePath(layers.value(QStringLiteral("edits")).toString()), sz, &why);
        if (edits.empty())
            return fail(why);
    } else {
        edits = cv::Mat(sz, CV_16UC1, cv::Scalar(kNoEdit));
    }
    std::optional<NgaWeights> nga;
    if (root.contains(QStringLiteral("nga"))) {
        nga = NgaWeights::fromJson(root.value(QStringLiteral("nga")).toArray());
        if (!nga)
            return fail(tr("%1: \"nga\" must hold six numbers").arg(sidecar));
    }
    m_model = model;
    m_confidence = confidence;
    m_nga = model.empty() ? std::nullopt : nga;
    m_savedModel = model;
    m_savedConfidence = confidence;
    m_edits = edits;
    m_undo->clear();
    Q_EMIT changed(QRect());
    return true;
}

} // namespace cascadeclip::ui
