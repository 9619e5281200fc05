// SPDX-License-Identifier: MIT
#include "Commands.h"

namespace cascadeclip::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> all {
        kImportCommand,
        kSegmentCommand,
        kTokenizeCommand,
    };
    return all;
}

} // namespace cascadeclip::cli
