// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSettings>
#include <QVariant>

#include <algorithm>
#include <cstdint>
#include <memory>

class QTemporaryDir;

namespace cascadeclip::ui {

/**
 * Typed access to the application's persistent settings (QSettings underneath).
 *
 * Every key has one default, in one table; callers never spell a settings path. Core never sees this class: the
 * GUI turns the values into plain option structs. GUI thread only.
 */
class Settings : public QObject {
    Q_OBJECT
public:
    enum class Key {
        ModelPath, // QString: last model bundle, loaded at start-up
        ComputeThreads, // int: LibTorch intra-op threads on the worker; 0 = all cores
        Device, // QString: "auto", "cpu", "cuda"
        LastDirectory, // QString: where the open dialogs start
        OverlayOpacity, // int 0..100
        ShowMask, // bool
        ContourOnly, // bool
        BrushRadius, // int, image pixels
        PaintOnlyUnlabeled, // bool
        AutosaveDelayMs, // int: longest time an edit waits before the autosave writes it
        MaxImagePixels, // qlonglong: larger images are refused with a message; 0 = no limit
        WindowGeometry, // QByteArray
        WindowState, // QByteArray
        Language, // QString: interface language code (e.g. "ko", "zh_CN"); empty = the system's
        ExportFormats, // QStringList: the formats of the last export ("palette", "color", "coco", "polygons",
                       // "labelme")
    };
    Q_ENUM(Key)

    /// Wraps (and owns) `backing`.
    explicit Settings(std::unique_ptr<QSettings> backing, QObject* parent = nullptr);
    ~Settings() override;

    /// The user's settings (organisation and application names from QCoreApplication).
    static std::unique_ptr<Settings> createDefault();
    /// Settings in a fresh temporary file that disappears with the instance; for tests.
    static std::unique_ptr<Settings> createTempInstance();

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);
    /// Forgets every stored value, so all keys read their defaults again.
    void resetToDefaults();

    static QVariant defaultValue(Key key);
    static QString keyName(Key key);

    QString modelPath() const { return value(Key::ModelPath).toString(); }
    int computeThreads() const { return value(Key::ComputeThreads).toInt(); }
    QString device() const { return value(Key::Device).toString(); }
    QString lastDirectory() const { return value(Key::LastDirectory).toString(); }
    int overlayOpacity() const { return value(Key::OverlayOpacity).toInt(); }
    bool showMask() const { return value(Key::ShowMask).toBool(); }
    bool contourOnly() const { return value(Key::ContourOnly).toBool(); }
    int brushRadius() const { return value(Key::BrushRadius).toInt(); }
    bool paintOnlyUnlabeled() const { return value(Key::PaintOnlyUnlabeled).toBool(); }
    int autosaveDelayMs() const { return value(Key::AutosaveDelayMs).toInt(); }
    std::uint64_t maxImagePixels() const
    {
        return std::uint64_t(std::max(0LL, value(Key::MaxImagePixels).toLongLong()));
    }
    QString language() const { return value(Key::Language).toString(); }
    QStringList exportFormats() const { return value(Key::ExportFormats).toStringList(); }

    /// The file the values live in (for tests and the About box).
    QString fileName() const { return m_settings->fileName(); }

Q_SIGNALS:
    void changed(cascadeclip::ui::Settings::Key key);

private:
    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QSettings> m_settings;
};

} // namespace cascadeclip::ui
