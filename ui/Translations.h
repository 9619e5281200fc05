// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace cascadeclip::ui {

class Settings;

namespace i18n {

/// English, the language of the source strings: it needs no translation file.
inline constexpr const char* kSourceLanguage = "en";

struct Language {
    QString code; // "en", "ko", "zh_CN", ...: the suffix of cascadeclip_<code>.qm
    QString nativeName; // the language's name in itself, e.g. "한국어"
};

/// English first, then every language whose translation is compiled into the application, sorted by code.
QList<Language> availableLanguages();

/**
 * The interface language: `preferred` when it names an available language, else the first of `uiLanguages`
 * (BCP 47 names, most preferred first, as QLocale::uiLanguages() gives them) that is available either with its
 * territory ("zh_CN") or as a bare language ("ko"), else English.
 */
QString resolveLanguage(const QString& preferred, const QStringList& uiLanguages = QLocale::system().uiLanguages());

/**
 * Installs the translations for `language` (a code from availableLanguages()) on the application: Qt's own
 * (qtbase_<lang>.qm from Qt's translations folder) and the application's, replacing those installed before. English
 * removes them. Returns false when the application's translation for a non-English language could not be loaded;
 * a missing qtbase file only leaves Qt's standard dialogs in English (it is logged).
 */
bool install(const QString& language);

/// The language installed by the last install() (English before the first).
QString installedLanguage();

/**
 * A "Language" menu listing "System default" and availableLanguages(), with the entry stored in `settings` checked.
 * Choosing one stores it; the interface changes at the next start, which the menu's status tip says.
 */
QMenu* createLanguageMenu(Settings* settings, QWidget* parent);

} // namespace i18n

} // namespace cascadeclip::ui
