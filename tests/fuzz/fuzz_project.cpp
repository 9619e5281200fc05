// SPDX-License-Identifier: MIT
// The project file (cascadeclip-project.json) as the GUI reads it when a folder is opened.
#include "FuzzSupport.h"
#include "ui/Project.h"

#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    const QString folder = QString::fromStdString(fuzz::scratchDir());
    fuzz::writeScratch("cascadeclip-project.json", data, size);
    QString error;
    const std::optional<ui::ProjectData> project = ui::project::load(folder, &error);
    // Either a project or a reason naming the file: never neither.
    if (!project && !error.contains(QStringLiteral("cascadeclip-project.json")))
        __builtin_trap();
    return 0;
}
