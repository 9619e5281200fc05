#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Differential check: `cascadeclip tokenize` against clip_tokenizer_ref.py on seeded random strings.

The strings mix letters, marks, digits, symbols and emoji from many scripts with whitespace, contractions,
specials and HTML entities. Like the fixture, they leave out what only ftfy would change (the reference script
has no ftfy): C0/C1 controls, curly quotes, Latin ligatures, full-width forms, and U+0338, which NFC composes
with a '<' or '>' that an entity produced.

    tools/reference/compare_tokenizer.py --cli build/app/cascadeclip \\
        --vocab ../shared/data/bpe_simple_vocab_16e6.txt.gz --count 20000 --seed 1234

Exit status 1 when any string gets different ids; the first few are printed.
"""

import argparse
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clip_tokenizer_ref import ClipTokenizerRef  # noqa: E402

RANGES = [
    (0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x4E00, 0x4FFF), (0x3040, 0x30FF),
    (0xAC00, 0xACFF), (0x600, 0x6FF), (0x900, 0x97F), (0x300, 0x337), (0x339, 0x36F), (0x1F300, 0x1F64F),
    (0x660, 0x669), (0x2000, 0x206F), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x1E00, 0x1EFF),
]
# Characters ftfy would change (ligatures, U+02BC and curly quotes, line/paragraph separators, format
# controls, BOM, DEL and C1 controls).
FTFY_CHANGES = {
    0x132, 0x133, 0x149, *range(0x1C4, 0x1CD), *range(0x1F1, 0x1F4), 0x2BC, *range(0x2018, 0x2020), 0x2028,
    0x2029, *range(0x206A, 0x2070), 0xFEFF, 0x7F, *range(0x80, 0xA0),
}
PIECES = [
    "&amp;", "&lt;", "&gt;", "&#39;", "&quot;", "&", "'s", "'ll", "'T", "\t", "\n", "  ", "\u00a0", "\x0c",
    "<|endoftext|>", "<|startoftext|>", "don't", "I'M", "--", "...", "\U0001F600\U0001F600", "\u03a3\u0391\u03a3",
    "\u0130", "\u0345", "x'\u017f",
]
BATCH = 400  # texts per CLI call (argument list size)


def random_text(rng):
    out = []
    for _ in range(rng.randint(0, 25)):
        r = rng.random()
        if r < 0.15:
            out.append(rng.choice(PIECES))
        elif r < 0.4:
            out.append(" ")
        else:
            c = rng.randint(*rng.choice(RANGES))
            if c not in FTFY_CHANGES:
                out.append(chr(c) * rng.choice([1, 1, 1, 2, 5]))
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="the cascadeclip executable")
    ap.add_argument("--vocab", required=True, help="bpe_simple_vocab_16e6.txt.gz")
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1234)
    args = ap.parse_args()

    ref = ClipTokenizerRef(args.vocab)
    rng = random.Random(args.seed)
    # A leading '-' would read as an option.
    texts = [t for t in (random_text(rng) for _ in range(args.count)) if not t.startswith("-")]
    mismatches = 0
    for i in range(0, len(texts), BATCH):
        batch = texts[i : i + BATCH]
        run = subprocess.run([args.cli, "tokenize", "--vocab", args.vocab, *batch], capture_output=True, text=True)
        lines = run.stdout.splitlines()
        if run.returncode != 0 or len(lines) != len(batch):
            sys.exit(f"{args.cli} failed (exit {run.returncode}): {run.stderr[:500]}")
        for text, line in zip(batch, lines):
            expected = ref.tokenize(text)[0]
            if json.loads(line) != expected:
                mismatches += 1
                if mismatches <= 10:
                    print(f"MISMATCH {text!r}\n  cli: {line}\n  ref: {json.dumps(expected)}")
    print(f"{len(texts)} strings, {mismatches} mismatches")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
