#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Times the project's Python reference (tools/reference/cascade_clip_ref.py) on the inputs cascadeclip-bench
uses: the encoder per 512 window and end-to-end segmentation of a 500x375 image with 20 classes (preprocess +
slide inference). Random full-size weights (official ViT-B/16, T = 10), fp32, under torch.no_grad().

  python_reference_bench.py [--threads 2] [--repeats 3] [--warmup 1] [--tiny]

Prints one JSON object: median (and all) milliseconds per measurement. Run it with Debian's /usr/bin/python3.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "reference"))
from cascade_clip_ref import CascadeCLIP, Config, preprocess  # noqa: E402

SEED = 20240601
VOC_CLASSES = 20


def timed(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1e3)
    return {"median_ms": statistics.median(out), "runs_ms": out}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs before the timed ones")
    ap.add_argument("--tiny", action="store_true")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    c = Config.tiny() if args.tiny else Config()
    model = CascadeCLIP(c).eval()

    gen = torch.Generator().manual_seed(SEED)
    crop = torch.randn(1, 3, c.crop, c.crop, generator=gen)
    text = torch.randn(VOC_CLASSES, c.output_dim, generator=gen)
    text = text / text.norm(dim=-1, keepdim=True)
    seen = list(range(VOC_CLASSES * 3 // 4))
    bgr = np.random.default_rng(SEED).integers(0, 256, (375, 500, 3), dtype=np.uint8)

    def end_to_end():
        img = preprocess(bgr, c.short_side)
        return model.slide_inference(img, bgr.shape[:2], text, seen, True)

    with torch.no_grad():
        result = {
            "threads": torch.get_num_threads(),
            "torch": torch.__version__,
            "encoder_window": timed(lambda: model.backbone(crop), args.repeats, args.warmup),
            "end_to_end_500x375": timed(end_to_end, args.repeats, args.warmup),
        }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
