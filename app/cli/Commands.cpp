// SPDX-License-Identifier: MIT
#include "Commands.h"

namespace cascadeclip::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> all {
        kImportCommand,
        kSegmentCommand,
        kRenderCommand,
        kEncodeTextCommand,
        kTokenizeCommand,
        kMergeCocoCommand,
    };
    return all;
}

} // namespace cascadeclip::cli
