// SPDX-License-Identifier: MIT
#include "ui/Settings.h"

#include <QSignalSpy>
#include <QtTest>

using cascadeclip::ui::Settings;

class TestSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsComeFromTheTable();
    void valuesPersistWithTheirTypes();
    void changedFiresOnlyOnRealChanges();
    void tempInstancesAreIsolated();
};

void TestSettings::defaultsComeFromTheTable()
{
    auto s = Settings::createTempInstance();
    QCOMPARE(s->overlayOpacity(), Settings::defaultValue(Settings::Key::OverlayOpacity).toInt());
    QCOMPARE(s->device(), QStringLiteral("auto"));
    QVERIFY(s->showMask());
    QVERIFY(s->modelPath().isEmpty());
    QCOMPARE(Settings::keyName(Settings::Key::BrushRadius), QStringLiteral("edit/brushRadius"));
}

void TestSettings::valuesPersistWithTheirTypes()
{
    auto s = Settings::createTempInstance();
    s->setValue(Settings::Key::BrushRadius, 31);
    s->setValue(Settings::Key::ShowMask, false);
    s->setValue(Settings::Key::ModelPath, QStringLiteral("/m/voc.safetensors"));
    // A second QSettings on the same INI file sees typed values (INI stores strings).
    QSettings raw(s->fileName(), QSettings::IniFormat);
    QCOMPARE(raw.value(QStringLiteral("edit/brushRadius")).toInt(), 31);
    QCOMPARE(s->brushRadius(), 31);
    QCOMPARE(s->value(Settings::Key::ShowMask).metaType(), QMetaType::fromType<bool>());
    QVERIFY(!s->showMask());
    s->resetToDefaults();
    QCOMPARE(s->brushRadius(), Settings::defaultValue(Settings::Key::BrushRadius).toInt());
    QVERIFY(s->modelPath().isEmpty());
}

void TestSettings::changedFiresOnlyOnRealChanges()
{
    auto s = Settings::createTempInstance();
    QSignalSpy changed(s.get(), &Settings::changed);
    s->setValue(Settings::Key::ContourOnly, true);
    s->setValue(Settings::Key::ContourOnly, true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<Settings::Key>(), Settings::Key::ContourOnly);
}

void TestSettings::tempInstancesAreIsolated()
{
    auto a = Settings::createTempInstance();
    auto b = Settings::createTempInstance();
    a->setValue(Settings::Key::ComputeThreads, 3);
    QCOMPARE(b->computeThreads(), 0);
    QVERIFY(a->fileName() != b->fileName());
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
