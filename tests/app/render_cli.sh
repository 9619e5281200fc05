#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `cascadeclip render` from a `segment --dump` of a tiny random model: every view, checked pixel by pixel against
# the dumped arrays, and the messages and exit codes of bad input.
#   render_cli.sh CLI PYTHON WORK_DIR
set -euo pipefail
cli=$1 python=$2 work=$3
tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tools" && pwd)
rm -rf "$work"
mkdir -p "$work"
"$python" "$tools/make_test_model.py" "$work/model" --seed 8 --classes 4 --image 90x70 >/dev/null
"$cli" segment --threads 1 --weights "$work/model/model.safetensors" --text-embeddings "$work/model/text.npy" \
    --class-names "$work/model/classes.txt" --seen 0,1 --threshold 0.55 --dump "$work/dump" "$work/model/image.png"
test -f "$work/dump/stage1_logits.npy" && test -f "$work/dump/classes.json"

for view in stage1 stage2 stage3 fused; do
    "$cli" render --dump "$work/dump" --view "$view" -o "$work/$view.png"
done
first=$(head -1 "$work/model/classes.txt")
"$cli" render --dump "$work/dump" --view "heatmap:$first" -o "$work/heat_prob.png"
"$cli" render --dump "$work/dump" --view "heatmap:$first:logit" --stage 2 -o "$work/heat_logit_s2.png"
"$cli" render --dump "$work/dump" --view "heatmap:1:logit" --range=-4,4 --output "$work/heat_logit_fused.png"

"$python" - "$work" <<'PY'
import json, os, sys
import cv2
import numpy as np
from PIL import Image
work = sys.argv[1]
d = os.path.join(work, "dump")
names = json.load(open(os.path.join(d, "classes.json")))
assert names == [l.strip() for l in open(os.path.join(work, "model", "classes.txt")) if l.strip()], names
label = np.load(os.path.join(d, "label.npy"))
probs = np.load(os.path.join(d, "probs.npy"))[0]
stages = [np.load(os.path.join(d, "stage%d_logits.npy" % s)) for s in (1, 2, 3)]
C, H, W = probs.shape
assert label.shape == (H, W) and all(s.shape == (C, H, W) for s in stages)
# The stage logits at image size sum to the fused logit: sigmoid(sum) minus the seen shift is probs.npy, up to
# the window averaging (probabilities are averaged where windows overlap, logits here).
seen = np.zeros(C); seen[[0, 1]] = 0.1
fused = 1 / (1 + np.exp(-sum(stages).astype(np.float64))) - seen[:, None, None]
assert np.abs(fused - probs).max() < 0.02, np.abs(fused - probs).max()

def palette_png(name):
    im = Image.open(os.path.join(work, name))
    assert im.mode == "P", (name, im.mode)
    return np.array(im), im.getpalette()

# Fused: palette indices are label.npy (255 = unlabeled), palette = VOC colours.
idx, pal = palette_png("fused.png")
expect = np.where(label < 0, 255, np.where(label > 254, 255, label)).astype(np.uint8)
assert (idx == expect).all(), "fused view differs from label.npy"
assert (idx == 255).any() and (idx != 255).any(), "threshold 0.55 should leave some pixels unlabeled"
assert pal[3:6] == [128, 0, 0], pal[:9]
# Stages: the argmax of each stage's own logits.
for s in (1, 2, 3):
    idx, _ = palette_png("stage%d.png" % s)
    assert (idx == stages[s - 1].argmax(0)).all(), "stage %d view differs from the argmax of its logits" % s
different = [(palette_png("stage%d.png" % s)[0] != palette_png("fused.png")[0]).mean() for s in (1, 2, 3)]
print("stage views differ from the fused one on %s of the pixels" % ", ".join("%.0f%%" % (100 * f) for f in different))

def heat(name, values, lo, hi):
    img = cv2.imread(os.path.join(work, name))
    assert img is not None, name
    # The picture sits at (12, top) below the title; find it as the region whose colours follow the values.
    lut = cv2.applyColorMap(np.arange(256, dtype=np.uint8)[None], cv2.COLORMAP_VIRIDIS)[0].astype(int)
    expect_idx = np.clip(np.rint((values - lo) / (hi - lo) * 255), 0, 255).astype(int)
    for top in range(0, 60):
        crop = img[top:top + H, 12:12 + W].astype(int)
        if crop.shape[:2] != (H, W):
            continue
        got = np.abs(crop[..., None, :] - lut[None, None]).sum(-1).argmin(-1)
        if (np.abs(got - expect_idx) <= 1).all():
            break
    else:
        raise AssertionError("%s: no heatmap matching the values" % name)
    # Monotone: a larger value never gets a darker colour-map entry.
    order = np.argsort(values.ravel(), kind="stable")
    assert (np.diff(got.ravel()[order]) >= -1).all(), name
    # A colour bar to the right of the map: its top row is the brightest entry, its bottom row the darkest.
    bar_col = 12 + W + 12 + 11
    column = img[top:top + max(H, 140), bar_col].astype(int)
    top_idx = np.abs(column[1][None] - lut).sum(-1).argmin()
    bottom_idx = np.abs(column[-2][None] - lut).sum(-1).argmin()
    assert top_idx > 245 and bottom_idx < 10, (name, top_idx, bottom_idx)
    return got

heat("heat_prob.png", probs[0], 0.0, 1.0)
s2 = stages[1][0]
heat("heat_logit_s2.png", s2, float(s2.min()), float(s2.max()))
heat("heat_logit_fused.png", sum(stages)[1], -4.0, 4.0)
print("render: 4 label views and 3 heatmaps match the dump")
PY

# Bad input: a clear message and the exit code (1 usage, 2 input).
expect() { # RC PATTERN ARGS...
    local rc=$1 pattern=$2
    shift 2
    set +e
    "$cli" render "$@" >"$work/out.txt" 2>"$work/err.txt"
    local got=$?
    set -e
    if [ "$got" != "$rc" ] || ! grep -q -- "$pattern" "$work/err.txt"; then
        echo "render $*: expected exit $rc and '$pattern', got $got:" >&2
        cat "$work/err.txt" >&2
        exit 1
    fi
}
expect 2 "absent: no such dump folder" --dump "$work/absent" --view fused -o "$work/x.png"
expect 2 "no class 'zebra' (the dump has: $first" --dump "$work/dump" --view heatmap:zebra -o "$work/x.png"
expect 1 "unknown view 'stage4'" --dump "$work/dump" --view stage4 -o "$work/x.png"
expect 1 "missing required option --output" --dump "$work/dump" --view fused
expect 1 "stage expects 1, 2, 3 or fused" --dump "$work/dump" --view heatmap:0 --stage 5 -o "$work/x.png"
expect 1 "range expects LO,HI" --dump "$work/dump" --view heatmap:0 --range 3,1 -o "$work/x.png"
rm "$work/dump/stage2_logits.npy"
expect 2 "stage2_logits.npy: missing" --dump "$work/dump" --view stage2 -o "$work/x.png"
test ! -e "$work/x.png"
echo "bad input gives the expected messages and exit codes"
