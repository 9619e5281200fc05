// SPDX-License-Identifier: MIT
// CLIP's BPE tokenizer against ids from tools/reference/clip_tokenizer_ref.py, plus the text fixing, truncation,
// loading errors, thread-safety and the prompt templates.
#include "text/BpeTokenizer.h"
#include "text/Templates.h"

#include <cascadeclip/Error.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>
#include <zlib.h>

using namespace cascadeclip;
using namespace cascadeclip::text;

namespace {

const std::string kVocabPath = std::string(CASCADECLIP_SHARED_DIR) + "/data/bpe_simple_vocab_16e6.txt.gz";
const std::string kFixturePath = std::string(CASCADECLIP_SOURCE_DIR) + "/tests/fixtures/tokenizer_ids.json";

struct Case {
    std::string text;
    std::vector<int> encode;
    std::vector<int> tokens;
    bool truncated = false;
};

std::vector<Case> loadCases()
{
    std::ifstream in(kFixturePath);
    if (!in)
        throw std::runtime_error("cannot read " + kFixturePath);
    const nlohmann::json doc = nlohmann::json::parse(in);
    std::vector<Case> cases;
    for (const auto& c : doc.at("cases")) {
        cases.push_back({c.at("text").get<std::string>(), c.at("encode").get<std::vector<int>>(),
            c.at("tokens").get<std::vector<int>>(), c.at("truncated").get<bool>()});
    }
    return cases;
}

std::string gunzip(const std::string& path)
{
    gzFile f = gzopen(path.c_str(), "rb");
    std::string out;
    char buf[1 << 16];
    int n = 0;
    while (f != nullptr && (n = gzread(f, buf, sizeof buf)) > 0)
        out.append(buf, static_cast<std::size_t>(n));
    if (f != nullptr)
        gzclose(f);
    return out;
}

std::string tempPath(const std::string& name)
{
    return (std::filesystem::path(testing::TempDir()) / name).string();
}

void writeFile(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

class Tokenizer : public testing::Test {
protected:
    static void SetUpTestSuite()
    {
        if (std::filesystem::exists(kVocabPath))
            s_tok = std::make_unique<BpeTokenizer>(BpeTokenizer::fromFile(kVocabPath));
    }
    static void TearDownTestSuite() { s_tok.reset(); }

    void SetUp() override
    {
        if (!s_tok)
            GTEST_SKIP() << "CLIP vocabulary not found at " << kVocabPath
                         << " (the shared data folder; set CASCADECLIP_SHARED_DIR at configure time)";
    }

    static const BpeTokenizer& tok() { return *s_tok; }

private:
    static inline std::unique_ptr<BpeTokenizer> s_tok;
};

} // namespace

TEST_F(Tokenizer, MatchesReferenceIdsOnFixtureBattery)
{
    const std::vector<Case> cases = loadCases();
    ASSERT_GT(cases.size(), 500u);
    for (const Case& c : cases) {
        SCOPED_TRACE("text: \"" + c.text + "\"");
        EXPECT_EQ(tok().encode(c.text), c.encode);
        const BpeTokenizer::Tokens t = tok().tokenize(c.text);
        EXPECT_EQ(t.ids, c.tokens);
        EXPECT_EQ(t.truncated, c.truncated);
    }
}

TEST_F(Tokenizer, KnownIdsAndSpecials)
{
    EXPECT_EQ(tok().tokenize("a photo of a cat").ids, (std::vector<int> {49406, 320, 1125, 539, 320, 2368, 49407}));
    EXPECT_EQ(tok().tokenize("").ids, (std::vector<int> {kStartOfText, kEndOfText}));
    // The reference's pattern matches the specials literally, in any case.
    EXPECT_EQ(tok().encode("<|startoftext|><|ENDOFTEXT|>"), (std::vector<int> {kStartOfText, kEndOfText}));
    EXPECT_EQ(tok().decode({kStartOfText, 320, 1125, 539, 320, 2368, kEndOfText}),
        "<|startoftext|>a photo of a cat <|endoftext|>");
}

TEST_F(Tokenizer, FixesTextLikeFtfy)
{
    const auto same = [](const std::string& a, const std::string& b) {
        EXPECT_EQ(tok().encode(a), tok().encode(b)) << "'" << a << "' vs '" << b << "'";
    };
    same("it\u2019s \u201cquoted\u201d", "it's \"quoted\""); // uncurl_quotes
    same("\uFF23\uFF21\uFF34\u3000\uFF11", "CAT 1"); // fix_character_width
    same("\uFB01sh \uFB02ower", "fish flower"); // fix_latin_ligatures
    same("caf\u0065\u0301", "caf\u00e9"); // NFC
    same("\xC2\x93hi\xC2\x94", "\"hi\""); // fix_c1_controls (then uncurl)
    same("\uFEFFbom\x01\x7F", "bom"); // remove_control_chars
    same("\x1B[31mred\x1B[0m", "red"); // remove_terminal_escapes
    same("it&rsquo;s", "it's"); // ftfy unescapes, then uncurls
    same("&amp;amp;amp;", "&"); // ftfy unescapes to a fixed point...
    same("&#146;", "'"); // cp1252 numeric reference, uncurled
    same("caf&EACUTE; &NOT;", "caf\u00e9 \u00ac"); // ftfy's all-caps entity names
    same("&AMPX;", "&x;"); // no entity for ftfy; html.unescape reads the legacy "&AMP" prefix
    same("Tab\there\r\nnext", "tab here next");
    // Once a line has shown a '<' ftfy leaves entities to the two html.unescape passes: one level survives.
    EXPECT_EQ(tok().decode(tok().encode("<b> &amp;amp;amp;")), "< b > & amp ; ");
}

TEST_F(Tokenizer, TruncatesOrThrowsPastTheContext)
{
    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "cat ";
    const BpeTokenizer::Tokens t = tok().tokenize(text);
    ASSERT_EQ(t.ids.size(), 77u);
    EXPECT_TRUE(t.truncated);
    EXPECT_EQ(t.ids.front(), kStartOfText);
    EXPECT_EQ(t.ids.back(), kEndOfText);
    EXPECT_EQ(t.ids[75], 2368); // "cat</w>"

    try {
        tok().tokenize(text, 77, true);
        FAIL() << "strict mode must throw";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidInput);
        EXPECT_NE(std::string(e.what()).find("\"cat cat"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("102 tokens"), std::string::npos) << e.what();
    }
    // Exactly 77 fits, even in strict mode.
    EXPECT_FALSE(tok().tokenize(text.substr(0, 75 * 4), 77, true).truncated);
    EXPECT_THROW(tok().tokenize("cat", 1), Error);
}

TEST_F(Tokenizer, PadsToTheContextLength)
{
    const std::vector<int> row = padTokens(tok().tokenize("a photo of a cat").ids);
    ASSERT_EQ(row.size(), 77u);
    EXPECT_EQ(row[6], kEndOfText);
    EXPECT_EQ(row[7], 0);
    EXPECT_EQ(row[76], 0);
    EXPECT_THROW(padTokens(std::vector<int>(78, 1)), Error);
}

TEST_F(Tokenizer, DecodesLikeTheReference)
{
    EXPECT_EQ(tok().decode(tok().encode("Café, naïve & 猫 🐱!")), "café , naïve & 猫 🐱! ");
    EXPECT_EQ(tok().decode({}), "");
    // A lone continuation byte decodes to U+FFFD, as bytes.decode(errors="replace") does. Id 94 = byte 0xA1.
    EXPECT_EQ(tok().decode({94}), "\xEF\xBF\xBD");
    EXPECT_THROW(tok().decode({kVocabSize}), Error);
    EXPECT_THROW(tok().decode({-1}), Error);
}

TEST_F(Tokenizer, InvalidUtf8BecomesReplacementCharacter)
{
    const std::string invalid = std::string("a\xFF") + "b";
    const std::string replaced = std::string("a\xEF\xBF\xBD") + "b";
    EXPECT_EQ(tok().encode(invalid), tok().encode(replaced));
}

TEST_F(Tokenizer, CachesWordsWithoutChangingIds)
{
    tok().clearCache();
    EXPECT_EQ(tok().cachedWords(), 0u);
    const std::vector<int> cold = tok().encode("the quick brown fox jumps over the lazy dog");
    EXPECT_EQ(tok().cachedWords(), 8u);
    EXPECT_EQ(tok().encode("the quick brown fox jumps over the lazy dog"), cold);
}

TEST_F(Tokenizer, IsSafeToShareBetweenThreads)
{
    const std::vector<Case> cases = loadCases();
    tok().clearCache();
    std::atomic<int> mismatches {0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t i = 0; i < cases.size(); ++i) {
                const Case& c = cases[(i + static_cast<std::size_t>(t) * 131) % cases.size()];
                if (tok().encode(c.text) != c.encode)
                    ++mismatches;
            }
        });
    }
    for (std::thread& th : threads)
        th.join();
    EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(Tokenizer, ReadsPlainTextAndVocabularyText)
{
    const std::string text = gunzip(kVocabPath);
    const std::string plain = tempPath("bpe_plain.txt");
    writeFile(plain, text);
    const BpeTokenizer fromPlain = BpeTokenizer::fromFile(plain);
    const BpeTokenizer fromText = BpeTokenizer::fromVocabText(text);
    const std::string sample = "a photo of a traffic light in the scene.";
    EXPECT_EQ(fromPlain.encode(sample), tok().encode(sample));
    EXPECT_EQ(fromText.encode(sample), tok().encode(sample));
    // Windows line ends, as Python's str.split() tolerates them.
    std::string crlf;
    for (const char ch : text)
        crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    EXPECT_EQ(BpeTokenizer::fromVocabText(crlf).encode(sample), tok().encode(sample));
    std::filesystem::remove(plain);
}

TEST_F(Tokenizer, RejectsMissingAndMalformedFiles)
{
    const auto expectError = [](const std::string& path, ErrorCode code, const std::string& fragment) {
        try {
            BpeTokenizer::fromFile(path);
            ADD_FAILURE() << path << ": expected an error";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), code) << e.what();
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
    };
    expectError(tempPath("no_such_vocab.txt.gz"), ErrorCode::WeightsNotFound, "not found");

    const std::string garbage = tempPath("garbage.txt");
    writeFile(garbage, "#version: 0.2\nthis line has three\n");
    expectError(garbage, ErrorCode::WeightsMalformed, "line 2");

    const std::string foreign = tempPath("foreign.txt");
    writeFile(foreign, "#version: 0.2\nt h\na \xE2\x82\xAC\n");
    expectError(foreign, ErrorCode::WeightsMalformed, "not made of byte symbols");

    std::ifstream in(kVocabPath, std::ios::binary);
    std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string cut = tempPath("truncated.txt.gz");
    writeFile(cut, gz.substr(0, gz.size() / 2));
    expectError(cut, ErrorCode::WeightsMalformed, "");

    const std::string shortVocab = tempPath("short.txt");
    writeFile(shortVocab, "#version: 0.2\ni n\nt h\n");
    expectError(shortVocab, ErrorCode::WeightsMalformed, "only 2 merge lines");

    for (const std::string& p : {garbage, foreign, cut, shortVocab})
        std::filesystem::remove(p);
}

// Throughput, printed for the record (not asserted): the fixture's tricky strings, and the prompts of every
// dataset class under both template sets. Cold = empty word cache before each pass, warm = every word cached.
// Each figure is the best of several passes, because the test machines are shared.
TEST_F(Tokenizer, ReportsThroughput)
{
    std::vector<std::string> battery;
    for (const Case& c : loadCases())
        battery.push_back(c.text);
    std::vector<std::string> prompts;
    for (const char* file : {"classes_voc12.txt", "classes_coco_stuff.txt", "classes_context59.txt"}) {
        std::ifstream in(std::string(CASCADECLIP_SHARED_DIR) + "/data/" + file);
        for (std::string name; std::getline(in, name);) {
            for (const TemplateSet set : {TemplateSet::Single, TemplateSet::Multi}) {
                for (std::string& p : promptsFor(name, set))
                    prompts.push_back(std::move(p));
            }
        }
    }
    const auto measure = [&](const char* what, const std::vector<std::string>& texts, bool cold) {
        constexpr int kPasses = 7;
        double best = 1e30;
        std::size_t tokens = 0;
        for (int pass = 0; pass < kPasses; ++pass) {
            if (cold)
                tok().clearCache();
            tokens = 0;
            const auto start = std::chrono::steady_clock::now();
            for (const std::string& t : texts)
                tokens += tok().encode(t).size();
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        std::cout << "[ throughput ] " << what << (cold ? ", cold: " : ", warm: ") << static_cast<long>(tokens / best)
                  << " tokens/s, " << static_cast<long>(texts.size() / best) << " strings/s (" << texts.size()
                  << " strings, " << tokens << " tokens, best of " << kPasses << ": " << best * 1e3 << " ms)\n";
    };
    measure("fixture battery", battery, true);
    measure("fixture battery", battery, false);
    if (!prompts.empty()) {
        measure("class prompts", prompts, true);
        measure("class prompts", prompts, false);
    }

    const auto start = std::chrono::steady_clock::now();
    const BpeTokenizer fresh = BpeTokenizer::fromFile(kVocabPath);
    std::cout << "[ throughput ] load: "
              << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() << " ms\n";
}

TEST(Templates, SingleAndMultiSets)
{
    EXPECT_EQ(promptsFor("cat", TemplateSet::Single), (std::vector<std::string> {"a photo of a cat"}));
    const std::vector<std::string> multi = promptsFor("traffic light", TemplateSet::Multi);
    ASSERT_EQ(multi.size(), 15u);
    EXPECT_EQ(multi.front(), "a photo of a traffic light.");
    EXPECT_EQ(multi[1], "a photo of a small traffic light.");
    EXPECT_EQ(multi[8], "a traffic light in the scene.");
    EXPECT_EQ(multi.back(), "This is one traffic light in the scene.");
    for (const std::string& t : templates(TemplateSet::Multi))
        EXPECT_NE(t.find("{}"), std::string::npos) << t;
    // A class name with braces is inserted verbatim, once.
    EXPECT_EQ(promptsFor("{}", TemplateSet::Single).front(), "a photo of a {}");
}

TEST(Templates, ParseAndFormat)
{
    EXPECT_EQ(parseTemplateSet("single"), TemplateSet::Single);
    EXPECT_EQ(parseTemplateSet("multi"), TemplateSet::Multi);
    EXPECT_FALSE(parseTemplateSet("Multi").has_value());
    EXPECT_FALSE(parseTemplateSet("").has_value());
    EXPECT_STREQ(toString(TemplateSet::Single), "single");
    EXPECT_STREQ(toString(TemplateSet::Multi), "multi");
}

TEST_F(Tokenizer, TemplatePromptsMatchReferenceIds)
{
    // The fixture holds every template for "cat" and the single template for every dataset class.
    std::map<std::string, std::vector<int>> byText;
    for (const Case& c : loadCases())
        byText[c.text] = c.tokens;
    for (const std::string& p : promptsFor("cat", TemplateSet::Multi)) {
        ASSERT_TRUE(byText.contains(p)) << p;
        EXPECT_EQ(tok().tokenize(p).ids, byText[p]) << p;
    }
    ASSERT_TRUE(byText.contains("a photo of a pottedplant"));
    EXPECT_EQ(
        tok().tokenize(promptsFor("pottedplant", TemplateSet::Single).front()).ids, byText["a photo of a pottedplant"]);
}
