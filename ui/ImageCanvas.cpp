// SPDX-License-Identifier: MIT
#include "ui/ImageCanvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace cascadeclip::ui {

namespace {
// Zoom limits and step: from a whole 8k image in a small window to individual pixels as large squares.
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 40.0;
constexpr double kZoomStep = 1.25;
} // namespace

ImageCanvas::ImageCanvas(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    updateCursor();
}

void ImageCanvas::setImage(const QImage& image)
{
    m_image = image;
    m_overlay = QImage();
    m_polygon.clear();
    fitToWindow();
}

void ImageCanvas::setOverlay(const QImage& overlay)
{
    m_overlay = overlay;
    update();
}

void ImageCanvas::overlayChanged(const QRect& imageRect)
{
    if (imageRect.isNull()) {
        update();
        return;
    }
    const QRectF r(imageToWidget(imageRect.topLeft()), imageToWidget(imageRect.bottomRight() + QPoint(1, 1)));
    update(r.toAlignedRect().adjusted(-2, -2, 2, 2));
}

void ImageCanvas::setOverlayOpacity(double opacity)
{
    m_opacity = std::clamp(opacity, 0.0, 1.0);
    update();
}

void ImageCanvas::setOverlayOpaque(bool opaque)
{
    m_overlayOpaque = opaque;
    update();
}

void ImageCanvas::setMaskVisible(bool visible)
{
    m_maskVisible = visible;
    update();
}

void ImageCanvas::setTool(Tool tool)
{
    if (m_tool == tool)
        return;
    m_tool = tool;
    m_polygon.clear();
    updateCursor();
    update();
}

void ImageCanvas::setBrushRadius(int radius)
{
    m_brushRadius = std::clamp(radius, 0, 500);
    update();
}

void ImageCanvas::setMarkers(const QList<QPoint>& pixels, int current)
{
    m_markers = pixels;
    m_currentMarker = current;
    update();
}

void ImageCanvas::setToolColor(const QColor& color)
{
    m_toolColor = color;
    update();
}

QPointF ImageCanvas::widgetToImage(const QPointF& p) const
{
    return (p - m_offset) / m_zoom;
}

QPointF ImageCanvas::imageToWidget(const QPointF& p) const
{
    return p * m_zoom + m_offset;
}

QPointF ImageCanvas::viewCenter() const
{
    return widgetToImage(QPointF(width() / 2.0, height() / 2.0));
}

void ImageCanvas::setView(double zoom, const QPointF& imageCenter)
{
    m_fit = false;
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    m_offset = QPointF(width() / 2.0, height() / 2.0) - imageCenter * m_zoom;
    clampOffset();
    update();
    Q_EMIT zoomChanged(m_zoom);
    Q_EMIT viewChanged();
}

void ImageCanvas::zoomIn()
{
    zoomAt(kZoomStep, QPointF(width() / 2.0, height() / 2.0));
}

void ImageCanvas::zoomOut()
{
    zoomAt(1.0 / kZoomStep, QPointF(width() / 2.0, height() / 2.0));
}

void ImageCanvas::fitToWindow()
{
    m_fit = true;
    if (m_image.isNull() || width() <= 0 || height() <= 0) {
        update();
        return;
    }
    const double margin = 16;
    m_zoom = std::clamp(std::min((width() - 2 * margin) / m_image.width(), (height() - 2 * margin) / m_image.height()),
        kMinZoom, kMaxZoom);
    m_offset = QPointF((width() - m_image.width() * m_zoom) / 2.0, (height() - m_image.height() * m_zoom) / 2.0);
    update();
    Q_EMIT zoomChanged(m_zoom);
    Q_EMIT viewChanged();
}

void ImageCanvas::zoomAt(double factor, const QPointF& anchor)
{
    if (m_image.isNull())
        return;
    const QPointF imagePoint = widgetToImage(anchor);
    m_zoom = std::clamp(m_zoom * factor, kMinZoom, kMaxZoom);
    m_offset = anchor - imagePoint * m_zoom;
    m_fit = false;
    clampOffset();
    update();
    Q_EMIT zoomChanged(m_zoom);
    Q_EMIT viewChanged();
}

void ImageCanvas::clampOffset()
{
    // Keep at least a quarter of the viewport on the image so it cannot be lost off-screen.
    const double w = m_image.width() * m_zoom;
    const double h = m_image.height() * m_zoom;
    const double keepX = std::min(w, width() / 4.0);
    const double keepY = std::min(h, height() / 4.0);
    m_offset.setX(std::clamp(m_offset.x(), keepX - w, width() - keepX));
    m_offset.setY(std::clamp(m_offset.y(), keepY - h, height() - keepY));
}

void ImageCanvas::updateCursor()
{
    if (m_panning)
        setCursor(Qt::ClosedHandCursor);
    else if (m_spaceHeld)
        setCursor(Qt::OpenHandCursor);
    else if (m_tool == Tool::Brush || m_tool == Tool::Eraser)
        setCursor(Qt::BlankCursor);
    else
        setCursor(Qt::CrossCursor);
}

void ImageCanvas::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.fillRect(event->rect(), QColor(0x2b, 0x2d, 0x31));
    if (m_image.isNull())
        return;
    const QRectF target(m_offset, QSizeF(m_image.width() * m_zoom, m_image.height() * m_zoom));
    // Nearest-neighbour when magnified so single pixels (and label edges) stay crisp.
    p.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 1.0);
    p.fillRect(target.adjusted(-1, -1, 1, 1), QColor(0, 0, 0, 90));
    p.drawImage(target, m_image);
    if (m_maskVisible && !m_overlay.isNull()) {
        p.setOpacity(m_overlayOpaque ? 1.0 : m_opacity);
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(target, m_overlay);
        p.setOpacity(1.0);
    }
    p.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < m_markers.size(); ++i) {
        const QPointF c = imageToWidget(QPointF(m_markers[i]) + QPointF(0.5, 0.5));
        const bool current = i == m_currentMarker;
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(0, 0, 0, 180), 4));
        p.drawEllipse(c, 7, 7);
        p.setPen(QPen(current ? QColor(255, 214, 0) : QColor(Qt::white), 2));
        p.drawEllipse(c, 7, 7);
        p.drawLine(c - QPointF(3, 0), c + QPointF(3, 0));
        p.drawLine(c - QPointF(0, 3), c + QPointF(0, 3));
        const QString label = QString::number(i + 1);
        const QPointF at = c + QPointF(9, -8);
        p.setPen(QColor(0, 0, 0, 200));
        p.drawText(at + QPointF(1, 1), label);
        p.setPen(current ? QColor(255, 214, 0) : QColor(Qt::white));
        p.drawText(at, label);
    }
    if (!m_polygon.isEmpty()) {
        QPolygonF poly;
        for (const QPointF& pt : m_polygon)
            poly << imageToWidget(pt);
        if (m_pointerInside)
            poly << m_pointer;
        const QColor c = m_tool == Tool::PolygonSubtract ? QColor(Qt::white) : m_toolColor;
        QColor fillColor = c;
        fillColor.setAlpha(60);
        p.setBrush(fillColor);
        p.setPen(QPen(c, 1.5, m_tool == Tool::PolygonSubtract ? Qt::DashLine : Qt::SolidLine));
        p.drawPolygon(poly);
        p.setBrush(c);
        for (const QPointF& pt : m_polygon)
            p.drawEllipse(imageToWidget(pt), 3, 3);
    }
    if (m_pointerInside && !m_spaceHeld && (m_tool == Tool::Brush || m_tool == Tool::Eraser)) {
        const double r = std::max(1.0, (m_brushRadius + 0.5) * m_zoom);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(0, 0, 0, 160), 3));
        p.drawEllipse(m_pointer, r, r);
        p.setPen(QPen(m_tool == Tool::Eraser ? QColor(Qt::white) : m_toolColor, 1.5,
            m_tool == Tool::Eraser ? Qt::DashLine : Qt::SolidLine));
        p.drawEllipse(m_pointer, r, r);
    }
}

void ImageCanvas::resizeEvent(QResizeEvent* event)
{
    if (m_fit) {
        fitToWindow();
        return;
    }
    // Keep the image point at the centre where it was (docks opening, the window being laid out after a restored
    // view was applied).
    const QSize old = event->oldSize().isValid() ? event->oldSize() : size();
    const QPointF centre = (QPointF(old.width() / 2.0, old.height() / 2.0) - m_offset) / m_zoom;
    m_offset = QPointF(width() / 2.0, height() / 2.0) - centre * m_zoom;
    clampOffset();
    Q_EMIT viewChanged();
}

void ImageCanvas::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        zoomAt(std::pow(kZoomStep, steps), event->position());
    } else {
        // Plain wheel pans (Shift: horizontally), like image editors.
        QPointF delta = event->angleDelta() / 2.0;
        if (event->modifiers() & Qt::ShiftModifier)
            delta = QPointF(delta.y(), delta.x());
        m_offset += delta;
        m_fit = false;
        clampOffset();
        update();
        Q_EMIT viewChanged();
    }
    event->accept();
}

void ImageCanvas::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    if (m_image.isNull())
        return;
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        updateCursor();
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    const QPointF at = widgetToImage(event->position());
    if (m_tool == Tool::Inspect || (event->modifiers() & Qt::AltModifier)) {
        const QPoint pixel(int(std::floor(at.x())), int(std::floor(at.y())));
        if (QRect(QPoint(0, 0), m_image.size()).contains(pixel))
            Q_EMIT inspectRequested(pixel);
        return;
    }
    switch (m_tool) {
    case Tool::Brush:
    case Tool::Eraser:
        m_stroking = true;
        m_strokeLast = at;
        Q_EMIT strokeStarted(at);
        Q_EMIT strokeMoved(at, at);
        break;
    case Tool::Fill:
        Q_EMIT fillRequested(QPoint(int(std::floor(at.x())), int(std::floor(at.y()))));
        break;
    case Tool::PolygonAdd:
    case Tool::PolygonSubtract:
        m_polygon << at;
        update();
        break;
    case Tool::Inspect:
        break;
    }
}

void ImageCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    const QRectF oldBrush(m_pointer - QPointF(1, 1) * (m_brushRadius * m_zoom + 4),
        m_pointer + QPointF(1, 1) * (m_brushRadius * m_zoom + 4));
    m_pointer = pos;
    m_pointerInside = true;
    if (m_panning) {
        m_offset += pos - m_panLast;
        m_panLast = pos.toPoint();
        m_fit = false;
        clampOffset();
        update();
        Q_EMIT viewChanged();
        return;
    }
    const QPointF at = widgetToImage(pos);
    const QPoint pixel(int(std::floor(at.x())), int(std::floor(at.y())));
    Q_EMIT hovered(pixel, !m_image.isNull() && QRect(QPoint(0, 0), m_image.size()).contains(pixel));
    if (m_stroking) {
        Q_EMIT strokeMoved(m_strokeLast, at);
        m_strokeLast = at;
    }
    if (!m_polygon.isEmpty()) {
        update();
    } else {
        const QRectF newBrush(
            pos - QPointF(1, 1) * (m_brushRadius * m_zoom + 4), pos + QPointF(1, 1) * (m_brushRadius * m_zoom + 4));
        update(oldBrush.united(newBrush).toAlignedRect());
    }
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        updateCursor();
        return;
    }
    if (event->button() == Qt::LeftButton && m_stroking) {
        m_stroking = false;
        Q_EMIT strokeFinished();
    }
}

void ImageCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && !m_polygon.isEmpty()) {
        finishPolygon();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void ImageCanvas::finishPolygon()
{
    // A double click adds its first click as a vertex too; drop repeated points.
    QPolygonF poly;
    for (const QPointF& pt : m_polygon)
        if (poly.isEmpty() || QLineF(poly.last(), pt).length() * m_zoom > 2.0)
            poly << pt;
    m_polygon.clear();
    update();
    if (poly.size() >= 3)
        Q_EMIT polygonFinished(poly, m_tool == Tool::PolygonSubtract);
}

void ImageCanvas::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            updateCursor();
            update();
        }
        return;
    case Qt::Key_Escape:
        if (!m_polygon.isEmpty()) {
            m_polygon.clear();
            update();
            return;
        }
        break;
    case Qt::Key_Backspace:
        if (!m_polygon.isEmpty()) {
            m_polygon.removeLast();
            update();
            return;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!m_polygon.isEmpty()) {
            finishPolygon();
            return;
        }
        break;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

void ImageCanvas::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        m_panning = false;
        updateCursor();
        update();
        return;
    }
    QWidget::keyReleaseEvent(event);
}

void ImageCanvas::leaveEvent(QEvent*)
{
    m_pointerInside = false;
    Q_EMIT hovered(QPoint(), false);
    update();
}

} // namespace cascadeclip::ui
