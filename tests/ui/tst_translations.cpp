// SPDX-License-Identifier: MIT
// Interface translations: the compiled-in languages, the choice from settings and system locale, Qt's own
// translations, the Language menu, and a Korean workspace rendered with real CJK glyphs (screenshot in artifacts).
#include "FakeSegmenter.h"
#include "ui/ClassListModel.h"
#include "ui/MainWindow.h"
#include "ui/Settings.h"
#include "ui/Translations.h"

#include <QFontDatabase>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QRawFont>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using cascadeclip::test::FakeControl;
using cascadeclip::ui::MainWindow;
using cascadeclip::ui::Settings;
namespace i18n = cascadeclip::ui::i18n;

namespace {

QString artifactsDir()
{
    const QString dir = qEnvironmentVariable("CASCADECLIP_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir;
}

QStringList codes()
{
    QStringList out;
    for (const i18n::Language& l : i18n::availableLanguages())
        out << l.code;
    return out;
}

// True when the font the application would pick for `system` has a glyph for every letter of `text` (no tofu).
bool rendersWithoutTofu(const QFont& font, QFontDatabase::WritingSystem system, const QString& text)
{
    const QRawFont raw = QRawFont::fromFont(font, system);
    if (!raw.isValid())
        return false;
    for (const QChar c : text)
        if (c.isLetter() && !raw.supportsCharacter(c))
            return false;
    return true;
}

QImage scene()
{
    QImage img(320, 240, QImage::Format_RGB32);
    QPainter p(&img);
    p.fillRect(0, 0, 320, 170, QColor(130, 185, 235));
    p.fillRect(0, 170, 320, 70, QColor(70, 140, 60));
    p.fillRect(60, 110, 90, 62, QColor(190, 60, 50));
    return img;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void languagesAreCompiledIn();
    void languageFollowsSettingsThenSystem();
    void installLoadsApplicationAndQtTranslations();
    void unknownLanguageKeepsEnglish();
    void cjkFontsCoverTheTranslations();
    void koreanWorkspaceScreenshot();
    void languageMenuStoresTheChoice();
};

void TestTranslations::cleanup()
{
    i18n::install(QStringLiteral("en"));
}

void TestTranslations::languagesAreCompiledIn()
{
    const QList<i18n::Language> languages = i18n::availableLanguages();
    QVERIFY(languages.size() >= 4);
    QCOMPARE(languages.first().code, QStringLiteral("en"));
    QVERIFY(codes().contains(QStringLiteral("ko")));
    QVERIFY(codes().contains(QStringLiteral("ja")));
    QVERIFY(codes().contains(QStringLiteral("zh_CN")));
    for (const i18n::Language& l : languages) {
        if (l.code == QLatin1String("ko"))
            QCOMPARE(l.nativeName, QStringLiteral("한국어"));
        if (l.code == QLatin1String("ja"))
            QCOMPARE(l.nativeName, QStringLiteral("日本語"));
        if (l.code == QLatin1String("zh_CN"))
            QCOMPARE(l.nativeName, QStringLiteral("简体中文"));
    }
}

void TestTranslations::languageFollowsSettingsThenSystem()
{
    const QStringList korean {QStringLiteral("ko-KR"), QStringLiteral("ko"), QStringLiteral("en-US")};
    // The stored choice wins over the system.
    QCOMPARE(i18n::resolveLanguage(QStringLiteral("ja"), korean), QStringLiteral("ja"));
    QCOMPARE(i18n::resolveLanguage(QStringLiteral("en"), korean), QStringLiteral("en"));
    // No (or an unknown) choice: the system's first available language.
    QCOMPARE(i18n::resolveLanguage(QString(), korean), QStringLiteral("ko"));
    QCOMPARE(i18n::resolveLanguage(QStringLiteral("tlh"), korean), QStringLiteral("ko"));
    QCOMPARE(i18n::resolveLanguage(QString(), {QStringLiteral("zh-Hans-CN")}), QStringLiteral("zh_CN"));
    QCOMPARE(i18n::resolveLanguage(QString(), {QStringLiteral("ja-JP")}), QStringLiteral("ja"));
    QCOMPARE(
        i18n::resolveLanguage(QString(), {QStringLiteral("fr-FR"), QStringLiteral("ja-JP")}), QStringLiteral("ja"));
    // English before a later translated language; nothing translated at all: English.
    QCOMPARE(
        i18n::resolveLanguage(QString(), {QStringLiteral("en-GB"), QStringLiteral("ko-KR")}), QStringLiteral("en"));
    QCOMPARE(i18n::resolveLanguage(QString(), {QStringLiteral("fr-FR"), QStringLiteral("de")}), QStringLiteral("en"));
    QCOMPARE(i18n::resolveLanguage(QString(), {QStringLiteral("C")}), QStringLiteral("en"));
}

void TestTranslations::installLoadsApplicationAndQtTranslations()
{
    const char* context = "cascadeclip::ui::MainWindow";
    QCOMPARE(QCoreApplication::translate(context, "&File"), QStringLiteral("&File"));

    QVERIFY(i18n::install(QStringLiteral("ko")));
    QCOMPARE(i18n::installedLanguage(), QStringLiteral("ko"));
    QCOMPARE(QCoreApplication::translate(context, "&File"), QStringLiteral("파일(&F)"));
    QCOMPARE(QCoreApplication::translate(context, "Segment with %n class(es)", nullptr, 3),
        QStringLiteral("클래스 3개로 분할"));
    // Qt's own strings (standard buttons) come from qtbase_ko.qm.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("취소"));

    QVERIFY(i18n::install(QStringLiteral("zh_CN")));
    QCOMPARE(QCoreApplication::translate(context, "&File"), QStringLiteral("文件(&F)"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));

    QVERIFY(i18n::install(QStringLiteral("ja")));
    QCOMPARE(QCoreApplication::translate(context, "&File"), QStringLiteral("ファイル(&F)"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("キャンセル"));

    // Back to English: every translator is gone.
    QVERIFY(i18n::install(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate(context, "&File"), QStringLiteral("&File"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

void TestTranslations::unknownLanguageKeepsEnglish()
{
    QVERIFY(i18n::install(QStringLiteral("ko")));
    QVERIFY(!i18n::install(QStringLiteral("tlh")));
    QCOMPARE(i18n::installedLanguage(), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("cascadeclip::ui::MainWindow", "&File"), QStringLiteral("&File"));
}

void TestTranslations::cjkFontsCoverTheTranslations()
{
    // Debian's fonts-noto-cjk: without it every translated label would be tofu boxes.
    const QFont font = QApplication::font();
    struct Case {
        const char* code;
        QFontDatabase::WritingSystem system;
    };
    for (const Case& c : {Case {"ko", QFontDatabase::Korean}, Case {"zh_CN", QFontDatabase::SimplifiedChinese},
             Case {"ja", QFontDatabase::Japanese}}) {
        QVERIFY2(!QFontDatabase::families(c.system).isEmpty(), c.code);
        QVERIFY(i18n::install(QString::fromLatin1(c.code)));
        const QString sample = QCoreApplication::translate("cascadeclip::ui::MainWindow",
                                   "The model is ready. Open an image (Ctrl+O) or a folder of images (Ctrl+U), type "
                                   "the class names you want in the Classes panel, and press Run.")
            + QCoreApplication::translate("cascadeclip::ui::MainWindow", "Welcome to Cascade-CLIP Studio");
        QVERIFY2(rendersWithoutTofu(font, c.system, sample), qPrintable(sample));
    }
}

void TestTranslations::koreanWorkspaceScreenshot()
{
    QVERIFY(i18n::install(QStringLiteral("ko")));
    auto settings = Settings::createTempInstance();
    auto fake = std::make_shared<FakeControl>();
    QTemporaryDir project;
    QVERIFY(project.isValid());
    QVERIFY(scene().save(project.filePath(QStringLiteral("마당.png"))));

    MainWindow window(fake->factory(), settings.get());
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QStringList menus;
    for (QAction* a : window.menuBar()->actions())
        menus << a->text();
    QVERIFY2(menus.contains(QStringLiteral("파일(&F)")), qPrintable(menus.join(QLatin1Char(' '))));
    QVERIFY(menus.contains(QStringLiteral("보기(&V)")));

    window.loadModel(QStringLiteral("/models/voc-fake.safetensors"));
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->hasModel(), 5000);
    QVERIFY(window.openFolder(project.path()));
    auto* edit = window.findChild<QLineEdit*>(QStringLiteral("classesEdit"));
    QVERIFY(edit);
    edit->setFocus();
    edit->insert(QStringLiteral("하늘, 집, 잔디")); // QTest::keyClicks types ASCII only
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(window.classModel()->names(),
        QStringList({QStringLiteral("하늘"), QStringLiteral("집"), QStringLiteral("잔디")}));
    auto* run = window.findChild<QPushButton*>(QStringLiteral("runButton"));
    QVERIFY(run);
    QCOMPARE(run->text(), QStringLiteral("실행"));
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.currentDocument() && window.currentDocument()->hasModelResult(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(QStringLiteral("분할 완료")), 5000);

    QVERIFY(rendersWithoutTofu(window.font(), QFontDatabase::Korean, window.statusBar()->currentMessage()));
    QVERIFY(window.grab().save(artifactsDir() + QStringLiteral("/main_window_ko.png")));
}

void TestTranslations::languageMenuStoresTheChoice()
{
    QVERIFY(i18n::install(QStringLiteral("ko")));
    auto settings = Settings::createTempInstance();
    MainWindow window(std::make_shared<FakeControl>()->factory(), settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto* menu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
    QVERIFY(menu);
    QCOMPARE(menu->title(), QStringLiteral("언어(&L)"));
    auto* system = menu->findChild<QAction*>(QStringLiteral("languageAction_system"));
    auto* japanese = menu->findChild<QAction*>(QStringLiteral("languageAction_ja"));
    QVERIFY(system && japanese);
    QVERIFY(system->isChecked()); // nothing stored yet: the system's language
    QCOMPARE(japanese->text(), QStringLiteral("日本語"));

    japanese->trigger();
    QCOMPARE(settings->language(), QStringLiteral("ja"));
    QVERIFY(japanese->isChecked());
    QVERIFY(!system->isChecked());
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("다음에 시작할 때")));
    // What main() does at the next start.
    QCOMPARE(i18n::resolveLanguage(settings->language(), {QStringLiteral("ko-KR")}), QStringLiteral("ja"));

    system->trigger();
    QCOMPARE(settings->language(), QString());
    QCOMPARE(i18n::resolveLanguage(settings->language(), {QStringLiteral("ko-KR")}), QStringLiteral("ko"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
