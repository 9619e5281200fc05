#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Lists the entries of Qt Linguist .ts files that still need work.

    ts_report.py [--update | --check] FILE.ts...

Per file: the number of messages, then every unfinished entry (new or changed source text, or an empty
translation) and every vanished/obsolete one (its source text is no longer in the code), as CONTEXT: "SOURCE".
--check exits 1 when any file has such an entry; otherwise the exit status is 0.
"""
import os
import sys
import xml.etree.ElementTree as ET


def problems(path):
    root = ET.parse(path).getroot()
    language = root.get("language", "?")
    total = 0
    unfinished, vanished = [], []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            total += 1
            source = message.findtext("source", "")
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            entry = f'{name}: "{source}"'
            if kind in ("vanished", "obsolete"):
                vanished.append(entry)
                continue
            if translation is None:
                unfinished.append(entry)
                continue
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            if kind == "unfinished" or any(not t.strip() for t in texts):
                unfinished.append(entry)
    return language, total, unfinished, vanished


def main(argv):
    check = "--check" in argv
    files = [a for a in argv if not a.startswith("--")]
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in files:
        language, total, unfinished, vanished = problems(path)
        print(f"{os.path.basename(path)} ({language}): {total} messages, {len(unfinished)} unfinished, {len(vanished)} vanished")
        for entry in unfinished:
            print(f"  unfinished  {entry}")
        for entry in vanished:
            print(f"  vanished    {entry}")
        failed = failed or bool(unfinished or vanished)
    return 1 if check and failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
