// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace cascadeclip::cli {

// Exit codes of every command (a stable interface).
constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitInput = 2;
constexpr int kExitRuntime = 3;

/// One subcommand: `run` gets the arguments after the command name and returns the exit code. It may throw
/// UsageError (exit 1) or cascadeclip::Error (exit 2 or 3 by its code); main() turns those into messages.
struct Command {
    const char* name;
    const char* summary;
    const char* help; // full usage text of the command
    int (*run)(const std::vector<std::string>& args);
};

/// Every command, in the order `--help` lists them.
const std::vector<Command>& commands();

// One function per command, each in its own Cmd*.cpp.
extern const Command kImportCommand;
extern const Command kSegmentCommand;
extern const Command kTokenizeCommand;
extern const Command kEncodeTextCommand;
extern const Command kMergeCocoCommand;
extern const Command kRenderCommand;

} // namespace cascadeclip::cli
