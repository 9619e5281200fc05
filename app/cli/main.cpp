// SPDX-License-Identifier: MIT
// cascadeclip: the command-line tool. Exit codes: 0 success, 1 usage error, 2 input error, 3 runtime failure.
#include "Args.h"
#include "Commands.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Runtime.h>
#include <cascadeclip/Version.h>

#include <c10/util/Exception.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <string>

using namespace cascadeclip::cli;

namespace {

void printUsage(std::ostream& out)
{
    out << "Usage: cascadeclip COMMAND [OPTIONS]\n\n"
           "Zero-shot semantic segmentation with Cascade-CLIP.\n\n"
           "Commands:\n";
    for (const Command& c : commands()) {
        std::string name = c.name;
        name.resize(14, ' ');
        out << "  " << name << c.summary << "\n";
    }
    out << "\nOptions:\n"
           "  -h, --help     Show this help\n"
           "  -V, --version  Show version, LibTorch, BLAS, threads and device\n\n"
           "Run 'cascadeclip COMMAND --help' for the options of a command.\n"
           "Exit codes: 0 success, 1 usage error, 2 input error, 3 runtime failure.\n";
}

int exitCodeFor(cascadeclip::ErrorCode code)
{
    using cascadeclip::ErrorCode;
    switch (code) {
    case ErrorCode::WeightsNotFound:
    case ErrorCode::WeightsMalformed:
    case ErrorCode::ImageUnreadable:
    case ErrorCode::InvalidInput:
        return kExitInput;
    default:
        return kExitRuntime;
    }
}

} // namespace

int main(int argc, char** argv)
{
    // Logs go to stderr so that stdout stays the command's output; CASCADECLIP_LOG_LEVEL=info|debug shows more.
    auto logger = spdlog::stderr_color_mt("cascadeclip");
    spdlog::set_default_logger(logger);
    const char* level = std::getenv("CASCADECLIP_LOG_LEVEL");
    spdlog::set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
    if (argc < 2) {
        printUsage(std::cerr);
        return kExitUsage;
    }
    const std::string name = argv[1];
    if (name == "-h" || name == "--help" || name == "help") {
        printUsage(std::cout);
        return kExitOk;
    }
    if (name == "-V" || name == "--version") {
        cascadeclip::setComputeThreads(0);
        std::cout << "cascadeclip " << cascadeclip::kVersion << "\n" << cascadeclip::runtimeReport();
        return kExitOk;
    }
    for (const Command& command : commands()) {
        if (name != command.name)
            continue;
        const std::vector<std::string> args(argv + 2, argv + argc);
        for (const std::string& a : args) {
            if (a == "--help" || a == "-h") {
                std::cout << command.help;
                return kExitOk;
            }
        }
        try {
            return command.run(args);
        } catch (const UsageError& e) {
            std::cerr << "cascadeclip " << name << ": " << e.what() << "\n\n" << command.help;
            return kExitUsage;
        } catch (const cascadeclip::Error& e) {
            std::cerr << "cascadeclip " << name << ": error: " << e.what() << "\n";
            return exitCodeFor(e.code());
        } catch (const cascadeclip::Canceled&) {
            std::cerr << "cascadeclip " << name << ": canceled\n";
            return kExitRuntime;
        } catch (const c10::Error& e) {
            // LibTorch's own message, without its C++ stack trace.
            std::cerr << "cascadeclip " << name << ": internal error: " << e.what_without_backtrace() << "\n";
            return kExitRuntime;
        } catch (const std::exception& e) {
            std::cerr << "cascadeclip " << name << ": internal error: " << e.what() << "\n";
            return kExitRuntime;
        }
    }
    std::cerr << "cascadeclip: unknown command '" << name << "'\n\n";
    printUsage(std::cerr);
    return kExitUsage;
}
