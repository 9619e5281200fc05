// SPDX-License-Identifier: MIT
// cascadeclip-studio: the desktop application.
#include "ui/Logging.h"
#include "ui/MainWindow.h"
#include "ui/Project.h"
#include "ui/Settings.h"
#include "ui/Translations.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Runtime.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/Version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Cascade-CLIP Studio"));
    QApplication::setOrganizationName(QStringLiteral("cascadeclip"));
    QApplication::setApplicationVersion(QString::fromLatin1(cascadeclip::kVersion));

    // The language comes first, so that --help is translated too.
    const std::unique_ptr<cascadeclip::ui::Settings> settings = cascadeclip::ui::Settings::createDefault();
    cascadeclip::ui::i18n::install(cascadeclip::ui::i18n::resolveLanguage(settings->language()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Zero-shot semantic segmentation with Cascade-CLIP."));
    parser.addHelpOption();
    const QCommandLineOption versionOption({QStringLiteral("V"), QStringLiteral("version")},
        QApplication::translate("main", "Show version, LibTorch, BLAS, threads and device."));
    parser.addOption(versionOption);
    const QCommandLineOption smokeOption(QStringLiteral("smoke-test"),
        QApplication::translate("main", "Show the main window and quit at once (an installation check)."));
    parser.addOption(smokeOption);
    parser.addPositionalArgument(QStringLiteral("path"),
        QApplication::translate("main", "An image, a folder of images or a project file to open."),
        QStringLiteral("[path]"));
    parser.process(app);
    if (parser.isSet(versionOption)) {
        std::printf("cascadeclip-studio %s\nQt %s\n%s", cascadeclip::kVersion, qVersion(),
            cascadeclip::runtimeReport().c_str());
        return 0;
    }

    cascadeclip::ui::installLogHubSink();
    cascadeclip::ui::SegmenterFactory factory = &cascadeclip::Segmenter::load;
    cascadeclip::ui::MainWindow window(std::move(factory), settings.get());
    window.show();
    if (const QStringList args = parser.positionalArguments(); !args.isEmpty()) {
        const QString path = args.first();
        const QFileInfo info(path);
        if (info.isDir())
            window.openFolder(path);
        else if (info.fileName() == QFileInfo(cascadeclip::ui::project::projectFilePath(QString())).fileName())
            window.openFolder(info.absolutePath()); // the project file stands for its folder
        else
            window.openImage(path);
    }
    if (parser.isSet(smokeOption))
        QTimer::singleShot(0, &app, &QApplication::quit);
    return QApplication::exec();
}
