#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer: builds everything with
# -DCASCADECLIP_SANITIZE=ON in BUILD_DIR (-O1, no benchmark) and runs every test except the full-size `slow`
# ones, `fuzz` (it has a sanitized build of its own), `package` (a package of a sanitized build means nothing)
# and `gpu`. Leaks are reported (tests/sanitizers/lsan.supp lists what is suppressed, and why).
#
#   scripts/sanitize.sh [--build-dir DIR]        (default: build-asan)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$here/build-asan
while [ $# -gt 0 ]; do
    case $1 in
        --build-dir) build=$2; shift 2 ;;
        -h|--help) sed -n '3,8p' "$0"; exit 0 ;;
        *) echo "sanitize: unknown argument $1" >&2; exit 1 ;;
    esac
done

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
    -DCASCADECLIP_SANITIZE=ON -DCASCADECLIP_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -LE "slow|fuzz|package|gpu" -j"$(nproc)"
