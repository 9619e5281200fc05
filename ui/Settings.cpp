// SPDX-License-Identifier: MIT
#include "ui/Settings.h"

#include <cascadeclip/ImageFile.h>

#include <QMetaEnum>
#include <QTemporaryDir>

namespace cascadeclip::ui {

namespace {

struct Entry {
    Settings::Key key;
    const char* path;
    QVariant defaultValue;
};

const std::vector<Entry>& table()
{
    static const std::vector<Entry> entries {
        {Settings::Key::ModelPath, "model/path", QString()},
        {Settings::Key::ComputeThreads, "model/threads", 0},
        {Settings::Key::Device, "model/device", QStringLiteral("auto")},
        {Settings::Key::LastDirectory, "files/lastDirectory", QString()},
        {Settings::Key::OverlayOpacity, "view/overlayOpacity", 45},
        {Settings::Key::ShowMask, "view/showMask", true},
        {Settings::Key::ContourOnly, "view/contourOnly", false},
        {Settings::Key::BrushRadius, "edit/brushRadius", 12},
        {Settings::Key::PaintOnlyUnlabeled, "edit/paintOnlyUnlabeled", false},
        {Settings::Key::AutosaveDelayMs, "edit/autosaveDelayMs", 1500},
        {Settings::Key::MaxImagePixels, "image/maxPixels", qlonglong(kDefaultMaxImagePixels)},
        {Settings::Key::WindowGeometry, "window/geometry", QByteArray()},
        {Settings::Key::WindowState, "window/state", QByteArray()},
        {Settings::Key::Language, "ui/language", QString()},
        {Settings::Key::ExportFormats, "export/formats",
            QStringList {QStringLiteral("palette"), QStringLiteral("coco")}},
    };
    return entries;
}

const Entry& entry(Settings::Key key)
{
    for (const Entry& e : table())
        if (e.key == key)
            return e;
    Q_UNREACHABLE();
}

} // namespace

Settings::Settings(std::unique_ptr<QSettings> backing, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(backing))
{
}

Settings::~Settings() = default;

std::unique_ptr<Settings> Settings::createDefault()
{
    return std::make_unique<Settings>(std::make_unique<QSettings>());
}

std::unique_ptr<Settings> Settings::createTempInstance()
{
    auto dir = std::make_unique<QTemporaryDir>();
    auto backing = std::make_unique<QSettings>(dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    auto settings = std::make_unique<Settings>(std::move(backing));
    settings->m_tempDir = std::move(dir);
    return settings;
}

QVariant Settings::value(Key key) const
{
    const Entry& e = entry(key);
    QVariant v = m_settings->value(QLatin1String(e.path), e.defaultValue);
    // INI files store everything as strings: hand back the default's type.
    if (e.defaultValue.isValid() && v.metaType() != e.defaultValue.metaType())
        v.convert(e.defaultValue.metaType());
    return v;
}

void Settings::setValue(Key key, const QVariant& value)
{
    if (m_settings->value(QLatin1String(entry(key).path)) == value)
        return;
    m_settings->setValue(QLatin1String(entry(key).path), value);
    Q_EMIT changed(key);
}

void Settings::resetToDefaults()
{
    m_settings->clear();
    m_settings->sync();
}

QVariant Settings::defaultValue(Key key)
{
    return entry(key).defaultValue;
}

QString Settings::keyName(Key key)
{
    return QLatin1String(entry(key).path);
}

} // namespace cascadeclip::ui
