// SPDX-License-Identifier: MIT
#pragma once
// Small helpers the GUI tests share: finding a widget by its objectName and dragging on the canvas.

#include "ui/ImageCanvas.h"

#include <QObject>
#include <QPointF>
#include <QtTest>

namespace cascadeclip::ui::test {

/// The child of @p parent named @p name, or null with a warning naming it.
template <typename T> T* find(const QObject& parent, const char* name)
{
    T* child = parent.findChild<T*>(QString::fromLatin1(name));
    if (!child)
        qWarning("no child %s", name);
    return child;
}

template <typename T> T* find(const QObject* parent, const char* name)
{
    return find<T>(*parent, name);
}

/// A left-button drag on the canvas from @p from to @p to (image coordinates), in eight moves.
inline void drag(ImageCanvas* canvas, const QPointF& from, const QPointF& to)
{
    const QPoint a = canvas->imageToWidget(from).toPoint();
    const QPoint b = canvas->imageToWidget(to).toPoint();
    QTest::mousePress(canvas, Qt::LeftButton, {}, a);
    for (int i = 1; i <= 8; ++i)
        QTest::mouseMove(canvas, a + (b - a) * i / 8);
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, b);
}

} // namespace cascadeclip::ui::test
