#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (clang, ASan + UBSan; only the parsers) in BUILD_DIR and runs each for a bounded
# time from its seed corpus in tests/fuzz/<target>/. Exits non-zero on any crash, hang, sanitizer report or
# allocation over the limits; the reproducer is left in BUILD_DIR/artifacts/ and named in the output.
# Every seed (the regression inputs of earlier findings among them) runs first. The mutations follow a fixed
# random seed, so two runs on one machine explore the same inputs; --seed 0 lets libFuzzer pick one.
#
#   scripts/fuzz.sh [--seconds N] [--seed S] [--build-dir DIR] [TARGET...]
#                                               (defaults: 30 s each, seed 1, build/fuzz, all targets)
#
# Reproduce a finding:  build/fuzz/tests/fuzz/<target> build/fuzz/artifacts/<target>-crash-...
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=30
seed=1
build=$here/build/fuzz
targets=()
while [ $# -gt 0 ]; do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --build-dir) build=$2; shift 2 ;;
        -h|--help) sed -n '3,12p' "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for d in "$here"/tests/fuzz/fuzz_*/; do targets+=("$(basename "$d")"); done
fi

cxx=${FUZZ_CXX:-$(command -v clang++-14 || command -v clang++ || true)}
cc=${FUZZ_CC:-$(command -v clang-14 || command -v clang || true)}
[ -n "$cxx" ] || { echo "fuzz: clang++ not found (install clang-14 and libclang-rt-14-dev)" >&2; exit 2; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=$cc CXX=$cxx cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASCADECLIP_FUZZ=ON \
        "${launcher[@]}" >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

mkdir -p "$build/artifacts"
# Leaks inside LibTorch's and ICU's one-time initialisation are not ours; everything else must be clean.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
summary=()
for t in "${targets[@]}"; do
    work=$build/corpus/$t
    mkdir -p "$work"
    log=$build/artifacts/$t.log
    echo "fuzz: $t for ${seconds}s (seed $seed)"
    # -rss_limit_mb / -malloc_limit_mb: a parser that allocates from a declared size alone fails here.
    # -timeout: one input taking longer than 10 s is a hang.
    if "$build/tests/fuzz/$t" "$work" "$here/tests/fuzz/$t" -max_total_time="$seconds" -seed="$seed" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
        >"$log" 2>&1; then
        result=ok
    else
        result=FAILED
        status=1
        tail -40 "$log" >&2
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    summary+=("$(printf '%-26s %-6s %10s executions' "$t" "$result" "${runs:-?}")")
done
printf '%s\n' "${summary[@]}"
exit $status
