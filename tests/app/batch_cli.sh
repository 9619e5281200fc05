#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `cascadeclip segment --out`: a folder run, a 3-way sharded run that must give the same outputs, merge-coco of
# the shards, and a run killed midway that resumes without redoing finished images.
#   batch_cli.sh CLI PYTHON WORK_DIR
set -euo pipefail
cli=$1 python=$2 work=$3
tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tools" && pwd)
rm -rf "$work"
mkdir -p "$work"
"$python" "$tools/make_test_model.py" "$work/model" --seed 21 --classes 4 >/dev/null
"$python" - "$work/images" <<'PY'
import os, sys
import cv2
import numpy as np
root = sys.argv[1]
os.makedirs(os.path.join(root, "sub"), exist_ok=True)
rng = np.random.default_rng(3)
for i, (w, h) in enumerate([(100, 75), (64, 64), (90, 160), (130, 70), (70, 70), (120, 80), (75, 100)]):
    img = rng.integers(0, 255, (h, w, 3), dtype=np.uint8)
    img = cv2.GaussianBlur(img, (0, 0), 3)
    folder = root if i % 3 else os.path.join(root, "sub")
    cv2.imwrite(os.path.join(folder, "img%d.%s" % (i, "png" if i % 2 else "jpg")), img)
open(os.path.join(root, "notes.txt"), "w").write("not an image\n")
PY
common=(--threads 1 --weights "$work/model/model.safetensors" --text-embeddings "$work/model/text.npy"
    --class-names "$work/model/classes.txt" --seen 0,1 --recursive --threshold 0.05)

"$cli" segment "${common[@]}" --out "$work/one" "$work/images" | tee "$work/one.log"
grep -q "segmented 7, skipped 0 (already done), failed 0 of 7" "$work/one.log"
test -f "$work/one/sub/img0.png" && test -f "$work/one/img1_color.png" && test -f "$work/one/coco.json"
test -f "$work/one/labelmap.txt" && test -f "$work/one/provenance.json"

for i in 0 1 2; do
    "$cli" segment "${common[@]}" --shard "$i/3" --out "$work/sharded" "$work/images" >/dev/null
done
"$cli" merge-coco -o "$work/sharded/merged.json" "$work/sharded"/coco.shard-*-of-3.json

# Killed midway: stop the run as soon as its first image is done, then resume.
"$cli" segment "${common[@]}" --out "$work/killed" "$work/images" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
    if [ -n "$(find "$work/killed" -name 'img*.png' ! -name '*_color.png' 2>/dev/null | head -1)" ]; then break; fi
    sleep 0.05
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
before=$(find "$work/killed" -name 'img*.png' ! -name '*_color.png' | wc -l)
"$cli" segment "${common[@]}" --out "$work/killed" "$work/images" | tee "$work/resume.log"
grep -Eq "skipped $before \(already done\), failed 0 of 7" "$work/resume.log"
echo "killed after $before finished image(s); the resumed run skipped them"

"$python" - "$work" <<'PY'
import json, os, sys
import numpy as np
from PIL import Image
work = sys.argv[1]
def masks(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            if f.startswith("img") and f.endswith(".png") and not f.endswith("_color.png"):
                im = Image.open(os.path.join(root, f))
                assert im.mode == "P", (f, im.mode)
                out[os.path.relpath(os.path.join(root, f), d)] = np.array(im)
    return out
one = masks(os.path.join(work, "one"))
assert len(one) == 7, sorted(one)
for other in ("sharded", "killed"):
    m = masks(os.path.join(work, other))
    assert sorted(m) == sorted(one), (other, sorted(m))
    for k in one:
        assert (m[k] == one[k]).all(), (other, k)
def annotations(path):
    d = json.load(open(path))
    names = {i["id"]: i["file_name"] for i in d["images"]}
    cats = {c["id"]: c["name"] for c in d["categories"]}
    return sorted((names[a["image_id"]], cats[a["category_id"]], a["segmentation"]["counts"], a["area"])
                  for a in d["annotations"])
a = annotations(os.path.join(work, "one", "coco.json"))
b = annotations(os.path.join(work, "sharded", "merged.json"))
c = annotations(os.path.join(work, "killed", "coco.json"))
assert a and a == b and a == c, "COCO annotations differ"
print("7 masks identical across the single, sharded and resumed runs; %d COCO annotations identical" % len(a))
PY
