// SPDX-License-Identifier: MIT
// cascadeclip-studio: the desktop application.
#include "ui/MainWindow.h"

#include <cascadeclip/Runtime.h>
#include <cascadeclip/Version.h>

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Cascade-CLIP Studio"));
    QApplication::setOrganizationName(QStringLiteral("cascadeclip"));
    QApplication::setApplicationVersion(QString::fromLatin1(cascadeclip::kVersion));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Zero-shot semantic segmentation with Cascade-CLIP."));
    parser.addHelpOption();
    const QCommandLineOption versionOption({QStringLiteral("V"), QStringLiteral("version")},
        QApplication::translate("main", "Show version, LibTorch, BLAS, threads and device."));
    parser.addOption(versionOption);
    parser.process(app);
    if (parser.isSet(versionOption)) {
        std::printf("cascadeclip-studio %s\nQt %s\n%s", cascadeclip::kVersion, qVersion(),
            cascadeclip::runtimeReport().c_str());
        return 0;
    }

    cascadeclip::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
