// SPDX-License-Identifier: MIT
// cascadeclip: the command-line tool. Exit codes: 0 success, 1 usage error, 2 input error, 3 runtime failure.
#include <cascadeclip/Error.h>
#include <cascadeclip/Runtime.h>
#include <cascadeclip/Version.h>

#include <cstring>
#include <iostream>
#include <string>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;

const char* const kUsage = R"(Usage: cascadeclip COMMAND [OPTIONS]

Zero-shot semantic segmentation with Cascade-CLIP.

Commands:
  segment      Segment images with a model and class names
  help         Show this help

Options:
  -h, --help     Show this help
  -V, --version  Show version, LibTorch, BLAS, threads and device

Run 'cascadeclip COMMAND --help' for the options of a command.
)";

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << kUsage;
        return kExitUsage;
    }
    const std::string command = argv[1];
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (command == "-V" || command == "--version") {
        cascadeclip::setComputeThreads(0);
        std::cout << "cascadeclip " << cascadeclip::kVersion << "\n" << cascadeclip::runtimeReport();
        return kExitOk;
    }
    std::cerr << "cascadeclip: unknown command '" << command << "'\n\n" << kUsage;
    return kExitUsage;
}
