#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Refreshes translations/cascadeclip_<lang>.ts from the sources (ui/ and app/), drops strings that vanished from the
# code, and lists what still needs a translation, per language. Exits 0; the list is the to-do.
#
#   scripts/update-translations.sh            update every .ts file, then list unfinished entries
#   scripts/update-translations.sh --check    change nothing; exit 1 if lupdate would leave unfinished or vanished
#                                             entries (what the ctest test translations_complete runs)
#   LUPDATE=/path/to/lupdate overrides the tool (default: Qt 6's lupdate).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lupdate=${LUPDATE:-}
if [ -z "$lupdate" ]; then
    for candidate in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" "$(command -v lupdate || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then lupdate=$candidate; break; fi
    done
fi
[ -n "$lupdate" ] || { echo "update-translations: no lupdate found (Debian: qt6-l10n-tools)" >&2; exit 2; }

mode=update
if [ "${1:-}" = "--check" ]; then mode=check; fi

ts_files=("$here"/translations/cascadeclip_*.ts)
[ -e "${ts_files[0]}" ] || { echo "update-translations: no translations/cascadeclip_*.ts" >&2; exit 2; }

if [ "$mode" = check ]; then
    # Work on copies: the source tree stays as it is.
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    cp "${ts_files[@]}" "$scratch"/
    targets=("$scratch"/cascadeclip_*.ts)
    extra=()
else
    targets=("${ts_files[@]}")
    extra=(-no-obsolete)
fi

# -locations none keeps the .ts files free of line numbers, so unrelated edits do not touch them.
(cd "$here" && "$lupdate" -silent -locations none -I . "${extra[@]}" ui app -ts "${targets[@]}")

exec python3 "$here/tools/ts_report.py" ${mode:+--$mode} "${targets[@]}"
