#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Numeric parity of the C++ pipeline with the project's Python reference on a random model:
#   parity.sh CLI PYTHON WORK_DIR [make_test_model.py options...] [-- compare_dumps.py options...]
# Generates the model, image, embeddings and reference outputs, runs `cascadeclip segment --dump`, and compares
# every intermediate.
set -euo pipefail
cli=$1 python=$2 work=$3
shift 3
gen_args=() cmp_args=()
while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; cmp_args=("$@"); break; fi
    gen_args+=("$1"); shift
done
tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tools" && pwd)
rm -rf "$work"
"$python" "$tools/make_test_model.py" "$work" "${gen_args[@]}"
seen=$(cat "$work/seen.txt")
mode=()
for a in "${gen_args[@]}"; do [ "$a" = "--transductive" ] && mode=(--transductive); done
seen_arg=(--seen "$seen")
[ -z "$seen" ] && seen_arg=()
"$cli" segment --threads 2 --weights "$work/model.safetensors" --text-embeddings "$work/text.npy" \
    --class-names "$work/classes.txt" "${seen_arg[@]}" "${mode[@]}" ${NGA_FROM_FILE:+--nga "$(cat "$work/nga.txt")"} \
    --dump "$work/cpp" "$work/image.png"
"$python" "$tools/compare_dumps.py" "$work/ref" "$work/cpp" "${cmp_args[@]}"
