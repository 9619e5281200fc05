#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Reference token ids for CLIP's byte-level BPE, to check core/src/text/BpeTokenizer against.

Our own implementation of the behaviour of OpenAI's `clip/simple_tokenizer.py` + `clip.tokenize`
(openai/CLIP): html.unescape twice, strip, collapse whitespace runs, lower(), CLIP's pre-tokenisation
pattern, bytes -> printable stand-ins, BPE by merge rank, `</w>` word ends, 49,408 ids, SOT 49406,
EOT 49407, context 77.

One deliberate gap: the reference first runs `ftfy.fix_text`, and Debian has no ftfy package. So this script
applies only the part of ftfy whose effect is certain here (NFC normalisation) and the fixture strings are
chosen so that ftfy cannot change their ids: no mojibake, curly quotes, ligatures, full-width forms, C0/C1
controls, terminal escapes, or entities nested three deep. Where ftfy *is* importable, --write-fixture checks
that claim string by string and refuses to write a fixture that would depend on it.

How tests/fixtures/tokenizer_ids.json was made (Debian 12: /usr/bin/python3 3.11 with python3-regex):

    tools/reference/clip_tokenizer_ref.py --vocab ../shared/data/bpe_simple_vocab_16e6.txt.gz \\
        --classes ../shared/data --write-fixture tests/fixtures/tokenizer_ids.json

Other uses:
    clip_tokenizer_ref.py --vocab FILE TEXT...      prints one JSON array (SOT ... EOT) per text
    compare_tokenizer.py (next to this script)      checks the C++ CLI on random strings against this one
"""

import argparse
import gzip
import html
import json
import os
import sys
import unicodedata

import regex

SOT = "<|startoftext|>"
EOT = "<|endoftext|>"
MERGES_USED = 49152 - 256 - 2
CONTEXT_LENGTH = 77
PATTERN = regex.compile(
    r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+",
    regex.IGNORECASE,
)


def byte_stand_ins():
    """Byte -> printable character: printable Latin-1 bytes keep their value, the others get 256, 257, ..."""
    keep = [b for b in range(256) if ord("!") <= b <= ord("~") or 0xA1 <= b <= 0xAC or 0xAE <= b <= 0xFF]
    others = [b for b in range(256) if b not in keep]
    table = {b: chr(b) for b in keep}
    table.update({b: chr(256 + i) for i, b in enumerate(others)})
    order = keep + others  # the vocabulary lists the stand-ins in this order
    return table, order


class ClipTokenizerRef:
    def __init__(self, vocab_path):
        with gzip.open(vocab_path, "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")
        merges = [tuple(line.split()) for line in lines[1 : MERGES_USED + 1]]
        if len(merges) != MERGES_USED or any(len(m) != 2 for m in merges):
            raise ValueError(f"{vocab_path}: not a CLIP BPE vocabulary")
        self.stand_in, order = byte_stand_ins()
        vocab = [self.stand_in[b] for b in order]
        vocab += [s + "</w>" for s in vocab]
        vocab += ["".join(m) for m in merges]
        vocab += [SOT, EOT]
        self.ids = {token: i for i, token in enumerate(vocab)}
        self.rank = {m: i for i, m in enumerate(merges)}
        self.words = {}

    def clean(self, text):
        text = unicodedata.normalize("NFC", text)  # ftfy's default normalisation; see the header
        text = html.unescape(html.unescape(text)).strip()
        return regex.sub(r"\s+", " ", text).strip().lower()

    def bpe(self, word):
        if word in (SOT, EOT):
            return [word]
        if word in self.words:
            return self.words[word]
        symbols = list(word[:-1]) + [word[-1] + "</w>"]
        while len(symbols) > 1:
            ranked = [(self.rank.get(p, None), p) for p in zip(symbols, symbols[1:])]
            ranked = [(r, p) for r, p in ranked if r is not None]
            if not ranked:
                break
            _, (first, second) = min(ranked)
            out, i = [], 0
            while i < len(symbols):
                if i + 1 < len(symbols) and symbols[i] == first and symbols[i + 1] == second:
                    out.append(first + second)
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            symbols = out
        self.words[word] = symbols
        return symbols

    def encode(self, text):
        ids = []
        for match in PATTERN.findall(self.clean(text)):
            word = match if match in (SOT, EOT) else "".join(self.stand_in[b] for b in match.encode("utf-8"))
            ids += [self.ids[s] for s in self.bpe(word)]
        return ids

    def tokenize(self, text, context_length=CONTEXT_LENGTH):
        """SOT + ids + EOT, cut to context_length with EOT last (clip.tokenize(truncate=True), unpadded)."""
        ids = [self.ids[SOT]] + self.encode(text) + [self.ids[EOT]]
        if len(ids) <= context_length:
            return ids, False
        ids = ids[:context_length]
        ids[-1] = self.ids[EOT]
        return ids, True


TEMPLATES_MULTI = [
    "a photo of a {}.", "a photo of a small {}.", "a photo of a medium {}.", "a photo of a large {}.",
    "This is a photo of a {}.", "This is a photo of a small {}.", "This is a photo of a medium {}.",
    "This is a photo of a large {}.", "a {} in the scene.", "a photo of a {} in the scene.",
    "There is a {} in the scene.", "There is the {} in the scene.", "This is a {} in the scene.",
    "This is the {} in the scene.", "This is one {} in the scene.",
]

# Tricky strings whose ids ftfy cannot change (see the header).
BATTERY = [
    "", "   ", "a photo of a cat", "A Photo Of A Cat.",
    # accents, other scripts, emoji
    "café crème brûlée", "naïve résumé", "Ångström", "Straße", "ÉCOLE ÉLÉMENTAIRE", "São Paulo",
    "e\u0301clair", "猫が好きです", "中文测试", "한국어 텍스트", "Привет, мир", "ΟΔΥΣΣΕΥΣ", "İstanbul",
    "مرحبا بالعالم", "हिन्दी", "I love 🐱 and 🐶!", "👍🏽", "👨\u200d👩\u200d👧", "🇫🇷 flag", "zero\u200bwidth",
    # punctuation and symbols
    "Hello, world!!! ... ???", "(parenthesis) [brackets] {braces}", "C++ & C#", "a/b\\c", "$100.50 @ 5% off",
    "#hashtag @mention", "~tilde~ ^caret^ `backtick`", "<|startoftext|>hello<|endoftext|>", "<|STARTOFTEXT|>",
    "<|endoftext|><|endoftext|>", "<|notaspecial|>", "a<b>c",
    # whitespace runs, tabs, newlines
    "  lots   of\t\tspace \n\n here  ", "line1\nline2\tcol", "\t\ttabbed", "non\u00a0breaking", "em\u2003space",
    "\n", "a \u3000b",
    # HTML entities (nested at most twice, so ftfy's own unescaping cannot change the result)
    "&amp;", "Tom &amp; Jerry", "&#39;quoted&#39;", "&amp;amp;", "&lt;b&gt;bold&lt;/b&gt;", "&amp;lt;",
    "&#x27;s", "&copy; 2024", "caf&eacute;", "5 &lt; 6", "AT&T", "&nbsp;x&nbsp;", "fish &amp chips", "&ampersand",
    "&#65;&#x42;&#X43;", "&unknown;", "&#0;", "&#128512;", "&#128; &#150;", "&#x110000;", "&#55296;", "&#1;x",
    "a&#13;b", "&ampx;", "&notit;", "&AMP;&LT;", "&#65 &#x41 &#66b", "&#99999999999999999999;", "&#xFFFE;z",
    "&gt&lt", "&;", "&#;", "&#x;", "&&amp;&",
    # every named entity the C++ side knows, with and without ';' (checks its names, characters and legacy flags;
    # the curly quotes are left out because ftfy would straighten them)
    *[f"x&{n};y &{n}z" for n in (
        "amp AMP lt LT gt GT quot QUOT apos nbsp copy COPY reg REG trade deg times divide hellip mdash ndash laquo "
        "raquo middot bull euro pound cent yen sect para plusmn frac12 not shy eacute egrave aacute agrave uuml ouml "
        "auml szlig ccedil ntilde").split()],
    # numbers
    "1234567890", "3.14159", "2024-01-01", "one 1 two 2", "٣ and ½", "10,000 km²",
    # apostrophes
    "don't", "it's", "I'LL", "we're", "they've", "I'm", "she'd", "DON'T STOP", "rock 'n' roll", "'s'", "''",
    "the dog's bone", "James' book",
    # hyphens and dashes
    "state-of-the-art", "well-known", "e-mail", "--double--dash", "en\u2013dash em\u2014dash",
    # mixed case
    "CamelCaseWord", "iPhone XR", "McDonald's", "HTTPServer", "tEsT",
    # case-insensitive matching: "'" + long s is a contraction; U+0345 (a case variant of iota) matches nothing
    "x'\u017f", "x'\u00df", "a\u0345b \u0345", "\u03a3\u1fbc\u03a3", "\u2160\u2170 \u24b6\u24d0",
    # long: more than 77 tokens, one very long word, no spaces at all
    "a photo of a " * 30, "supercalifragilisticexpialidocious" * 5, "x" * 200, "word " * 100,
    "😀" * 40,
]


def read_classes(folder):
    names = []
    for fname in ("classes_voc12.txt", "classes_coco_stuff.txt", "classes_context59.txt"):
        with open(os.path.join(folder, fname), encoding="utf-8") as f:
            names += [line.strip() for line in f if line.strip()]
    return list(dict.fromkeys(names))


def fixture_texts(class_folder):
    texts = list(BATTERY)
    if class_folder:
        classes = read_classes(class_folder)
        texts += classes
        texts += ["a photo of a " + c for c in classes]
        for c in ("cat", "building-other", "tvmonitor"):
            texts += [t.format(c) for t in TEMPLATES_MULTI]
    return list(dict.fromkeys(texts))


def check_ftfy_independent(tok, texts):
    try:
        import ftfy
    except ImportError:
        return
    for t in texts:
        if tok.encode(ftfy.fix_text(t)) != tok.encode(t):
            sys.exit(f"fixture string {t!r}: ftfy changes its ids; remove it from BATTERY")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vocab", required=True, help="bpe_simple_vocab_16e6.txt.gz")
    ap.add_argument("--classes", help="folder with classes_voc12.txt, classes_coco_stuff.txt, classes_context59.txt")
    ap.add_argument("--write-fixture", metavar="JSON", help="write the fixture instead of printing")
    ap.add_argument("texts", nargs="*")
    args = ap.parse_args()
    tok = ClipTokenizerRef(args.vocab)

    if not args.write_fixture:
        for t in args.texts:
            print(json.dumps(tok.tokenize(t)[0]))
        return

    texts = fixture_texts(args.classes)
    check_ftfy_independent(tok, texts)
    cases = []
    for t in texts:
        ids, truncated = tok.tokenize(t)
        cases.append({"text": t, "encode": tok.encode(t), "tokens": ids, "truncated": truncated})
    doc = {
        "about": "CLIP BPE ids from tools/reference/clip_tokenizer_ref.py (see its header for how it was run)",
        "vocab": "bpe_simple_vocab_16e6.txt.gz",
        "context_length": CONTEXT_LENGTH,
        "cases": cases,
    }
    with open(args.write_fixture, "w", encoding="utf-8") as f:
        # One case per line, so a change shows up as a readable diff.
        head = json.dumps({k: v for k, v in doc.items() if k != "cases"}, ensure_ascii=True)[:-1]
        f.write(head + ', "cases": [\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=True) for c in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {args.write_fixture}")


if __name__ == "__main__":
    main()
