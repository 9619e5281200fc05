#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Text-side parity: `cascadeclip encode-text` against the Python reference text encoder and tokenizer.
#   text_parity.sh CLI PYTHON WORK_DIR VOCAB SIZE(tiny|full)
set -euo pipefail
cli=$1 python=$2 work=$3 vocab=$4 size=$5
tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tools" && pwd)
if [ ! -f "$vocab" ]; then
    echo "SKIP: vocabulary $vocab not found"
    exit 77
fi
rm -rf "$work"
"$python" "$tools/make_test_model.py" "$work" --size "$size" --seed 11 --image 64x64 --classes 2
classes="aeroplane,diningtable,potted plant,Café Crème,don't panic,猫,🐶 dog,a very long class name with many words that keeps going and going well past the seventy seven token limit of the clip context window for sure yes"
for template in single multi; do
    "$python" "$tools/make_text_reference.py" "$work/model.safetensors" "$vocab" "$work/ref_$template.npy" \
        --classes "$classes" --template "$template"
    "$cli" encode-text --threads 2 --weights "$work/model.safetensors" --vocab "$vocab" --classes "$classes" \
        --template "$template" --out "$work/cpp_$template.npy"
    "$python" - "$work/ref_$template.npy" "$work/cpp_$template.npy" <<'PY'
import sys
import numpy as np
r, c = np.load(sys.argv[1]), np.load(sys.argv[2])
assert r.shape == c.shape, (r.shape, c.shape)
d = float(np.abs(r.astype(np.float64) - c).max())
print("%s: %s max abs diff %.3g" % (sys.argv[2], r.shape, d))
assert np.allclose(np.linalg.norm(c, axis=1), 1, atol=1e-5), "rows are not unit vectors"
sys.exit(0 if d <= 1e-5 else 1)
PY
done
