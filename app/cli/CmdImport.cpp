// SPDX-License-Identifier: MIT
// `cascadeclip import`: OpenAI's ViT-B-16.pt + an official Cascade-CLIP checkpoint -> one model bundle.
#include "Args.h"
#include "Commands.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/ModelImport.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace cascadeclip::cli {

namespace {

namespace fs = std::filesystem;

std::vector<int> parseSeen(const std::string& text)
{
    std::vector<int> out;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t comma = text.find(',', pos);
        const std::string item = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        pos = comma == std::string::npos ? text.size() : comma + 1;
        if (item.empty())
            continue;
        try {
            size_t used = 0;
            const int v = std::stoi(item, &used);
            if (used != item.size() || v < 0)
                throw std::invalid_argument(item);
            out.push_back(v);
        } catch (const std::exception&) {
            throw UsageError("--seen expects class indices like 0,1,2; got '" + item + "'");
        }
    }
    return out;
}

int runImport(const std::vector<std::string>& argvIn)
{
    // `-o FILE` is the conventional spelling of --output.
    std::vector<std::string> argv;
    for (const auto& a : argvIn)
        argv.push_back(a == "-o" ? "--output" : a);
    const Args args(
        argv, {"clip", "checkpoint", "vocab", "seen", "template", "output"}, {"seen-all", "transductive", "inductive"});
    if (!args.positionals().empty())
        throw UsageError("unexpected argument '" + args.positionals().front() + "'");
    ModelImportRequest req;
    req.checkpointPath = args.required("checkpoint");
    req.clipPath = args.value("clip").value_or("");
    req.outputPath = args.required("output");
    if (args.has("seen") && args.has("seen-all"))
        throw UsageError("give --seen or --seen-all, not both");
    if (args.has("transductive") && args.has("inductive"))
        throw UsageError("give --transductive or --inductive, not both");
    if (const auto seen = args.value("seen"))
        req.seen = parseSeen(*seen);
    req.seenAll = args.has("seen-all");
    if (args.has("transductive"))
        req.inductive = false;
    if (args.has("inductive"))
        req.inductive = true;
    if (const auto t = args.value("template")) {
        if (*t != "single" && *t != "multi")
            throw UsageError("--template is 'single' or 'multi', not '" + *t + "'");
        req.templateSet = *t == "multi" ? TemplateSet::Multi : TemplateSet::Single;
    }
    for (const std::string& input : {req.checkpointPath, req.clipPath}) {
        std::error_code ec;
        if (!input.empty() && fs::equivalent(input, req.outputPath, ec))
            throw UsageError("the output " + req.outputPath + " would overwrite the input " + input);
    }
    req.vocabPath = findVocabulary(args.value("vocab").value_or(""), req.checkpointPath, req.clipPath);
    importModelBundle(req, [](const std::string& line) { std::cerr << "cascadeclip import: " << line << "\n"; });
    return kExitOk;
}

} // namespace

const Command kImportCommand {
    "import",
    "Make a model bundle from ViT-B-16.pt and an official checkpoint",
    "Usage: cascadeclip import --checkpoint FILE.pth [--clip ViT-B-16.pt] [--vocab FILE]\n"
    "                          [--seen LIST | --seen-all] [--transductive | --inductive]\n"
    "                          [--template single|multi] -o FILE.safetensors\n\n"
    "Reads an official Cascade-CLIP checkpoint (mmcv .pth) and OpenAI's CLIP ViT-B/16 file (TorchScript .pt)\n"
    "and writes one .safetensors model bundle: float32 tensors under the checkpoint's names, plus the class\n"
    "names, the seen/unseen split, the inductive/transductive setting, the template set, the NGA weights, the\n"
    "sources' SHA-256 and the BPE vocabulary. The checkpoint's tensors win; CLIP fills what it lacks (e.g. a\n"
    "checkpoint saved without the text encoder). Progress goes to stderr.\n\n"
    "Options:\n"
    "  --checkpoint FILE   the official checkpoint (.pth, {'meta', 'state_dict', 'optimizer'})\n"
    "  --clip FILE         OpenAI's ViT-B-16.pt; needed when the checkpoint lacks CLIP tensors\n"
    "  --vocab FILE        CLIP's bpe_simple_vocab_16e6.txt.gz (default: that file next to the checkpoint\n"
    "                      or the CLIP file, else $CASCADECLIP_VOCAB)\n"
    "  --seen LIST         seen class indices, e.g. 0,1,2 (default: the config's base_class, else the\n"
    "                      dataset's official split)\n"
    "  --seen-all          every class is seen (cross-dataset evaluation)\n"
    "  --transductive      no -0.1 calibration of seen classes (default: the config's self_training)\n"
    "  --inductive         subtract 0.1 from seen classes' scores\n"
    "  --template SET      'single' (VOC) or 'multi' (Context, COCO) prompt templates (default: by dataset)\n"
    "  -o, --output FILE   the bundle to write (.safetensors), replaced atomically\n"
    "  -h, --help          show this help\n\n"
    "Exit codes: 0 success, 1 usage error, 2 unreadable or malformed input, 3 write failure.\n",
    runImport,
};

} // namespace cascadeclip::cli
