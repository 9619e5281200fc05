// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QPolygonF>
#include <QWidget>

namespace cascadeclip::ui {

/**
 * Shows an image with a label overlay; zoom (Ctrl+wheel, zoomIn/zoomOut, fit), pan (Space-drag, middle-drag,
 * wheel) and the editing gestures of the current tool. The canvas never edits labels itself: it reports gestures
 * in image coordinates and the window applies them to the document. GUI thread only.
 */
class ImageCanvas : public QWidget {
    Q_OBJECT
public:
    /// Inspect: a click asks for the pixel's breakdown (inspectRequested) and never edits.
    enum class Tool { Brush, Eraser, Fill, PolygonAdd, PolygonSubtract, Inspect };
    Q_ENUM(Tool)

    explicit ImageCanvas(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    /// The overlay must have the image's size (ARGB32, transparent where unlabeled).
    void setOverlay(const QImage& overlay);
    /// The overlay, for repainting a region in place; call overlayChanged() afterwards.
    QImage& overlay() { return m_overlay; }
    /// Schedules a repaint of `imageRect` (image pixels; the whole canvas when null).
    void overlayChanged(const QRect& imageRect);
    bool hasImage() const { return !m_image.isNull(); }

    void setOverlayOpacity(double opacity);
    double overlayOpacity() const { return m_opacity; }
    /// Draws the overlay at full opacity (contour mode: thin outlines must stay visible whatever the opacity).
    void setOverlayOpaque(bool opaque);
    void setMaskVisible(bool visible);
    bool isMaskVisible() const { return m_maskVisible; }
    void setTool(Tool tool);
    Tool tool() const { return m_tool; }
    void setBrushRadius(int radius);
    int brushRadius() const { return m_brushRadius; }
    /// Colour of the brush outline and polygon in progress (the current class).
    void setToolColor(const QColor& color);

    double zoom() const { return m_zoom; }
    /// Image point at the centre of the viewport.
    QPointF viewCenter() const;
    /// Sets zoom and centre (restoring a saved view).
    void setView(double zoom, const QPointF& imageCenter);
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    bool isFitToWindow() const { return m_fit; }
    QPointF widgetToImage(const QPointF& p) const;
    QPointF imageToWidget(const QPointF& p) const;
    /// The polygon being drawn (image coordinates).
    const QPolygonF& pendingPolygon() const { return m_polygon; }
    /// Pixels to mark with a small numbered ring (the inspector's pixels); `current` is drawn highlighted.
    void setMarkers(const QList<QPoint>& pixels, int current = -1);
    const QList<QPoint>& markers() const { return m_markers; }

Q_SIGNALS:
    /// The pointer is over image pixel `pixel` (`inside` false when it left the image).
    void hovered(const QPoint& pixel, bool inside);
    void strokeStarted(const QPointF& at);
    void strokeMoved(const QPointF& from, const QPointF& to);
    void strokeFinished();
    void fillRequested(const QPoint& pixel);
    void polygonFinished(const QPolygonF& polygon, bool subtract);
    void zoomChanged(double zoom);
    /// Zoom or pan changed (for views that follow this one).
    void viewChanged();
    /// A click with the Inspect tool, or an Alt+click with any tool, on image pixel `pixel`.
    void inspectRequested(const QPoint& pixel);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void zoomAt(double factor, const QPointF& widgetAnchor);
    void clampOffset();
    void updateCursor();
    void finishPolygon();

    QImage m_image;
    QImage m_overlay;
    double m_opacity = 0.55;
    bool m_maskVisible = true;
    bool m_overlayOpaque = false;
    Tool m_tool = Tool::Brush;
    int m_brushRadius = 12;
    QColor m_toolColor = Qt::white;

    double m_zoom = 1.0;
    QPointF m_offset; // widget position of image pixel (0, 0)
    bool m_fit = true;

    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
    bool m_stroking = false;
    QPointF m_strokeLast;
    QPolygonF m_polygon;
    QPointF m_pointer;
    bool m_pointerInside = false;
    QList<QPoint> m_markers;
    int m_currentMarker = -1;
};

} // namespace cascadeclip::ui
