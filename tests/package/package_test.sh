#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the .deb with cpack, unpacks it into a scratch root with dpkg -x and checks it as a user would meet it:
# both programs start from there (LD_LIBRARY_PATH untouched), every desktop-integration file is in place and
# valid, and lintian reports no errors (its warnings are printed, and kept in the artifacts folder).
#
#   package_test.sh BUILD_DIR APP_ID
set -euo pipefail

build=$1
app_id=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

step "cpack -G DEB"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1 \
    || { cat "$scratch/cpack.log"; fail "cpack failed"; }
debs=("$scratch"/out/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb in $scratch/out"
deb=${debs[0]}
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"

step "control fields"
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends
depends=$(dpkg-deb --field "$deb" Depends)
# shlibdeps must have turned the linked libraries into package dependencies.
for lib in libqt6widgets6 libc6 libstdc++6 libopencv-core; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
grep -Eq 'libtorch' <<<"$depends" || fail "Depends lacks LibTorch: $depends"

step "dpkg -x"
root=$scratch/root
dpkg -x "$deb" "$root"
usr=$root/usr
for f in bin/cascadeclip bin/cascadeclip-studio \
    share/applications/$app_id.desktop share/metainfo/$app_id.metainfo.xml \
    share/mime/packages/cascadeclip-studio.xml share/icons/hicolor/scalable/apps/cascadeclip-studio.svg \
    share/man/man1/cascadeclip.1.gz share/man/man1/cascadeclip-studio.1.gz \
    share/doc/cascadeclip-studio/copyright share/doc/cascadeclip-studio/changelog.gz; do
    [ -f "$usr/$f" ] || fail "missing /usr/$f"
done
for size in 16 22 24 32 48 64 128 256; do
    png=$usr/share/icons/hicolor/${size}x${size}/apps/cascadeclip-studio.png
    [ -f "$png" ] || fail "missing ${size}x${size} icon"
    file "$png" | grep -q "PNG image data, $size x $size" || fail "$(file "$png")"
done

step "run the CLI from the package"
version=$("$usr/bin/cascadeclip" --version) || fail "cascadeclip --version exited $?"
echo "$version" | head -3
grep -q "^cascadeclip [0-9]" <<<"$version" || fail "unexpected version output"
help=$("$usr/bin/cascadeclip" --help)

step "run the GUI from the package (offscreen)"
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_CONFIG_HOME"
gui_version=$("$usr/bin/cascadeclip-studio" --version) || fail "cascadeclip-studio --version exited $?"
echo "$gui_version" | head -2
grep -q "^cascadeclip-studio [0-9]" <<<"$gui_version" || fail "unexpected GUI version output"
"$usr/bin/cascadeclip-studio" --smoke-test || fail "cascadeclip-studio --smoke-test exited $?"
# In Korean, from the system locale alone: --help comes from the embedded translation.
LANGUAGE=ko LANG=C.UTF-8 LC_ALL=C.UTF-8 "$usr/bin/cascadeclip-studio" --help | grep -q "설치 확인" \
    || fail "cascadeclip-studio --help is not translated under LANGUAGE=ko"

step "man pages"
for page in cascadeclip cascadeclip-studio; do
    gzip -t "$usr/share/man/man1/$page.1.gz"
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null || true)
    [ -z "$warnings" ] || fail "man $page: $warnings"
done
manpage=$(zcat "$usr/share/man/man1/cascadeclip.1.gz" | sed 's/\\-/-/g')
# Every command the CLI registers is documented.
commands=$(awk '/^Commands:/{on=1; next} /^$/{on=0} on{print $1}' <<<"$help")
[ -n "$commands" ] || fail "no commands in cascadeclip --help"
for c in $commands; do
    grep -q "^\.B $c\$" <<<"$manpage" || fail "the man page does not describe the command '$c'"
    grep -q "^\.SH $(tr 'a-z' 'A-Z' <<<"$c") OPTIONS" <<<"$manpage" || fail "the man page lacks '$c' options"
done

step "desktop-file-validate"
desktop-file-validate "$usr/share/applications/$app_id.desktop"
grep -q '^MimeType=.*application/x-cascadeclip-project;' "$usr/share/applications/$app_id.desktop" \
    || fail "the desktop entry does not open project files"

step "appstreamcli validate --no-net"
appstreamcli validate --no-net "$usr/share/metainfo/$app_id.metainfo.xml"

step "shared-mime-info"
mime=$scratch/mime
mkdir -p "$mime/packages"
cp "$usr/share/mime/packages/cascadeclip-studio.xml" "$mime/packages/"
update-mime-database "$mime"
grep -q '^80:application/x-cascadeclip-project:cascadeclip-project.json$' "$mime/globs2" \
    || fail "the MIME database does not map cascadeclip-project.json: $(cat "$mime/globs2")"

step "lintian"
lintian_out=$scratch/lintian.txt
set +e
lintian --fail-on error --tag-display-limit 0 --allow-root "$deb" >"$lintian_out" 2>&1
lintian_rc=$?
set -e
cat "$lintian_out"
if [ -n "${CASCADECLIP_ARTIFACTS:-}" ]; then
    mkdir -p "$CASCADECLIP_ARTIFACTS"
    cp "$lintian_out" "$CASCADECLIP_ARTIFACTS/lintian.txt"
fi
grep -q '^E: ' "$lintian_out" && fail "lintian reports errors"
[ $lintian_rc -eq 0 ] || fail "lintian exited $lintian_rc"
echo "package OK"
