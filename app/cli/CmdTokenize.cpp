// SPDX-License-Identifier: MIT
// `cascadeclip tokenize`: CLIP BPE ids of texts, for checking prompts against the Python tokenizer.
#include "Args.h"
#include "Commands.h"
#include "text/BpeTokenizer.h"

#include <cascadeclip/Error.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace cascadeclip::cli {

namespace {

// Environment variable naming the vocabulary when --vocab is not given.
constexpr const char* kVocabEnv = "CASCADECLIP_VOCAB";

std::string vocabularyPath(const Args& args)
{
    if (const auto v = args.value("vocab"))
        return *v;
    if (const char* env = std::getenv(kVocabEnv); env != nullptr && *env != '\0')
        return env;
    throw Error(ErrorCode::WeightsNotFound,
        std::string("no BPE vocabulary: pass --vocab FILE or set ") + kVocabEnv
            + " to CLIP's bpe_simple_vocab_16e6.txt.gz (it ships with every CLIP distribution, e.g. the clip/ "
              "folder of https://github.com/openai/CLIP)");
}

int runTokenize(const std::vector<std::string>& argv)
{
    const Args args(argv, {"vocab"}, {"strict"});
    if (args.positionals().empty())
        throw UsageError("give at least one TEXT");
    const bool strict = args.has("strict");
    const text::BpeTokenizer tokenizer = text::BpeTokenizer::fromFile(vocabularyPath(args));
    for (const std::string& t : args.positionals()) {
        const text::BpeTokenizer::Tokens tokens = tokenizer.tokenize(t, text::kContextLength, strict);
        if (tokens.truncated)
            std::cerr << "cascadeclip tokenize: warning: \"" << t << "\" is longer than " << text::kContextLength
                      << " tokens; truncated, <|endoftext|> kept last\n";
        std::string line = "[";
        for (std::size_t i = 0; i < tokens.ids.size(); ++i)
            line += (i ? ", " : "") + std::to_string(tokens.ids[i]);
        std::cout << line << "]\n";
    }
    return kExitOk;
}

} // namespace

const Command kTokenizeCommand {
    "tokenize",
    "Print the CLIP BPE token ids of texts",
    "Usage: cascadeclip tokenize [--vocab FILE] [--strict] TEXT...\n\n"
    "Prints one line per TEXT: a JSON array of its CLIP token ids from <|startoftext|> (49406) to\n"
    "<|endoftext|> (49407), unpadded: the ids OpenAI's clip.tokenize gives the text encoder.\n\n"
    "Options:\n"
    "  --vocab FILE  CLIP's bpe_simple_vocab_16e6.txt.gz (default: $CASCADECLIP_VOCAB)\n"
    "  --strict      fail (exit 2) when a text is longer than 77 tokens instead of truncating it\n"
    "  -h, --help    show this help\n",
    runTokenize,
};

} // namespace cascadeclip::cli
