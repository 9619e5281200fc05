// SPDX-License-Identifier: MIT
#include "ui/Project.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace cascadeclip::ui::project {

QString projectFilePath(const QString& folder)
{
    return QDir(folder).filePath(QStringLiteral("cascadeclip-project.json"));
}

QString annotationsDir(const QString& folder)
{
    return QDir(folder).filePath(QStringLiteral("annotations"));
}

bool save(const QString& folder, const ProjectData& data, QString* error)
{
    QJsonArray classes;
    for (const ClassEntry& c : data.classes)
        classes.append(QJsonObject {{QStringLiteral("id"), int(c.id)}, {QStringLiteral("name"), c.name},
            {QStringLiteral("color"), c.color.name()}, {QStringLiteral("seen"), c.seen}});
    const QJsonObject view {
        {QStringLiteral("currentImage"), data.currentImage},
        {QStringLiteral("zoom"), data.zoom},
        {QStringLiteral("centerX"), data.center.x()},
        {QStringLiteral("centerY"), data.center.y()},
        {QStringLiteral("overlayOpacity"), data.overlayOpacity},
        {QStringLiteral("showMask"), data.showMask},
        {QStringLiteral("contourOnly"), data.contourOnly},
        {QStringLiteral("threshold"), data.threshold},
    };
    const QJsonObject root {
        {QStringLiteral("format"), QStringLiteral("cascadeclip-project")},
        {QStringLiteral("version"), kFormatVersion},
        {QStringLiteral("classes"), classes},
        {QStringLiteral("nextClassId"), int(data.nextClassId)},
        {QStringLiteral("model"), data.modelPath},
        {QStringLiteral("done"), QJsonArray::fromStringList(data.doneImages)},
        {QStringLiteral("view"), view},
    };
    const QString path = projectFilePath(folder);
    QSaveFile file(path);
    const QByteArray bytes = QJsonDocument(root).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<ProjectData> load(const QString& folder, QString* error)
{
    const QString path = projectFilePath(folder);
    QFile file(path);
    if (!file.exists()) {
        if (error)
            error->clear();
        return std::nullopt;
    }
    const auto fail = [&](const QString& why) -> std::optional<ProjectData> {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, why);
        return std::nullopt;
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!json.isObject())
        return fail(parseError.errorString());
    const QJsonObject root = json.object();
    const int version = root.value(QStringLiteral("version")).toInt();
    if (version < 1 || version > kFormatVersion)
        return fail(
            QCoreApplication::translate("cascadeclip::ui::project", "unsupported project version %1").arg(version));
    ProjectData data;
    for (const QJsonValue& v : root.value(QStringLiteral("classes")).toArray()) {
        const QJsonObject o = v.toObject();
        ClassEntry c;
        const int id = o.value(QStringLiteral("id")).toInt(-1);
        if (id < 0 || id >= 0xFFFE)
            return fail(QCoreApplication::translate("cascadeclip::ui::project", "class id %1 out of range").arg(id));
        c.id = std::uint16_t(id);
        c.name = o.value(QStringLiteral("name")).toString();
        c.color = QColor(o.value(QStringLiteral("color")).toString());
        if (!c.color.isValid())
            c.color = ClassListModel::paletteColor(id);
        c.seen = o.value(QStringLiteral("seen")).toBool();
        data.classes.append(c);
    }
    data.nextClassId = std::uint16_t(root.value(QStringLiteral("nextClassId")).toInt());
    data.modelPath = root.value(QStringLiteral("model")).toString();
    for (const QJsonValue& v : root.value(QStringLiteral("done")).toArray())
        data.doneImages << v.toString();
    const QJsonObject view = root.value(QStringLiteral("view")).toObject();
    data.currentImage = view.value(QStringLiteral("currentImage")).toString();
    data.zoom = view.value(QStringLiteral("zoom")).toDouble();
    data.center
        = QPointF(view.value(QStringLiteral("centerX")).toDouble(), view.value(QStringLiteral("centerY")).toDouble());
    data.overlayOpacity = view.value(QStringLiteral("overlayOpacity")).toInt(45);
    data.showMask = view.value(QStringLiteral("showMask")).toBool(true);
    data.contourOnly = view.value(QStringLiteral("contourOnly")).toBool(false);
    data.threshold = view.value(QStringLiteral("threshold")).toDouble(0.0);
    return data;
}

} // namespace cascadeclip::ui::project
