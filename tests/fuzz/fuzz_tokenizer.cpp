// SPDX-License-Identifier: MIT
// The BPE tokenizer on arbitrary bytes (class names are typed by people, in any script and encoding), with
// the real CLIP vocabulary; and the vocabulary parser itself on arbitrary text when the first byte is 0.
#include "text/BpeTokenizer.h"

#include <cascadeclip/Error.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    // The real vocabulary lives in the shared data folder; without it only the vocabulary parser is fuzzed.
    static const std::unique_ptr<const text::BpeTokenizer> tokenizer
        = []() -> std::unique_ptr<const text::BpeTokenizer> {
        const char* path = CASCADECLIP_SHARED_DIR "/data/bpe_simple_vocab_16e6.txt.gz";
        if (!std::filesystem::exists(path)) {
            std::fprintf(stderr, "fuzz_tokenizer: %s not found; fuzzing the vocabulary parser only\n", path);
            return nullptr;
        }
        return std::make_unique<const text::BpeTokenizer>(text::BpeTokenizer::fromFile(path));
    }();
    if (size == 0)
        return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (data[0] == 0 || !tokenizer) {
            (void)text::BpeTokenizer::fromVocabText(text, "fuzz vocabulary");
            return 0;
        }
        const std::vector<int> ids = tokenizer->encode(text);
        (void)tokenizer->decode(ids);
        (void)tokenizer->tokenize(text, text::kContextLength, (data[0] & 1) != 0);
        // The word cache must stay bounded however many distinct words a long session brings.
        if (tokenizer->cachedWords() > (std::size_t {1} << 16))
            __builtin_trap();
    } catch (const Error&) {
    }
    return 0;
}
