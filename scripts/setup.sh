#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One command from a fresh Debian 12 to a built GUI and CLI: installs exactly the packages the project needs
# (as root, or through sudo), makes OpenBLAS serve LibTorch's GEMMs, then configures and builds (Release).
# Idempotent: when everything is present it only rebuilds what changed.
#
#   scripts/setup.sh [BUILD_DIR]        (default: build)
#   CASCADECLIP_NO_INSTALL=1 skips the package step; CASCADECLIP_CMAKE_ARGS adds configure arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build}

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config
    # core
    libtorch-dev libopenblas0-pthread libopencv-dev libspdlog-dev nlohmann-json3-dev zlib1g-dev libicu-dev libpng-dev
    # ui; Qt's own translations and CJK glyphs for the translated interface
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev qt6-translations-l10n fonts-noto-cjk
    # packaging: icons, the .deb (shlibdeps) and its checks
    librsvg2-bin dpkg-dev file man-db lintian appstream desktop-file-utils shared-mime-info
    # tests and benchmarks; clang and libFuzzer for the fuzz targets (scripts/fuzz.sh)
    libgtest-dev libbenchmark-dev clang-14 libclang-rt-14-dev
    # reference checks and fixture generators (Debian's own interpreter and torch)
    python3 python3-torch python3-numpy python3-regex python3-pil python3-opencv
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ -z "${CASCADECLIP_NO_INSTALL:-}" ]; then
    missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "setup: installing ${missing[*]}"
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    else
        echo "setup: all packages present"
    fi
    # LibTorch calls the system libblas.so.3; Debian's default alternative may be the reference BLAS
    # (about 30x slower). Point it at OpenBLAS.
    openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3
    current=$(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null || true)
    if [ -e "$openblas" ] && [ "$current" != "$openblas" ]; then
        as_root update-alternatives --set libblas.so.3-x86_64-linux-gnu "$openblas"
    fi
fi

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
generator=()
[ -f "$build/CMakeCache.txt" ] || { command -v ninja >/dev/null && generator=(-G Ninja); }

# shellcheck disable=SC2086
cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" ${CASCADECLIP_CMAKE_ARGS:-}
cmake --build "$build" -j"$(nproc)"
echo "setup: built $build/app/cascadeclip and $build/app/cascadeclip-studio"
