// SPDX-License-Identifier: MIT
#pragma once
// CLIP's byte-level BPE tokenizer, id-for-id compatible with OpenAI's `clip/simple_tokenizer.py` plus
// `clip.tokenize` (the tokenizer the Cascade-CLIP embedding notebook used).
//
// Where it can differ from the reference (everything else is checked id for id, see tests/core/test_tokenizer.cpp):
//  - ftfy's mojibake repair (`fix_encoding`, driven by ftfy's statistical heuristics) is not reproduced, so text
//    like "cafÃ©" is tokenized as written; ftfy's other default fixes are.
//  - Named HTML entities: the ~45 common ones listed in BpeTokenizer.cpp; Python knows all 2,231 HTML5 names.
//    Numeric references are complete.
//  - Unicode data comes from the system ICU; characters newer than the reference's Python may classify differently.
//  - Past the context length the reference raises; tokenize() truncates and reports it (or throws, when strict).
//
// Thread-safety: every const member function may be called from any number of threads at once on one
// instance. The only mutable state is the per-word BPE cache, guarded by a mutex that is held for lookups and
// inserts only, never while merging. Moving an instance is not thread-safe (move it before sharing it).
//
// Typical use:
//   auto tok = cascadeclip::text::BpeTokenizer::fromFile("bpe_simple_vocab_16e6.txt.gz"); // throws Error
//   auto t = tok.tokenize("a photo of a cat");          // {49406, 320, 1125, 539, 320, 2368, 49407}
//   std::vector<int> row = padTokens(t.ids);             // zero-padded to 77, the text encoder's input

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cascadeclip::text {

// Id of `<|startoftext|>`, the first token of every tokenized text.
inline constexpr int kStartOfText = 49406;
// Id of `<|endoftext|>`, the last token; the text encoder reads its feature at this position.
inline constexpr int kEndOfText = 49407;
// Size of the vocabulary: 256 byte symbols, the same 256 with `</w>`, 48,894 merges, 2 specials.
inline constexpr int kVocabSize = 49408;
// Number of merge lines CLIP uses (lines 2 ... 48,895 of the vocabulary file).
inline constexpr int kMergeCount = 49152 - 256 - 2;
// Context length of CLIP's text encoder.
inline constexpr int kContextLength = 77;

class BpeTokenizer {
public:
    /// Result of tokenize(): `<|startoftext|>`, the text's tokens, `<|endoftext|>` (no padding).
    struct Tokens {
        std::vector<int> ids;
        bool truncated = false; // the text did not fit; `ids` was cut to the context length, EOT kept last
    };

    /**
     * Loads the vocabulary file `bpe_simple_vocab_16e6.txt.gz` (gzip or already decompressed).
     * @param path file to read
     * @return the tokenizer
     * Throws Error(WeightsNotFound) when the file is missing, Error(WeightsMalformed) when it is not a valid
     * vocabulary; both messages name the file and the reason. Any thread.
     */
    static BpeTokenizer fromFile(const std::string& path);

    /**
     * Builds the tokenizer from the decompressed vocabulary text (a header line, then one merge per line:
     * two symbols separated by one space), e.g. carried inside a model bundle.
     * @param text the vocabulary text, UTF-8
     * @param origin what to call the text in error messages (a file name, "model bundle", ...)
     * Throws Error(WeightsMalformed) naming `origin`, the line and the reason. Any thread.
     */
    static BpeTokenizer fromVocabText(std::string_view text, const std::string& origin = "vocabulary text");

    BpeTokenizer(BpeTokenizer&&) noexcept;
    BpeTokenizer& operator=(BpeTokenizer&&) noexcept;
    BpeTokenizer(const BpeTokenizer&) = delete;
    BpeTokenizer& operator=(const BpeTokenizer&) = delete;
    ~BpeTokenizer();

    /**
     * The BPE ids of `text` without `<|startoftext|>`/`<|endoftext|>`: the reference's `encode`.
     * @param text UTF-8; invalid sequences become U+FFFD
     * Any thread.
     */
    std::vector<int> encode(std::string_view text) const;

    /**
     * `<|startoftext|>` + encode(text) + `<|endoftext|>`, like `clip.tokenize` for one text but unpadded.
     * Past `contextLength` the reference raises; we cut to `contextLength` ids with `<|endoftext|>` last and
     * set `truncated`, or, when `strict`, throw Error(InvalidInput) naming the text.
     * @param contextLength at least 2
     * Any thread.
     */
    Tokens tokenize(std::string_view text, int contextLength = kContextLength, bool strict = false) const;

    /**
     * Text of `ids` as the reference decodes it: word ends become spaces, invalid UTF-8 becomes U+FFFD.
     * Throws Error(InvalidInput) for an id outside [0, kVocabSize). Any thread.
     */
    std::string decode(const std::vector<int>& ids) const;

    /// Number of words whose BPE is cached (for tests and diagnostics). Any thread.
    std::size_t cachedWords() const;

    /// Empties the per-word cache. Any thread.
    void clearCache() const;

private:
    struct Impl;
    explicit BpeTokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/**
 * `ids` followed by zeros up to `contextLength`, the row `clip.tokenize` returns.
 * Throws Error(InvalidInput) when `ids` is longer than `contextLength`. Any thread.
 */
std::vector<int> padTokens(const std::vector<int>& ids, int contextLength = kContextLength);

} // namespace cascadeclip::text
