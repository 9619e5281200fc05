// SPDX-License-Identifier: MIT
// cascadeclip-studio: the desktop application.
#include "ui/Logging.h"
#include "ui/MainWindow.h"
#include "ui/Settings.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Runtime.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/Version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Cascade-CLIP Studio"));
    QApplication::setOrganizationName(QStringLiteral("cascadeclip"));
    QApplication::setApplicationVersion(QString::fromLatin1(cascadeclip::kVersion));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Zero-shot semantic segmentation with Cascade-CLIP."));
    parser.addHelpOption();
    const QCommandLineOption versionOption({QStringLiteral("V"), QStringLiteral("version")},
        QApplication::translate("main", "Show version, LibTorch, BLAS, threads and device."));
    parser.addOption(versionOption);
    parser.addPositionalArgument(QStringLiteral("path"),
        QApplication::translate("main", "An image or a folder of images to open."), QStringLiteral("[path]"));
    parser.process(app);
    if (parser.isSet(versionOption)) {
        std::printf("cascadeclip-studio %s\nQt %s\n%s", cascadeclip::kVersion, qVersion(),
            cascadeclip::runtimeReport().c_str());
        return 0;
    }

    cascadeclip::ui::installLogHubSink();
    const std::unique_ptr<cascadeclip::ui::Settings> settings = cascadeclip::ui::Settings::createDefault();
    cascadeclip::ui::SegmenterFactory factory = &cascadeclip::Segmenter::load;
    cascadeclip::ui::MainWindow window(std::move(factory), settings.get());
    window.show();
    if (const QStringList args = parser.positionalArguments(); !args.isEmpty()) {
        const QString path = args.first();
        if (QFileInfo(path).isDir())
            window.openFolder(path);
        else
            window.openImage(path);
    }
    return QApplication::exec();
}
