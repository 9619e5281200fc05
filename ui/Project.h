// SPDX-License-Identifier: MIT
#pragma once

#include "ui/ClassListModel.h"

#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace cascadeclip::ui {

/// What a project folder remembers besides the per-image annotations (JSON, `cascadeclip-project.json`).
struct ProjectData {
    QVector<ClassEntry> classes;
    std::uint16_t nextClassId = 0;
    QString modelPath;
    QStringList doneImages;
    // View
    QString currentImage;
    double zoom = 0.0; // 0 = fit to window
    QPointF center;
    int overlayOpacity = 45;
    bool showMask = true;
    bool contourOnly = false;
    double threshold = 0.0;
};

namespace project {

/// Current version of the project file format.
inline constexpr int kFormatVersion = 1;
QString projectFilePath(const QString& folder);
QString annotationsDir(const QString& folder);
/// Writes the project file atomically.
bool save(const QString& folder, const ProjectData& data, QString* error);
/// Reads the project file; std::nullopt with `error` set when it exists but cannot be used, and with `error` empty
/// when there is none.
std::optional<ProjectData> load(const QString& folder, QString* error);

} // namespace project

} // namespace cascadeclip::ui
