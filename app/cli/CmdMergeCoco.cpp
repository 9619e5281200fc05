// SPDX-License-Identifier: MIT
// cascadeclip merge-coco: joins per-shard COCO files into one with consistent ids.
#include "Args.h"
#include "Commands.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>
#include <cascadeclip/annotation/Coco.h>

#include <iostream>

namespace cascadeclip::cli {

namespace {

int runMergeCoco(const std::vector<std::string>& argv)
{
    // Args knows long options only; `-o` is the conventional short form of --output.
    std::vector<std::string> normalized;
    for (const std::string& a : argv)
        normalized.push_back(a == "-o" ? "--output" : a);
    const Args args(normalized, {"output"}, {});
    const std::string output = args.required("output");
    if (args.positionals().empty())
        throw UsageError("no input files");
    nlohmann::json merged;
    try {
        merged = annotation::mergeCoco(args.positionals());
    } catch (const Error& e) {
        // An unreadable input is the caller's bad input (exit 2), not a runtime failure.
        if (e.code() == ErrorCode::Io)
            throw Error(ErrorCode::InvalidInput, e.what());
        throw;
    }
    writeFileAtomically(output, merged.dump(1) + "\n");
    std::cout << "merged " << args.positionals().size() << " files: " << merged["images"].size() << " images, "
              << merged["categories"].size() << " categories, " << merged["annotations"].size() << " annotations -> "
              << output << "\n";
    return kExitOk;
}

} // namespace

const Command kMergeCocoCommand {
    "merge-coco",
    "Merge COCO JSON files (per-shard outputs) into one",
    "Usage: cascadeclip merge-coco -o OUT.json IN.json...\n\n"
    "Merges COCO files: images are deduplicated by file_name, categories matched by name, image and\n"
    "annotation ids renumbered from 1. Every input's info is kept under info.merged_from.\n\n"
    "Options:\n"
    "  -o, --output FILE  merged COCO file to write (replaced atomically)\n\n"
    "Exit codes: 0 success, 1 usage error, 2 bad input (the message names the file and the reason).\n",
    runMergeCoco,
};

} // namespace cascadeclip::cli
