#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Compares a `cascadeclip segment --dump` folder with the reference outputs of tools/make_test_model.py.

  compare_dumps.py REF_DIR CPP_DIR [--atol A] [--rtol R] [--label-agreement F]

Every reference .npy must exist on the C++ side with the same shape and agree within atol + rtol*|ref|;
labels must agree on at least the given fraction of pixels (ties and near-ties may flip). windows.json must
be identical. Prints the maximum absolute difference per file; exits 1 on any failure.
"""
import argparse
import glob
import json
import os
import sys

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ref")
    ap.add_argument("cpp")
    ap.add_argument("--atol", type=float, default=1e-5)
    ap.add_argument("--rtol", type=float, default=1e-5)
    ap.add_argument("--label-agreement", type=float, default=0.999)
    a = ap.parse_args()
    failures = []
    files = sorted(glob.glob(os.path.join(a.ref, "*.npy")))
    if not files:
        print("no reference files in", a.ref)
        return 1
    worst = {}
    for path in files:
        name = os.path.basename(path)
        other = os.path.join(a.cpp, name)
        if not os.path.exists(other):
            failures.append("%s: missing on the C++ side" % name)
            continue
        r, c = np.load(path), np.load(other)
        if r.shape != c.shape:
            failures.append("%s: shape %s vs reference %s" % (name, c.shape, r.shape))
            continue
        if name == "label.npy":
            agree = float((r == c).mean())
            print("%-16s agreement %.6f" % (name, agree))
            if agree < a.label_agreement:
                failures.append("%s: only %.4f of the labels agree" % (name, agree))
            continue
        r64, c64 = r.astype(np.float64), c.astype(np.float64)
        diff = np.abs(r64 - c64)
        bad = diff > a.atol + a.rtol * np.abs(r64)
        kind = name.split("_")[-1] if name.startswith("w") else name
        worst[kind] = max(worst.get(kind, 0.0), float(diff.max()))
        if bad.any():
            failures.append("%s: %d values differ, max abs diff %.3g" % (name, int(bad.sum()), float(diff.max())))
    with open(os.path.join(a.ref, "windows.json")) as f:
        rw = json.load(f)
    try:
        with open(os.path.join(a.cpp, "windows.json")) as f:
            cw = json.load(f)
        if rw != cw:
            failures.append("windows.json differs: %s vs %s" % (cw, rw))
    except OSError:
        failures.append("windows.json missing on the C++ side")
    # Per-block contributions of stages 1 and 2 plus the key-bias share add up to the stage logits.
    contrib_checked = 0
    for m_path in sorted(glob.glob(os.path.join(a.cpp, "w*_M[12].npy"))):
        base = os.path.basename(m_path)
        k, s = base.split("_")[0], base[-5]
        parts = sorted(glob.glob(os.path.join(a.cpp, "%s_contrib_s%s_b[0-9].npy" % (k, s))))
        if not parts:
            continue
        total = sum(np.load(p).astype(np.float64) for p in parts)
        total = total + np.load(os.path.join(a.cpp, "%s_contrib_s%s_bias.npy" % (k, s))).astype(np.float64)
        m = np.load(m_path).astype(np.float64)
        d = float(np.abs(total - m).max())
        contrib_checked += 1
        worst["contrib sum"] = max(worst.get("contrib sum", 0.0), d)
        if len(parts) != 3 or d > a.atol + a.rtol * float(np.abs(m).max()):
            failures.append("%s: %d block contributions + bias differ from the stage logits by %.3g" % (base, len(parts), d))
    if not contrib_checked:
        failures.append("no per-block contribution maps (w*_contrib_s*_b[0-9].npy) on the C++ side")
    for kind in sorted(worst):
        print("%-16s max abs diff %.3g" % (kind, worst[kind]))
    for f in failures:
        print("FAIL", f)
    print("%d files compared, %d failures" % (len(files), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
