#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds cascadeclip-bench if needed, runs it on 2 threads, times the Python reference on the same inputs, and
# prints a table with the C++/Python ratio. Results land in BUILD_DIR/bench/ (bench.json, python.json, table.md).
#
#   scripts/bench.sh [BUILD_DIR] [-- extra cascadeclip-bench flags, e.g. --benchmark_filter=Encoder]
#   BENCH_REPETITIONS (default 3): repetitions per benchmark; the table reports medians.
#   BENCH_PYTHON_WARMUP (default 1): untimed Python runs before the timed ones.
#   BENCH_SKIP_PYTHON=1 skips the Python reference.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$here/build
if [ $# -gt 0 ] && [ "$1" != "--" ]; then build=$1; shift; fi
[ "${1:-}" = "--" ] && shift
python=/usr/bin/python3
reps=${BENCH_REPETITIONS:-3}
threads=2
out=$build/bench
mkdir -p "$out"

if [ ! -f "$build/CMakeCache.txt" ]; then
    CASCADECLIP_NO_INSTALL=${CASCADECLIP_NO_INSTALL:-} "$here/scripts/setup.sh" "$build"
fi
cmake --build "$build" --target cascadeclip-bench

"$build/bench/cascadeclip-bench" --threads=$threads --benchmark_repetitions="$reps" \
    --benchmark_report_aggregates_only=true --benchmark_out="$out/bench.json" --benchmark_out_format=json "$@"

if [ -z "${BENCH_SKIP_PYTHON:-}" ]; then
    "$python" "$here/bench/python_reference_bench.py" --threads $threads --repeats "$reps" \
        --warmup "${BENCH_PYTHON_WARMUP:-1}" >"$out/python.json"
else
    rm -f "$out/python.json"
fi

"$python" - "$out/bench.json" "$out/python.json" "$out/table.md" <<'PY'
import json, os, sys
bench = json.load(open(sys.argv[1]))
py = json.load(open(sys.argv[2])) if os.path.exists(sys.argv[2]) else None
rows = {}
for b in bench["benchmarks"]:
    if b.get("aggregate_name", "median") != "median" or b.get("error_occurred"):
        continue
    name = b.get("run_name", b["name"]).replace("/process_time", "").replace("/real_time", "")
    rows[name] = b
lines = ["| benchmark | median | counters |", "|---|---:|---|"]
for name, b in rows.items():
    t = f'{b["real_time"]:.1f} {b["time_unit"]}'
    extra = ", ".join(f"{k}={v:.3g}" for k, v in b.items()
                      if k not in ("name", "run_name", "run_type", "aggregate_name", "aggregate_unit",
                                   "repetitions", "threads", "iterations", "real_time", "cpu_time", "time_unit",
                                   "family_index", "per_family_instance_index", "repetition_index",
                                   "label", "error_occurred", "error_message") and isinstance(v, (int, float)))
    lines.append(f"| {name} | {t} | {extra} |")
if py:
    def ms(name):
        b = rows.get(name)
        return b["real_time"] if b and b["time_unit"] == "ms" else None
    lines += ["", "| C++ vs Python reference (medians, 2 threads) | C++ ms | Python ms | speed-up |", "|---|---:|---:|---:|"]
    for label, cpp, ref in (("encoder per window", "Encoder/window/1", "encoder_window"),
                            ("end-to-end 500x375, 20 classes", "EndToEnd/image/500/375", "end_to_end_500x375")):
        c, p = ms(cpp), py[ref]["median_ms"]
        if c:
            lines.append(f"| {label} | {c:.0f} | {p:.0f} | {p / c:.2f}x |")
table = "\n".join(lines)
open(sys.argv[3], "w").write(table + "\n")
print(table)
PY
echo "bench: results in $out (bench.json, python.json, table.md)"
