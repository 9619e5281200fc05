// SPDX-License-Identifier: MIT
#include "text/BpeTokenizer.h"

#include <cascadeclip/Error.h>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <zlib.h>

// How this follows the reference (openai/CLIP `clip/simple_tokenizer.py`, `clip/clip.py: tokenize`):
//   text -> ftfy.fix_text -> html.unescape twice -> strip -> collapse whitespace runs to one space -> strip
//        -> lower() -> regex findall -> per match: UTF-8 bytes -> byte symbols -> BPE -> ids.
// Every step below names the Python behaviour it reproduces. Unicode properties, normalisation, case mapping
// and the Windows-1252 code page all come from ICU; nothing here is a hand-made Unicode table.

namespace cascadeclip::text {

namespace {

// `</w>`, the suffix that marks the last symbol of a word.
constexpr std::string_view kWordEnd = "</w>";
// The two special tokens, as they appear in text (the reference's pattern matches them literally).
constexpr std::string_view kStartOfTextText = "<|startoftext|>";
constexpr std::string_view kEndOfTextText = "<|endoftext|>";
// Words cached before the cache is emptied: bounds memory in a long-running GUI (the reference's dict grows
// without limit). 64 Ki short words are a few MB.
constexpr std::size_t kMaxCachedWords = 1 << 16;
// CLIP's pre-tokenisation pattern, re.IGNORECASE, as Python's `regex` module runs it:
//  - its `\s` is exactly White_Space (ICU's `\s` is [\t\n\f\r\p{Z}] and would miss U+000B and U+0085);
//  - case-insensitivity changes what the literals match ("'S", "'ſ") ...
//  - ... and the negated class, which then excludes every character with a case variant in White_Space, L or N.
//    Such a character (U+0345, whose case variants are iota) matches no alternative and is dropped. ICU instead
//    closes the positive classes over case, so the pattern is built case-sensitive with those cases explicit;
//    makePretokenizePattern() computes the extra characters with ICU's case closure.
constexpr char16_t kPretokenizeHead[] = u"(?i:<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d)"
                                        u"|\\p{L}+|\\p{N}|[^\\p{White_Space}\\p{L}\\p{N}";
// The set whose case closure the negated class of the pattern removes.
constexpr char16_t kWordCharacters[] = u"[\\p{White_Space}\\p{L}\\p{N}]";
// ftfy's `remove_terminal_escapes` (ANSI colour codes); `\d` in Python's `re` is any decimal digit.
constexpr char16_t kTerminalEscapePattern[] = u"\\x{1B}\\[[\\p{Nd};]*[a-zA-Z]";
// ftfy's `unescape_html` candidates.
constexpr char16_t kFtfyEntityPattern[] = u"&#?[0-9A-Za-z]{1,24};";
// Python's `html.unescape` candidates (`html._charref`).
constexpr char16_t kHtmlCharrefPattern[] = u"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)";

// The named HTML entities we decode. Python decodes all 2,231 HTML5 names from a table; we keep the common ones
// (markup, typography, Latin-1 letters in class names). `legacy` = HTML5 also accepts it without the semicolon
// (and as a prefix, "&ampx" -> "&x"), as `html.entities.html5` lists it without ';'.
struct NamedEntity {
    std::u16string_view name;
    char32_t codePoint;
    bool legacy;
};
constexpr std::array kNamedEntities {
    NamedEntity {u"amp", U'&', true},
    NamedEntity {u"AMP", U'&', true},
    NamedEntity {u"lt", U'<', true},
    NamedEntity {u"LT", U'<', true},
    NamedEntity {u"gt", U'>', true},
    NamedEntity {u"GT", U'>', true},
    NamedEntity {u"quot", U'"', true},
    NamedEntity {u"QUOT", U'"', true},
    NamedEntity {u"apos", U'\'', false},
    NamedEntity {u"nbsp", U'\u00A0', true},
    NamedEntity {u"copy", U'\u00A9', true},
    NamedEntity {u"COPY", U'\u00A9', true},
    NamedEntity {u"reg", U'\u00AE', true},
    NamedEntity {u"REG", U'\u00AE', true},
    NamedEntity {u"trade", U'\u2122', false},
    NamedEntity {u"deg", U'\u00B0', true},
    NamedEntity {u"times", U'\u00D7', true},
    NamedEntity {u"divide", U'\u00F7', true},
    NamedEntity {u"hellip", U'\u2026', false},
    NamedEntity {u"mdash", U'\u2014', false},
    NamedEntity {u"ndash", U'\u2013', false},
    NamedEntity {u"lsquo", U'\u2018', false},
    NamedEntity {u"rsquo", U'\u2019', false},
    NamedEntity {u"ldquo", U'\u201C', false},
    NamedEntity {u"rdquo", U'\u201D', false},
    NamedEntity {u"laquo", U'\u00AB', true},
    NamedEntity {u"raquo", U'\u00BB', true},
    NamedEntity {u"middot", U'\u00B7', true},
    NamedEntity {u"bull", U'\u2022', false},
    NamedEntity {u"euro", U'\u20AC', false},
    NamedEntity {u"pound", U'\u00A3', true},
    NamedEntity {u"cent", U'\u00A2', true},
    NamedEntity {u"yen", U'\u00A5', true},
    NamedEntity {u"sect", U'\u00A7', true},
    NamedEntity {u"para", U'\u00B6', true},
    NamedEntity {u"plusmn", U'\u00B1', true},
    NamedEntity {u"frac12", U'\u00BD', true},
    NamedEntity {u"not", U'\u00AC', true},
    NamedEntity {u"shy", U'\u00AD', true},
    NamedEntity {u"eacute", U'\u00E9', true},
    NamedEntity {u"egrave", U'\u00E8', true},
    NamedEntity {u"aacute", U'\u00E1', true},
    NamedEntity {u"agrave", U'\u00E0', true},
    NamedEntity {u"uuml", U'\u00FC', true},
    NamedEntity {u"ouml", U'\u00F6', true},
    NamedEntity {u"auml", U'\u00E4', true},
    NamedEntity {u"szlig", U'\u00DF', true},
    NamedEntity {u"ccedil", U'\u00E7', true},
    NamedEntity {u"ntilde", U'\u00F1', true},
};

std::optional<char32_t> findEntity(std::u16string_view name, bool legacyOnly)
{
    for (const NamedEntity& e : kNamedEntities) {
        if (e.name == name && (e.legacy || !legacyOnly))
            return e.codePoint;
    }
    return std::nullopt;
}

std::u16string_view view(const icu::UnicodeString& s)
{
    return {s.getBuffer(), static_cast<std::size_t>(s.length())};
}

void checkIcu(UErrorCode status, const char* what)
{
    if (U_FAILURE(status))
        throw Error(ErrorCode::Internal, std::string("tokenizer: ICU ") + what + " failed: " + u_errorName(status));
}

std::unique_ptr<icu::RegexPattern> compilePattern(const icu::UnicodeString& pattern)
{
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError {};
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(pattern, 0, parseError, status));
    checkIcu(status, "regex compile");
    return p;
}

icu::UnicodeString makePretokenizePattern()
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeSet base(icu::UnicodeString(kWordCharacters), status);
    icu::UnicodeSet caseVariants(base);
    caseVariants.closeOver(USET_CASE_INSENSITIVE).removeAllStrings().removeAll(base);
    checkIcu(status, "case closure");
    icu::UnicodeString variants;
    caseVariants.toPattern(variants, true);
    icu::UnicodeString pattern(kPretokenizeHead);
    pattern.append(variants).append(u"]+");
    return pattern;
}

// Replaces every match of `pattern` in `text` with what `replace(match)` returns.
template <typename Replace>
icu::UnicodeString replaceAll(const icu::RegexPattern& pattern, const icu::UnicodeString& text, Replace&& replace)
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
    checkIcu(status, "regex matcher");
    icu::UnicodeString out;
    int32_t last = 0;
    while (m->find(status)) {
        const int32_t start = m->start(status);
        const int32_t end = m->end(status);
        out.append(text, last, start - last);
        out.append(replace(*m));
        last = end;
    }
    checkIcu(status, "regex find");
    out.append(text, last, text.length() - last);
    return out;
}

bool isWhiteSpace(UChar32 c)
{
    return u_hasBinaryProperty(c, UCHAR_WHITE_SPACE);
}

// Python's `str.strip()` (White_Space; the C0 separators it also strips were removed by ftfy before).
icu::UnicodeString stripWhiteSpace(const icu::UnicodeString& s)
{
    int32_t begin = 0;
    int32_t end = s.length();
    while (begin < end && isWhiteSpace(s.char32At(begin)))
        begin = s.moveIndex32(begin, 1);
    while (end > begin) {
        const int32_t prev = s.moveIndex32(end, -1);
        if (!isWhiteSpace(s.char32At(prev)))
            break;
        end = prev;
    }
    return icu::UnicodeString(s, begin, end - begin);
}

// The reference's `whitespace_clean`: `re.sub(r'\s+', ' ', text).strip()`.
icu::UnicodeString collapseWhiteSpace(const icu::UnicodeString& s)
{
    icu::UnicodeString out;
    bool inRun = false;
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
        const UChar32 c = s.char32At(i);
        if (isWhiteSpace(c)) {
            if (!inRun)
                out.append(u' ');
            inRun = true;
        } else {
            out.append(c);
            inRun = false;
        }
    }
    return stripWhiteSpace(out);
}

// Applies `map(c)` to every code point; `map` returns the replacement, or nullopt to keep `c`.
template <typename Map> icu::UnicodeString mapCodePoints(const icu::UnicodeString& s, Map&& map)
{
    icu::UnicodeString out;
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
        const UChar32 c = s.char32At(i);
        if (std::optional<icu::UnicodeString> r = map(c))
            out.append(*r);
        else
            out.append(c);
    }
    return out;
}

// Value of a run of digits, saturating above U+10FFFF (all larger numbers behave alike).
int64_t parseNumber(std::u16string_view digits, int base)
{
    constexpr int64_t kSaturated = 0x110000;
    int64_t value = 0;
    for (const char16_t ch : digits) {
        int d = 0;
        if (ch >= u'0' && ch <= u'9')
            d = ch - u'0';
        else if (ch >= u'a' && ch <= u'f')
            d = ch - u'a' + 10;
        else
            d = ch - u'A' + 10;
        value = std::min(value * base + d, kSaturated);
    }
    return value;
}

std::string describeText(std::string_view text)
{
    // Error messages quote the text; cut very long ones at a code point boundary.
    constexpr std::size_t kMaxQuoted = 80;
    if (text.size() <= kMaxQuoted)
        return "\"" + std::string(text) + "\"";
    std::size_t cut = kMaxQuoted;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return "\"" + std::string(text.substr(0, cut)) + "...\"";
}

} // namespace

struct BpeTokenizer::Impl {
    // Byte b <-> its printable stand-in, as the reference's `bytes_to_unicode`: printable Latin-1 bytes stand
    // for themselves, the other 68 get U+0100 onwards in byte order.
    std::array<UChar32, 256> byteSymbol {};
    std::array<int, 256> byteId {}; // id of byte b's symbol; + 256 for the symbol with </w>
    std::array<int, 256> byteOfId {}; // the inverse, for ids 0..255
    std::unordered_map<UChar32, int> symbolByte;

    std::vector<std::string> vocab; // id -> token (UTF-8, byte symbols), as the reference's `vocab`
    std::vector<std::string> idBytes; // id -> the raw bytes it decodes to (with "</w>" literally)
    std::unordered_map<std::string, int> encoder;

    struct Merge {
        int rank;
        int result;
    };
    std::unordered_map<uint64_t, Merge> merges; // (left id, right id) -> rank and merged id

    std::unique_ptr<icu::RegexPattern> pretokenize;
    std::unique_ptr<icu::RegexPattern> terminalEscape;
    std::unique_ptr<icu::RegexPattern> ftfyEntity;
    std::unique_ptr<icu::RegexPattern> htmlCharref;
    const icu::Normalizer2* nfc = nullptr;
    const icu::Normalizer2* nfkc = nullptr;
    const icu::Normalizer2* nfkd = nullptr;
    std::array<UChar32, 32> c1AsCp1252 {}; // U+0080..U+009F read as Windows-1252 bytes

    mutable std::mutex cacheMutex;
    mutable std::unordered_map<std::string, std::vector<int>> cache;

    Impl();
    void loadMerges(std::string_view text, const std::string& origin);

    static uint64_t pairKey(int left, int right)
    {
        return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) | static_cast<uint32_t>(right);
    }

    icu::UnicodeString fixText(const icu::UnicodeString& text) const;
    icu::UnicodeString fixSegment(icu::UnicodeString text, bool unescapeEntities) const;
    icu::UnicodeString ftfyUnescape(const icu::UnicodeString& text) const;
    icu::UnicodeString htmlUnescape(const icu::UnicodeString& text) const;
    icu::UnicodeString numericCharref(int64_t n) const;
    icu::UnicodeString clean(std::string_view text) const;
    std::vector<int> bpe(const std::string& word) const;
};

BpeTokenizer::Impl::Impl()
{
    // bytes_to_unicode: '!'..'~', U+00A1..U+00AC, U+00AE..U+00FF keep their value; the rest, in byte order,
    // become U+0100, U+0101, ... The vocabulary lists the symbols in that order (those that stand for
    // themselves first), then the same with </w>.
    const auto standsForItself
        = [](int b) { return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF); };
    int id = 0;
    int next = 256;
    for (const bool itself : {true, false}) {
        for (int b = 0; b < 256; ++b) {
            if (standsForItself(b) != itself)
                continue;
            byteSymbol[b] = itself ? b : next++;
            byteId[b] = id;
            byteOfId[id] = b;
            symbolByte[byteSymbol[b]] = b;
            ++id;
        }
    }

    pretokenize = compilePattern(makePretokenizePattern());
    terminalEscape = compilePattern(icu::UnicodeString(kTerminalEscapePattern));
    ftfyEntity = compilePattern(icu::UnicodeString(kFtfyEntityPattern));
    htmlCharref = compilePattern(icu::UnicodeString(kHtmlCharrefPattern));

    UErrorCode status = U_ZERO_ERROR;
    nfc = icu::Normalizer2::getNFCInstance(status);
    nfkc = icu::Normalizer2::getNFKCInstance(status);
    nfkd = icu::Normalizer2::getNFKDInstance(status);
    checkIcu(status, "normalizer");

    // Python's html module and ftfy's fix_c1_controls read U+0080..U+009F as Windows-1252 bytes, keeping the
    // five bytes that code page leaves undefined; ICU's windows-1252 converter does exactly that.
    UConverter* cp1252 = ucnv_open("windows-1252", &status);
    checkIcu(status, "windows-1252 converter");
    for (int b = 0x80; b < 0xA0; ++b) {
        const char in = static_cast<char>(b);
        UChar out[2] {};
        UErrorCode s = U_ZERO_ERROR;
        const int32_t n = ucnv_toUChars(cp1252, out, 2, &in, 1, &s);
        c1AsCp1252[b - 0x80] = (U_SUCCESS(s) && n == 1 && out[0] != 0xFFFD && out[0] != 0x1A) ? out[0] : b;
        ucnv_reset(cp1252);
    }
    ucnv_close(cp1252);
}

void BpeTokenizer::Impl::loadMerges(std::string_view text, const std::string& origin)
{
    auto malformed = [&](std::size_t line, const std::string& why) {
        return Error(ErrorCode::WeightsMalformed,
            origin + ": line " + std::to_string(line) + ": " + why + " (not a CLIP BPE vocabulary?)");
    };

    // Byte symbols, then the same with </w>: ids 0..511.
    vocab.reserve(kVocabSize);
    for (int id = 0; id < 256; ++id)
        icu::UnicodeString(byteSymbol[byteOfId[id]]).toUTF8String(vocab.emplace_back());
    for (int id = 0; id < 256; ++id)
        vocab.push_back(vocab[id] + std::string(kWordEnd));

    // Line 1 is a header ("#version: 0.2"); lines 2 ... kMergeCount + 1 are the merges CLIP uses.
    std::vector<std::pair<std::string, std::string>> pairs;
    pairs.reserve(kMergeCount);
    std::size_t pos = 0;
    std::size_t lineNo = 0;
    while (pairs.size() < static_cast<std::size_t>(kMergeCount)) {
        if (pos >= text.size() && lineNo > 0)
            throw Error(ErrorCode::WeightsMalformed,
                origin + ": only " + std::to_string(pairs.size()) + " merge lines, CLIP needs "
                    + std::to_string(kMergeCount) + " (truncated file?)");
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++lineNo;
        if (lineNo == 1)
            continue;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos || space == 0 || space + 1 >= line.size()
            || line.find(' ', space + 1) != std::string_view::npos)
            throw malformed(lineNo, "expected two symbols separated by one space");
        std::string left(line.substr(0, space));
        std::string right(line.substr(space + 1));
        for (const std::string* part : {&left, &right}) {
            // Each part is byte symbols, optionally ending in </w>.
            std::string_view body = *part;
            if (body.size() > kWordEnd.size() && body.ends_with(kWordEnd))
                body.remove_suffix(kWordEnd.size());
            const icu::UnicodeString u = icu::UnicodeString::fromUTF8(body);
            for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
                if (!symbolByte.contains(u.char32At(i)))
                    throw malformed(lineNo, "symbol '" + *part + "' is not made of byte symbols");
            }
        }
        vocab.push_back(left + right);
        pairs.emplace_back(std::move(left), std::move(right));
    }
    vocab.emplace_back(kStartOfTextText);
    vocab.emplace_back(kEndOfTextText);

    // Like the reference's dict(zip(vocab, range(...))): a token listed twice maps to its last id.
    encoder.reserve(vocab.size());
    for (std::size_t id = 0; id < vocab.size(); ++id)
        encoder[vocab[id]] = static_cast<int>(id);

    // A word's symbols are always vocabulary tokens, so a merge can be keyed on the ids of its two parts. Like
    // dict(zip(merges, range(...))), a merge listed twice keeps its last rank.
    merges.reserve(pairs.size());
    for (std::size_t rank = 0; rank < pairs.size(); ++rank) {
        const auto l = encoder.find(pairs[rank].first);
        const auto r = encoder.find(pairs[rank].second);
        if (l == encoder.end() || r == encoder.end())
            continue; // a part no word can contain: this merge never applies
        merges[pairKey(l->second, r->second)]
            = Merge {static_cast<int>(rank), encoder.at(pairs[rank].first + pairs[rank].second)};
    }

    idBytes.reserve(vocab.size());
    for (const std::string& token : vocab) {
        const icu::UnicodeString u = icu::UnicodeString::fromUTF8(token);
        std::string bytes;
        for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
            bytes.push_back(static_cast<char>(symbolByte.at(u.char32At(i))));
        idBytes.push_back(std::move(bytes));
    }
}

// ftfy.fix_text with its default configuration: line by line; HTML entities are decoded until a line contains
// '<' (from then on, for the rest of the text, they are taken to be markup).
icu::UnicodeString BpeTokenizer::Impl::fixText(const icu::UnicodeString& text) const
{
    icu::UnicodeString out;
    bool unescapeEntities = true;
    int32_t pos = 0;
    while (pos < text.length()) {
        int32_t lineEnd = text.indexOf(u'\n', pos);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd + 1;
        const icu::UnicodeString segment(text, pos, lineEnd - pos);
        if (segment.indexOf(u'<') >= 0)
            unescapeEntities = false;
        out.append(fixSegment(segment, unescapeEntities));
        pos = lineEnd;
    }
    return out;
}

// ftfy's fix_and_explain: the fixers in ftfy's order, repeated until nothing changes. Not reproduced:
// `fix_encoding` (mojibake detection needs ftfy's statistical heuristics) and `fix_surrogates` (UTF-8 input
// cannot carry surrogates).
icu::UnicodeString BpeTokenizer::Impl::fixSegment(icu::UnicodeString text, bool unescapeEntities) const
{
    while (true) {
        const icu::UnicodeString original = text;
        if (unescapeEntities)
            text = ftfyUnescape(text);
        // fix_c1_controls
        text = mapCodePoints(text, [&](UChar32 c) -> std::optional<icu::UnicodeString> {
            if (c >= 0x80 && c < 0xA0)
                return icu::UnicodeString(c1AsCp1252[c - 0x80]);
            return std::nullopt;
        });
        // fix_latin_ligatures: ftfy's list (IJ, ij, 'n, DZ/Dz/dz with caron, LJ, NJ, DZ, ff, fi, fl, ffi,
        // ffl, long st, st), decomposed by NFKD.
        text = mapCodePoints(text, [&](UChar32 c) -> std::optional<icu::UnicodeString> {
            const bool ligature = c == 0x132 || c == 0x133 || c == 0x149 || (c >= 0x1C4 && c <= 0x1CC)
                || (c >= 0x1F1 && c <= 0x1F3) || (c >= 0xFB00 && c <= 0xFB06);
            if (!ligature)
                return std::nullopt;
            UErrorCode status = U_ZERO_ERROR;
            icu::UnicodeString d = nfkd->normalize(icu::UnicodeString(c), status);
            checkIcu(status, "NFKD");
            return d;
        });
        // fix_character_width: ideographic space -> space; half- and full-width forms -> their NFKC.
        text = mapCodePoints(text, [&](UChar32 c) -> std::optional<icu::UnicodeString> {
            if (c == 0x3000)
                return icu::UnicodeString(u' ');
            if (c < 0xFF01 || c > 0xFFEF)
                return std::nullopt;
            UErrorCode status = U_ZERO_ERROR;
            icu::UnicodeString k = nfkc->normalize(icu::UnicodeString(c), status);
            checkIcu(status, "NFKC");
            return k;
        });
        // uncurl_quotes
        text = mapCodePoints(text, [](UChar32 c) -> std::optional<icu::UnicodeString> {
            if (c == 0x2BC || (c >= 0x2018 && c <= 0x201B))
                return icu::UnicodeString(u'\'');
            if (c >= 0x201C && c <= 0x201F)
                return icu::UnicodeString(u'"');
            return std::nullopt;
        });
        // fix_line_breaks
        text.findAndReplace(icu::UnicodeString(u"\r\n"), icu::UnicodeString(u'\n'));
        text = mapCodePoints(text, [](UChar32 c) -> std::optional<icu::UnicodeString> {
            if (c == u'\r' || c == 0x2028 || c == 0x2029 || c == 0x85)
                return icu::UnicodeString(u'\n');
            return std::nullopt;
        });
        // remove_terminal_escapes
        text = replaceAll(*terminalEscape, text, [](const icu::RegexMatcher&) { return icu::UnicodeString(); });
        // remove_control_chars: C0 controls but tab and line breaks, DEL, deprecated format characters,
        // the byte-order mark, interlinear annotation characters.
        text = mapCodePoints(text, [](UChar32 c) -> std::optional<icu::UnicodeString> {
            const bool control = c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F
                || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC);
            if (control)
                return icu::UnicodeString();
            return std::nullopt;
        });
        UErrorCode status = U_ZERO_ERROR;
        text = nfc->normalize(text, status);
        checkIcu(status, "NFC");
        if (text == original)
            return text;
    }
}

// ftfy's unescape_html: `&name;` for the names we know, and `&#...;` when Python's html.unescape consumes the
// whole reference (its ';' included).
icu::UnicodeString BpeTokenizer::Impl::ftfyUnescape(const icu::UnicodeString& text) const
{
    if (text.indexOf(u'&') < 0)
        return text;
    return replaceAll(*ftfyEntity, text, [&](const icu::RegexMatcher& m) {
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString whole = m.group(status);
        const std::u16string_view body = view(whole).substr(1, whole.length() - 2); // between '&' and ';'
        if (body[0] != u'#') {
            if (const auto c = findEntity(body, false))
                return icu::UnicodeString(static_cast<UChar32>(*c));
            // ftfy also reads an all-caps spelling of a lower-case name ("&EACUTE;") as the upper-cased
            // character, for text that was upper-cased after being escaped.
            const icu::UnicodeString name(whole, 1, whole.length() - 2);
            icu::UnicodeString lower(name);
            lower.toLower(icu::Locale::getRoot());
            icu::UnicodeString allCaps(lower);
            allCaps.toUpper(icu::Locale::getRoot());
            if (lower != name && allCaps == name) {
                if (const auto c = findEntity(view(lower), false)) {
                    icu::UnicodeString upper(static_cast<UChar32>(*c));
                    return upper.toUpper(icu::Locale::getRoot());
                }
            }
            return whole;
        }
        std::u16string_view digits = body.substr(1);
        int base = 10;
        if (!digits.empty() && (digits[0] == u'x' || digits[0] == u'X')) {
            digits.remove_prefix(1);
            base = 16;
        }
        bool valid = !digits.empty();
        for (const char16_t ch : digits) {
            const bool dec = ch >= u'0' && ch <= u'9';
            const bool hex = (ch >= u'a' && ch <= u'f') || (ch >= u'A' && ch <= u'F');
            valid = valid && (dec || (base == 16 && hex));
        }
        if (!valid)
            return whole;
        const icu::UnicodeString decoded = numericCharref(parseNumber(digits, base));
        return decoded.indexOf(u';') >= 0 ? whole : decoded;
    });
}

// Python's html.unescape with our subset of named entities (see kNamedEntities).
icu::UnicodeString BpeTokenizer::Impl::htmlUnescape(const icu::UnicodeString& text) const
{
    if (text.indexOf(u'&') < 0)
        return text;
    return replaceAll(*htmlCharref, text, [&](const icu::RegexMatcher& m) {
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString groupText = m.group(1, status);
        std::u16string_view s = view(groupText);
        if (s[0] == u'#') {
            std::u16string_view digits = s.substr(1);
            if (digits.ends_with(u';'))
                digits.remove_suffix(1);
            int base = 10;
            if (digits[0] == u'x' || digits[0] == u'X') {
                digits.remove_prefix(1);
                base = 16;
            }
            return numericCharref(parseNumber(digits, base));
        }
        if (s.ends_with(u';')) {
            if (const auto c = findEntity(s.substr(0, s.size() - 1), false))
                return icu::UnicodeString(static_cast<UChar32>(*c));
        } else if (const auto c = findEntity(s, true)) {
            return icu::UnicodeString(static_cast<UChar32>(*c));
        }
        // The longest legacy name that prefixes it: "&ampfoo" -> "&foo".
        for (std::size_t x = s.size() - 1; x >= 2; --x) {
            if (const auto c = findEntity(s.substr(0, x), true)) {
                icu::UnicodeString out(static_cast<UChar32>(*c));
                out.append(groupText, static_cast<int32_t>(x), groupText.length() - static_cast<int32_t>(x));
                return out;
            }
        }
        icu::UnicodeString out(u'&');
        out.append(groupText);
        return out;
    });
}

// Python's html._replace_charref for `&#n;`.
icu::UnicodeString BpeTokenizer::Impl::numericCharref(int64_t n) const
{
    if (n == 0)
        return icu::UnicodeString(static_cast<UChar32>(0xFFFD));
    if (n == 0x0D)
        return icu::UnicodeString(u'\r');
    if (n >= 0x80 && n < 0xA0)
        return icu::UnicodeString(c1AsCp1252[n - 0x80]);
    if ((n >= 0xD800 && n <= 0xDFFF) || n > 0x10FFFF)
        return icu::UnicodeString(static_cast<UChar32>(0xFFFD));
    const bool invalid = (n >= 0x01 && n <= 0x08) || n == 0x0B || (n >= 0x0E && n <= 0x1F) || n == 0x7F
        || (n >= 0xFDD0 && n <= 0xFDEF) || (n & 0xFFFE) == 0xFFFE;
    if (invalid)
        return {};
    return icu::UnicodeString(static_cast<UChar32>(n));
}

// basic_clean + whitespace_clean + lower(), as the reference's encode() applies them.
icu::UnicodeString BpeTokenizer::Impl::clean(std::string_view text) const
{
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max()))
        throw Error(ErrorCode::InvalidInput, "tokenize: text of " + std::to_string(text.size()) + " bytes is too long");
    icu::UnicodeString s
        = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    // Printable ASCII, tabs and line feeds without '&' (most prompts) pass every ftfy fixer and html.unescape
    // unchanged: skip them.
    const bool plain = std::all_of(text.begin(), text.end(),
        [](char ch) { return (ch >= 0x20 && ch < 0x7F && ch != '&') || ch == '\t' || ch == '\n'; });
    if (!plain)
        s = htmlUnescape(htmlUnescape(fixText(s)));
    s = collapseWhiteSpace(stripWhiteSpace(s));
    // Python's str.lower(): full, locale-independent lower-casing (final sigma included).
    s.toLower(icu::Locale::getRoot());
    return s;
}

// The reference's bpe(): repeatedly merge every occurrence of the lowest-ranked adjacent pair.
std::vector<int> BpeTokenizer::Impl::bpe(const std::string& word) const
{
    std::vector<int> symbols;
    if (word.empty())
        return symbols;
    symbols.reserve(word.size());
    for (const char ch : word)
        symbols.push_back(byteId[static_cast<unsigned char>(ch)]);
    symbols.back() += 256; // the last symbol carries </w>

    std::vector<int> merged;
    while (symbols.size() > 1) {
        const Merge* best = nullptr;
        uint64_t bestKey = 0;
        for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
            const uint64_t key = pairKey(symbols[i], symbols[i + 1]);
            const auto it = merges.find(key);
            if (it != merges.end() && (best == nullptr || it->second.rank < best->rank)) {
                best = &it->second;
                bestKey = key;
            }
        }
        if (best == nullptr)
            break;
        const int first = static_cast<int>(bestKey >> 32);
        const int second = static_cast<int>(bestKey & 0xFFFFFFFFu);
        merged.clear();
        for (std::size_t i = 0; i < symbols.size();) {
            if (i + 1 < symbols.size() && symbols[i] == first && symbols[i + 1] == second) {
                merged.push_back(best->result);
                i += 2;
            } else {
                merged.push_back(symbols[i]);
                ++i;
            }
        }
        symbols.swap(merged);
    }
    return symbols;
}

BpeTokenizer::BpeTokenizer(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

BpeTokenizer::BpeTokenizer(BpeTokenizer&&) noexcept = default;
BpeTokenizer& BpeTokenizer::operator=(BpeTokenizer&&) noexcept = default;
BpeTokenizer::~BpeTokenizer() = default;

BpeTokenizer BpeTokenizer::fromFile(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Error(ErrorCode::WeightsNotFound, path + ": BPE vocabulary not found (no such file)");
    // gzread passes files that are not gzip through unchanged, so this reads .gz and plain text alike.
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr)
        throw Error(ErrorCode::WeightsNotFound, path + ": cannot open the BPE vocabulary");
    std::string text;
    std::array<char, 1 << 16> buffer {};
    while (true) {
        const int n = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()));
        if (n < 0) {
            int code = 0;
            const std::string why = gzerror(file, &code);
            gzclose(file);
            throw Error(ErrorCode::WeightsMalformed, path + ": cannot decompress the BPE vocabulary: " + why);
        }
        if (n == 0)
            break;
        text.append(buffer.data(), static_cast<std::size_t>(n));
    }
    // A gzip stream that ends early is not a read error for gzread; gzerror reports it.
    int code = Z_OK;
    const std::string why = gzerror(file, &code);
    gzclose(file);
    if (code != Z_OK && code != Z_STREAM_END)
        throw Error(ErrorCode::WeightsMalformed, path + ": cannot decompress the BPE vocabulary: " + why);
    return fromVocabText(text, path);
}

BpeTokenizer BpeTokenizer::fromVocabText(std::string_view text, const std::string& origin)
{
    auto impl = std::make_unique<Impl>();
    impl->loadMerges(text, origin);
    return BpeTokenizer(std::move(impl));
}

std::vector<int> BpeTokenizer::encode(std::string_view text) const
{
    const Impl& d = *m_impl;
    const icu::UnicodeString cleaned = d.clean(text);
    std::vector<int> ids;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(d.pretokenize->matcher(cleaned, status));
    checkIcu(status, "regex matcher");
    std::string word;
    while (m->find(status)) {
        word.clear();
        m->group(status).toUTF8String(word);
        if (word == kStartOfTextText) {
            ids.push_back(kStartOfText);
            continue;
        }
        if (word == kEndOfTextText) {
            ids.push_back(kEndOfText);
            continue;
        }
        {
            const std::lock_guard lock(d.cacheMutex);
            if (const auto it = d.cache.find(word); it != d.cache.end()) {
                ids.insert(ids.end(), it->second.begin(), it->second.end());
                continue;
            }
        }
        std::vector<int> wordIds = d.bpe(word);
        ids.insert(ids.end(), wordIds.begin(), wordIds.end());
        const std::lock_guard lock(d.cacheMutex);
        if (d.cache.size() >= kMaxCachedWords)
            d.cache.clear();
        d.cache.emplace(word, std::move(wordIds));
    }
    checkIcu(status, "regex find");
    return ids;
}

BpeTokenizer::Tokens BpeTokenizer::tokenize(std::string_view text, int contextLength, bool strict) const
{
    if (contextLength < 2)
        throw Error(ErrorCode::InvalidInput,
            "tokenize: context length " + std::to_string(contextLength) + " cannot hold the two special tokens");
    Tokens t;
    t.ids.reserve(static_cast<std::size_t>(contextLength));
    t.ids.push_back(kStartOfText);
    const std::vector<int> body = encode(text);
    t.ids.insert(t.ids.end(), body.begin(), body.end());
    t.ids.push_back(kEndOfText);
    if (t.ids.size() > static_cast<std::size_t>(contextLength)) {
        if (strict)
            throw Error(ErrorCode::InvalidInput,
                "text " + describeText(text) + " is " + std::to_string(t.ids.size())
                    + " tokens long, more than the context length " + std::to_string(contextLength));
        t.ids.resize(static_cast<std::size_t>(contextLength));
        t.ids.back() = kEndOfText;
        t.truncated = true;
    }
    return t;
}

std::string BpeTokenizer::decode(const std::vector<int>& ids) const
{
    std::string bytes;
    for (const int id : ids) {
        if (id < 0 || id >= static_cast<int>(m_impl->idBytes.size()))
            throw Error(ErrorCode::InvalidInput,
                "decode: token id " + std::to_string(id) + " is outside the vocabulary [0, "
                    + std::to_string(m_impl->idBytes.size()) + ")");
        bytes += m_impl->idBytes[static_cast<std::size_t>(id)];
    }
    // Like bytes.decode('utf-8', errors='replace'): ICU also substitutes U+FFFD per maximal invalid subpart.
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(bytes);
    text.findAndReplace(icu::UnicodeString(u"</w>"), icu::UnicodeString(u" "));
    std::string out;
    return text.toUTF8String(out);
}

std::size_t BpeTokenizer::cachedWords() const
{
    const std::lock_guard lock(m_impl->cacheMutex);
    return m_impl->cache.size();
}

void BpeTokenizer::clearCache() const
{
    const std::lock_guard lock(m_impl->cacheMutex);
    m_impl->cache.clear();
}

std::vector<int> padTokens(const std::vector<int>& ids, int contextLength)
{
    if (ids.size() > static_cast<std::size_t>(std::max(contextLength, 0)))
        throw Error(ErrorCode::InvalidInput,
            "padTokens: " + std::to_string(ids.size()) + " tokens do not fit the context length "
                + std::to_string(contextLength));
    std::vector<int> row(ids);
    row.resize(static_cast<std::size_t>(contextLength), 0);
    return row;
}

} // namespace cascadeclip::text
