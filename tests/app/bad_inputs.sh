#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The bad-input matrix of `cascadeclip segment`, one ROW per CTest test: odd class names, odd and broken images,
# an unwritable output folder, a full disk, a model file replaced during a run. Each row checks the exit code,
# that the message names the file and the reason, and that the other inputs of the same run are still done.
#   bad_inputs.sh CLI PYTHON VOCAB WORK_DIR setup|ROW
set -euo pipefail
cli=$1 python=$2 vocab=$3 work=$4 row=$5
tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tools" && pwd)
model=$work/model

if [ "$row" = setup ]; then
    rm -rf "$work"
    mkdir -p "$work"
    "$python" "$tools/make_test_model.py" "$model" --seed 5 --classes 3 >/dev/null
    exit 0
fi

dir=$work/$row
rm -rf "$dir"
mkdir -p "$dir/in"
cp "$model/image.png" "$dir/in/good.png"
out=$dir/out
log=$dir/log

fail() {
    echo "FAIL ($row): $*" >&2
    echo "--- output:" >&2
    cat "$log" >&2 || true
    exit 1
}

# segment ARGS...: runs the CLI on the classes in $classes (default "cat,dog") and records the exit code.
segment() {
    set +e
    "$cli" segment --threads 1 --weights "$model/model.safetensors" --vocab "$vocab" --out "$out" "$@" >"$log" 2>&1
    rc=$?
    set -e
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1"; }
expect_log() { grep -Eq -- "$1" "$log" || fail "the output lacks /$1/"; }
expect_done() { # NAME: the index mask of NAME exists
    [ -f "$out/$1.png" ] || fail "no output for $1"
}
# The good image next to the bad one is still segmented.
expect_good_done() { expect_done good; }
# An image of size WxH through the Python writer: gen_image PATH MODE WxH [FORMAT]
gen_image() {
    "$python" - "$@" <<'PY'
import sys
import numpy as np
from PIL import Image
path, mode, size = sys.argv[1:4]
fmt = sys.argv[4] if len(sys.argv) > 4 else None
w, h = map(int, size.split("x"))
rng = np.random.default_rng(1)
if mode == "I;16":
    img = Image.fromarray(rng.integers(0, 65535, (h, w), dtype=np.uint16))
elif mode == "L":
    img = Image.fromarray(rng.integers(0, 255, (h, w), dtype=np.uint8), "L")
elif mode == "RGBA":
    img = Image.fromarray(rng.integers(0, 255, (h, w, 4), dtype=np.uint8), "RGBA")
elif mode == "CMYK":
    img = Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8)).convert("CMYK")
elif mode == "GIF":
    frames = [Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8)).convert("P") for _ in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    sys.exit(0)
else:
    img = Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))
img.save(path, format=fmt)
PY
}
# png_size PATH: "WxH" of a PNG
png_size() { "$python" -c 'import sys; from PIL import Image; print("%dx%d" % Image.open(sys.argv[1]).size)' "$1"; }

case $row in
# --- class names ---------------------------------------------------------------------------------------------
class_empty)
    segment --classes "" "$dir/in"
    expect_rc 1; expect_log "--classes holds no class name" ;;
class_zero)
    printf '\n  \n\t\n' >"$dir/none.txt"
    segment --class-names "$dir/none.txt" "$dir/in"
    expect_rc 2; expect_log "none.txt: holds no class name" ;;
class_duplicate)
    segment --classes "cat,dog, cat" "$dir/in"
    expect_rc 1; expect_log 'class name "cat" appears twice' ;;
class_duplicate_file)
    printf 'cat\ndog\ncat\n' >"$dir/names.txt"
    segment --class-names "$dir/names.txt" "$dir/in"
    expect_rc 2; expect_log 'names.txt: class name "cat" appears twice' ;;
class_whitespace)
    segment --classes "   " "$dir/in"
    expect_rc 1; expect_log "--classes holds no class name"
    # Blank entries between real names are dropped, and names are trimmed.
    segment --classes " cat ,  , dog" "$dir/in"
    expect_rc 0; expect_good_done
    [ "$(grep -v '^#' "$out/labelmap.txt" | grep -v '^background\|^__ignore__' | cut -d: -f1 | tr '\n' ',')" = "cat,dog," ] \
        || fail "labelmap.txt does not list exactly cat, dog: $(cat "$out/labelmap.txt")" ;;
class_long)
    long=$(printf 'x%.0s' $(seq 1 500))
    segment --classes "cat,$long" "$dir/in"
    expect_rc 0; expect_good_done; expect_log "truncated"
    grep -q "$long" "$out/labelmap.txt" || fail "the 500-character name is not in labelmap.txt" ;;
class_emoji)
    segment --classes "🐈 cat,dog 🐕,🦜" "$dir/in"
    expect_rc 0; expect_good_done
    grep -q "🦜" "$out/labelmap.txt" && grep -q "🐈 cat" "$out/legend.json" || fail "emoji names lost" ;;
class_rtl)
    segment --classes "חתול,قطة,dog" "$dir/in"
    expect_rc 0; expect_good_done
    grep -q "חתול" "$out/labelmap.txt" && grep -q "قطة" "$out/coco.json" || fail "right-to-left names lost" ;;
# --- images --------------------------------------------------------------------------------------------------
img_1x1)
    gen_image "$dir/in/tiny.png" RGB 1x1
    segment --classes "cat,dog" "$dir/in"
    expect_rc 0; expect_good_done; expect_done tiny
    [ "$(png_size "$out/tiny.png")" = 1x1 ] || fail "the 1x1 image's mask is $(png_size "$out/tiny.png")" ;;
img_20000x200)
    gen_image "$dir/in/wide.png" RGB 20000x200
    segment --classes "cat,dog" "$dir/in"
    expect_rc 0; expect_done wide
    [ "$(png_size "$out/wide.png")" = 20000x200 ] || fail "the wide image's mask is $(png_size "$out/wide.png")" ;;
img_16bit | img_grey | img_alpha | img_cmyk)
    case $row in
        img_16bit) gen_image "$dir/in/odd.png" "I;16" 40x30 ;;
        img_grey) gen_image "$dir/in/odd.png" L 40x30 ;;
        img_alpha) gen_image "$dir/in/odd.png" RGBA 40x30 ;;
        img_cmyk) gen_image "$dir/in/odd.jpg" CMYK 40x30 JPEG ;;
    esac
    segment --classes "cat,dog" "$dir/in"
    expect_rc 0; expect_good_done; expect_done odd
    [ "$(png_size "$out/odd.png")" = 40x30 ] || fail "the mask is $(png_size "$out/odd.png")" ;;
img_animated_gif)
    gen_image "$dir/anim.gif" GIF 40x30
    segment --classes "cat,dog" "$dir/anim.gif" "$dir/in/good.png"
    expect_rc 2; expect_good_done; expect_log "anim.gif: GIF images cannot be decoded.*convert it to PNG"
    expect_log "failed 1 of 2" ;;
img_truncated_png | img_truncated_jpg)
    ext=${row#img_truncated_}
    gen_image "$dir/whole.$ext" RGB 64x48
    head -c "$(($(stat -c %s "$dir/whole.$ext") * 2 / 3))" "$dir/whole.$ext" >"$dir/in/cut.$ext"
    segment --classes "cat,dog" "$dir/in"
    expect_rc 2; expect_good_done; expect_log "cut.$ext: a truncated"; expect_log "failed 1 of 2"
    [ ! -f "$out/cut.png" ] || fail "a mask was written for the truncated image" ;;
img_zero_byte)
    : >"$dir/in/empty.png"
    segment --classes "cat,dog" "$dir/in"
    expect_rc 2; expect_good_done; expect_log "empty.png: the file is empty \(0 bytes\)"; expect_log "failed 1 of 2" ;;
img_over_limit)
    gen_image "$dir/in/big.png" RGB 200x100
    gen_image "$dir/in/huge.jpg" RGB 200x100 JPEG
    segment --classes "cat,dog" --max-pixels 8000 "$dir/in"
    expect_rc 2; expect_good_done
    expect_log "big.png: 200x100 \(20000 pixels\) is over the limit of 8000 pixels; raise the maximum"
    expect_log "huge.jpg: 200x100 \(20000 pixels\) is over the limit of 8000 pixels; decoded at 1/2 size"
    expect_done huge
    [ "$(png_size "$out/huge.png")" = 100x50 ] || fail "the downsampled JPEG's mask is $(png_size "$out/huge.png")"
    [ ! -f "$out/big.png" ] || fail "a mask was written for the refused PNG"
    segment --classes "cat,dog" --max-pixels lots "$dir/in"
    expect_rc 1; expect_log "--max-pixels expects a whole number" ;;
# --- output and model files ------------------------------------------------------------------------------
readonly_out)
    mkdir -p "$out"
    if [ "$(id -u)" -eq 0 ]; then
        # root ignores permissions: run as nobody, whom a root-owned 0555 folder refuses.
        chmod 0555 "$out"
        chmod -R a+rX "$work"
        as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        chmod 0555 "$out"
        as=()
    fi
    set +e
    "${as[@]}" "$cli" segment --threads 1 --weights "$model/model.safetensors" --vocab "$vocab" --out "$out" \
        --classes "cat,dog" "$dir/in" >"$log" 2>&1
    rc=$?
    set -e
    chmod 0755 "$out"
    expect_rc 3; expect_log "$out/[a-z.]+: .*(Permission denied|Read-only)" ;;
disk_full)
    # A size-limited file system, simulated with RLIMIT_FSIZE: writes past 64 KiB fail with EFBIG ("File too
    # large") as on a full disk; the atomic writer must report the file and leave no partial file behind. The
    # probabilities (--probs, 480 KB here) are the file that does not fit.
    gen_image "$dir/in/big.png" RGB 400x300
    set +e
    (
        trap '' XFSZ
        ulimit -f 64
        exec "$cli" segment --threads 1 --weights "$model/model.safetensors" --vocab "$vocab" --out "$out" \
            --classes "cat,dog" --probs "$dir/in"
    ) >"$log" 2>&1
    rc=$?
    set -e
    expect_rc 3; expect_log "$out/[^ ]+_probs.npy: cannot write .*File too large"
    leftovers=$(find "$out" -name '*.tmp*' -o -name '.*' -type f | head -3)
    [ -z "$leftovers" ] || fail "partial files left behind: $leftovers"
    # Every mask that exists is a complete PNG.
    for f in "$out"/*.png; do
        [ -e "$f" ] || continue
        "$python" -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).load()' "$f" || fail "$f is corrupt"
    done ;;
model_replaced)
    for i in $(seq 1 12); do cp "$model/image.png" "$dir/in/img$i.png"; done
    cp "$model/model.safetensors" "$dir/model.safetensors"
    set +e
    "$cli" segment --threads 1 --weights "$dir/model.safetensors" --vocab "$vocab" --out "$out" \
        --classes "cat,dog" "$dir/in" >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do
        [ -n "$(find "$out" -name 'img*.png' ! -name '*_color.png' 2>/dev/null | head -1)" ] && break
        sleep 0.05
    done
    # Overwrite in place (same inode, shorter), then replace by rename: the running process must not notice.
    head -c 1000 /dev/urandom >"$dir/model.safetensors"
    head -c 1000 /dev/urandom >"$dir/other" && mv "$dir/other" "$dir/model.safetensors"
    wait "$pid"
    rc=$?
    set -e
    expect_rc 0; expect_log "failed 0 of 13"
    # The next run reads the new (broken) file and says so.
    set +e
    "$cli" segment --threads 1 --weights "$dir/model.safetensors" --vocab "$vocab" --out "$out" \
        --classes "cat,dog" "$dir/in" >"$log" 2>&1
    rc=$?
    set -e
    expect_rc 2; expect_log "$dir/model.safetensors: " ;;
*)
    echo "unknown row $row" >&2
    exit 2 ;;
esac
echo "row $row: ok"
