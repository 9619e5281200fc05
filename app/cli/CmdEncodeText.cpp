// SPDX-License-Identifier: MIT
// cascadeclip encode-text: class names -> [C, 512] L2-normalised CLIP text embeddings (.npy).
#include "Args.h"
#include "ClassInputs.h"
#include "Commands.h"
#include "Weights.h"
#include "io/Npy.h"
#include "text/Templates.h"
#include "text/TextEmbedder.h"
#include "weights/ModelLoader.h"

#include <cascadeclip/Runtime.h>

#include <iostream>

namespace cascadeclip::cli {

namespace {

const char* const kHelp
    = R"(Usage: cascadeclip encode-text (--weights FILE | --checkpoint FILE.pth [--clip ViT-B-16.pt])
                              (--classes "a,b" | --class-names FILE.txt)
                              [--template single|multi] [--vocab FILE] [--strict] --out FILE.npy

Encodes class names with the model's CLIP text encoder and writes [C, 512] float32 L2-normalised embeddings.

Options:
  --weights FILE      Model weights: a bundle, or a .safetensors file with text_encoder.* keys
  --checkpoint FILE   Instead of --weights: an official checkpoint (.pth), imported on first use into the
                      bundle cache ($CASCADECLIP_CACHE_DIR, else ~/.cache/cascadeclip), as for segment
  --clip FILE         With --checkpoint: OpenAI's ViT-B-16.pt, for the tensors the checkpoint lacks
  --classes LIST      Comma-separated class names
  --class-names FILE  Class names, one per line
  --template SET      single ("a photo of a {}") or multi (15 templates); default: the bundle's, else single
  --vocab FILE        bpe_simple_vocab_16e6.txt.gz (default: next to the weights, else inside the bundle)
  --strict            A prompt longer than 77 tokens is an error instead of being truncated
  --out FILE          Output .npy
  --threads N         Intra-op threads (default: all cores)
)";

int run(const std::vector<std::string>& argv)
{
    const Args args(argv,
        {"weights", "checkpoint", "clip", "classes", "class-names", "template", "vocab", "out", "threads"}, {"strict"});
    if (!args.positionals().empty())
        throw UsageError("unexpected argument '" + args.positionals()[0] + "'");
    const auto names = classNamesFrom(args);
    const std::string out = args.required("out");
    const std::string weightsPath = weightsPathFrom(args);
    setComputeThreads(args.intValue("threads", 0));
    c10::InferenceMode inference;
    auto loaded = weights::loadModel(weightsPath, torch::kCPU);
    const TemplateSet set = templateSetFrom(args, loaded.metadata);
    text::TextEmbedder embedder(loaded.model->text_encoder,
        text::findTokenizer(args.value("vocab").value_or(""), weightsPath, loaded.metadata), weightsPath);
    const auto embeddings = embedder.embed(names, set, args.has("strict"));
    io::writeNpy(out, embeddings);
    std::cout << out << ": " << names.size() << " class embedding(s), template set " << text::toString(set) << "\n";
    return kExitOk;
}

} // namespace

const Command kEncodeTextCommand {"encode-text", "Encode class names into CLIP text embeddings (.npy)", kHelp, run};

} // namespace cascadeclip::cli
