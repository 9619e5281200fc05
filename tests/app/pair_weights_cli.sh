#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --checkpoint FILE.pth --clip ViT-B-16.pt in place of --weights: the first run imports into the bundle cache
# and gives the masks a bundle made by `import` gives; the next run reuses the cached bundle; a changed source is
# imported again; contradictory options are usage errors; a vocabulary the text encoder cannot embed is a clear
# input error.
#   pair_weights_cli.sh CLI PYTHON FIXTURES VOCAB WORK_DIR
set -euo pipefail
cli=$1 python=$2 fx=$3 vocab=$4 work=$5
rm -rf "$work"
mkdir -p "$work"
cp "$fx/ckpt_voc_ind.pth" "$work/ckpt.pth"
export CASCADECLIP_CACHE_DIR=$work/cache
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" import --clip "$fx/clip.pt" --checkpoint "$work/ckpt.pth" --vocab "$vocab" -o "$work/bundle.safetensors" 2>/dev/null
# An image, and class embeddings of the model's width (the tiny text encoder cannot embed real tokens).
"$python" - "$work" <<'PY'
import json, struct, sys
import cv2
import numpy as np
work = sys.argv[1]
rng = np.random.default_rng(7)
cv2.imwrite(work + "/img.png", cv2.GaussianBlur(rng.integers(0, 255, (75, 100, 3), dtype=np.uint8), (0, 0), 3))
with open(work + "/bundle.safetensors", "rb") as f:
    header = json.loads(f.read(struct.unpack("<Q", f.read(8))[0]))
dim = header["text_encoder.text_projection"]["shape"][1]
np.save(work + "/text.npy", rng.standard_normal((3, dim)).astype(np.float32))
PY
common=(--text-embeddings "$work/text.npy" --classes "cat,dog,sky" --threads 1)

"$cli" segment --weights "$work/bundle.safetensors" "${common[@]}" --out "$work/from-bundle" "$work/img.png" >/dev/null
pair=(--checkpoint "$work/ckpt.pth" --clip "$fx/clip.pt" --vocab "$vocab")
"$cli" segment "${pair[@]}" "${common[@]}" --out "$work/first" "$work/img.png" >/dev/null 2>"$work/first.log"
grep -q "importing .*ckpt.pth and .*clip.pt into .*cache/bundles/ckpt-.*\.safetensors" "$work/first.log" \
    || fail "the first run did not import: $(cat "$work/first.log")"
[ "$(ls "$work/cache/bundles" | wc -l)" = 1 ] || fail "expected one cached bundle: $(ls "$work/cache/bundles")"
cmp "$work/from-bundle/img.png" "$work/first/img.png" || fail "the pair gives other masks than the bundle"
grep -q '"checkpoint": ".*ckpt.pth"' "$work/first/provenance.json" || fail "provenance lacks the checkpoint"

"$cli" segment "${pair[@]}" "${common[@]}" --out "$work/second" "$work/img.png" >/dev/null 2>"$work/second.log"
grep -q "using .*cache/bundles/ckpt-.*imported earlier" "$work/second.log" || fail "not reused: $(cat "$work/second.log")"
grep -q "importing" "$work/second.log" && fail "imported twice"
cmp "$work/from-bundle/img.png" "$work/second/img.png" || fail "the cached bundle gives other masks"

touch -d "2001-01-01" "$work/ckpt.pth" # a replaced checkpoint
"$cli" segment "${pair[@]}" "${common[@]}" --out "$work/third" "$work/img.png" >/dev/null 2>"$work/third.log"
grep -q "importing" "$work/third.log" || fail "a changed checkpoint was not imported again"
[ "$(ls "$work/cache/bundles" | wc -l)" = 2 ] || fail "expected two cached bundles"

expect() { # expect RC PATTERN COMMAND...
    local rc=$1 pattern=$2 got=0
    shift 2
    "$@" >/dev/null 2>"$work/err.log" || got=$?
    [ "$got" = "$rc" ] || fail "exit $got, expected $rc: $* ($(cat "$work/err.log"))"
    grep -q -- "$pattern" "$work/err.log" || fail "no '$pattern' in: $(cat "$work/err.log")"
}
expect 1 "give --weights FILE, or --checkpoint" "$cli" segment --weights "$work/bundle.safetensors" "${pair[@]}" \
    "${common[@]}" --out "$work/x" "$work/img.png"
expect 1 "--clip needs --checkpoint" "$cli" encode-text --clip "$fx/clip.pt" --classes cat --out "$work/x.npy"
expect 1 "give --weights FILE (a model bundle) or --checkpoint" "$cli" encode-text --classes cat --out "$work/x.npy"
expect 2 "cannot open" "$cli" encode-text --checkpoint "$work/absent.pth" --classes cat --out "$work/x.npy"
expect 2 "the vocabulary and the weights do not belong together" "$cli" encode-text "${pair[@]}" --classes cat \
    --out "$work/x.npy"
echo "pair weights: ok"
