// SPDX-License-Identifier: MIT
#include "ui/Translations.h"

#include "ui/Logging.h"
#include "ui/Settings.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QTranslator>

#include <memory>

namespace cascadeclip::ui::i18n {

namespace {

// Where qt_add_translations puts the compiled .qm files (its default resource prefix).
constexpr const char* kResourceDir = ":/i18n";

QString nativeName(const QString& code)
{
    // QLocale names Chinese "中文" whatever the script; the menu must tell Simplified from Traditional.
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (code == QLatin1String("zh_TW"))
        return QStringLiteral("繁體中文");
    if (code == QLatin1String(kSourceLanguage))
        return QStringLiteral("English");
    const QString name = QLocale(code).nativeLanguageName();
    return name.isEmpty() ? code : name;
}

struct Installed {
    QString language = QLatin1String(kSourceLanguage);
    std::unique_ptr<QTranslator> qt;
    std::unique_ptr<QTranslator> app;
};

Installed& installed()
{
    static Installed state;
    return state;
}

} // namespace

QList<Language> availableLanguages()
{
    QList<Language> out {{QLatin1String(kSourceLanguage), nativeName(QLatin1String(kSourceLanguage))}};
    const QStringList files
        = QDir(QLatin1String(kResourceDir)).entryList({QStringLiteral("cascadeclip_*.qm")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QString code = file.mid(int(qstrlen("cascadeclip_")), file.size() - int(qstrlen("cascadeclip_.qm")));
        out.append({code, nativeName(code)});
    }
    return out;
}

QString resolveLanguage(const QString& preferred, const QStringList& uiLanguages)
{
    QStringList codes;
    for (const Language& l : availableLanguages())
        codes << l.code;
    if (codes.contains(preferred))
        return preferred;
    for (const QString& ui : uiLanguages) {
        const QLocale locale(ui);
        if (locale.language() == QLocale::C)
            continue;
        // "zh-Hans-CN" -> "zh_CN"; "ko-KR" -> "ko_KR", then "ko".
        const QString full = locale.name();
        if (codes.contains(full))
            return full;
        const QString bare = full.section(QLatin1Char('_'), 0, 0);
        if (codes.contains(bare))
            return bare;
        if (bare == QLatin1String(kSourceLanguage))
            return bare;
    }
    return QLatin1String(kSourceLanguage);
}

bool install(const QString& language)
{
    Installed& state = installed();
    for (std::unique_ptr<QTranslator>* t : {&state.qt, &state.app}) {
        if (*t) {
            QCoreApplication::removeTranslator(t->get());
            t->reset();
        }
    }
    state.language = QLatin1String(kSourceLanguage);
    if (language.isEmpty() || language == QLatin1String(kSourceLanguage))
        return true;

    auto app = std::make_unique<QTranslator>();
    if (!app->load(QStringLiteral("cascadeclip_") + language, QLatin1String(kResourceDir))) {
        logger()->warn("no translation for language '{}'", language.toStdString());
        return false;
    }
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"), qtDir)) {
        QCoreApplication::installTranslator(qt.get());
        state.qt = std::move(qt);
    } else {
        logger()->info(
            "no qtbase_{}.qm in {}: Qt's own dialogs stay in English", language.toStdString(), qtDir.toStdString());
    }
    QCoreApplication::installTranslator(app.get());
    state.app = std::move(app);
    state.language = language;
    return true;
}

QString installedLanguage()
{
    return installed().language;
}

QMenu* createLanguageMenu(Settings* settings, QWidget* parent)
{
    auto* menu = new QMenu(QCoreApplication::translate("cascadeclip::ui::i18n", "&Language"), parent);
    menu->setObjectName(QStringLiteral("languageMenu"));
    const QString restartNote = QCoreApplication::translate(
        "cascadeclip::ui::i18n", "The new language is used the next time Cascade-CLIP Studio starts.");
    menu->setToolTipsVisible(true);
    auto* group = new QActionGroup(menu);
    group->setExclusive(true);
    const QString current = settings->language();

    const auto add = [&](const QString& code, const QString& text) {
        QAction* action = menu->addAction(text);
        action->setObjectName(QStringLiteral("languageAction_") + (code.isEmpty() ? QStringLiteral("system") : code));
        action->setCheckable(true);
        action->setChecked(code == current);
        action->setData(code);
        action->setToolTip(restartNote);
        action->setStatusTip(restartNote);
        group->addAction(action);
    };
    add(QString(), QCoreApplication::translate("cascadeclip::ui::i18n", "System Default"));
    menu->addSeparator();
    for (const Language& language : availableLanguages())
        add(language.code, language.nativeName);

    QObject::connect(group, &QActionGroup::triggered, menu, [settings, parent, restartNote](QAction* action) {
        const QString code = action->data().toString();
        if (code == settings->language())
            return;
        settings->setValue(Settings::Key::Language, code);
        if (auto* window = qobject_cast<QMainWindow*>(parent))
            window->statusBar()->showMessage(restartNote, 10000);
    });
    return menu;
}

} // namespace cascadeclip::ui::i18n
