#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes a random Cascade-CLIP model in the official key layout, a test image, text embeddings and the
reference outputs of tools/reference/cascade_clip_ref.py, for the C++ parity tests.

  make_test_model.py OUT_DIR [--size tiny|full] [--prompt-tokens T] [--image WxH] [--classes C] [--seed S]
                     [--transductive] [--seen 0,1,...] [--nga "a,b,c;d,e,f"]

OUT_DIR receives: model.safetensors, image.png, text.npy (float16 [C,E], like the official files),
classes.txt, seen.txt, and ref/ with the same file names as `cascadeclip segment --dump`.
"""
import argparse
import json
import os
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference"))
import safetensors_io  # noqa: E402
from cascade_clip_ref import CascadeCLIP, Config, preprocess  # noqa: E402


def randomize(model, gen):
    """Every tensor random (LayerNorm affines too, so a swapped or skipped norm shows up in the outputs)."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("weights_s1") or name.endswith("weights_s2"):
                p.copy_(torch.exp(-0.5 * torch.tensor([2.0, 1.0, 0.0]) ** 2) + 0.2 * torch.rand(3, generator=gen))
            elif p.dim() == 1 and ("ln" in name or "norm" in name) and name.endswith("weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=gen))
            elif p.dim() == 1:
                p.copy_(0.05 * torch.randn(p.shape, generator=gen))
            else:
                fan_in = p.shape[-1] if p.dim() == 2 else int(np.prod(p.shape[1:]))
                if name.endswith("proj_layers") or name.endswith(".proj") or name.endswith("text_projection"):
                    fan_in = p.shape[-2]
                p.copy_(torch.randn(p.shape, generator=gen) / np.sqrt(max(fan_in, 1)))


def synthetic_image(w, h, seed):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3), np.float64)
    img[..., 0] = 128 + 100 * np.sin(xx / 7.0 + yy / 13.0)
    img[..., 1] = 255 * xx / max(w - 1, 1)
    img[..., 2] = 255 * yy / max(h - 1, 1)
    img += rng.normal(0, 20, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--size", choices=["tiny", "full"], default="tiny")
    ap.add_argument("--prompt-tokens", type=int)
    ap.add_argument("--image", default=None)
    ap.add_argument("--classes", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--transductive", action="store_true")
    ap.add_argument("--seen", default=None)
    ap.add_argument("--nga", default=None)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)

    cfg = Config.tiny() if a.size == "tiny" else Config()
    if a.prompt_tokens:
        cfg.num_tokens = a.prompt_tokens
    model = CascadeCLIP(cfg).eval()
    randomize(model, gen)
    os.makedirs(os.path.join(a.out, "ref"), exist_ok=True)

    sd = model.state_dict()
    meta = {"format": "pt"}
    if a.size == "tiny":  # a tiny model's heads are not CLIP's 64-wide ones: say the architecture
        meta["cascadeclip.options"] = json.dumps(cfg.to_options_json())
    safetensors_io.write(os.path.join(a.out, "model.safetensors"), sd, meta)

    w, h = (100, 75) if a.size == "tiny" else (500, 375)
    if a.image:
        w, h = map(int, a.image.split("x"))
    bgr = synthetic_image(w, h, a.seed)
    cv2.imwrite(os.path.join(a.out, "image.png"), bgr)

    text = torch.randn(a.classes, cfg.output_dim, generator=gen)
    text = (text / text.norm(dim=-1, keepdim=True)).half()
    np.save(os.path.join(a.out, "text.npy"), text.numpy())
    names = ["class%d" % i for i in range(a.classes)]
    with open(os.path.join(a.out, "classes.txt"), "w") as f:
        f.write("\n".join(names) + "\n")
    seen = list(range(a.classes * 3 // 4)) if a.seen is None else [int(s) for s in a.seen.split(",") if s]
    with open(os.path.join(a.out, "seen.txt"), "w") as f:
        f.write(",".join(map(str, seen)) + "\n")
    w1 = w2 = None
    if a.nga:
        s1, s2 = a.nga.replace("|", ";").split(";")  # "|" too: CMake lists eat ";"
        w1 = torch.tensor([float(v) for v in s1.split(",")])
        w2 = torch.tensor([float(v) for v in s2.split(",")])

    ref = os.path.join(a.out, "ref")
    with torch.no_grad():
        img = preprocess(bgr, cfg.short_side)
        np.save(os.path.join(ref, "input.npy"), img.numpy())
        record = []
        probs, windows = model.slide_inference(img, (h, w), text.float(), seen, not a.transductive, w1, w2, record)
    for k, out in enumerate(record):
        for i, f in enumerate(out["feats"]):
            np.save(os.path.join(ref, "w%d_feat%d.npy" % (k, i)), f.numpy())
        np.save(os.path.join(ref, "w%d_global.npy" % k), out["g"].numpy())
        for s, m in enumerate(out["ms"]):
            np.save(os.path.join(ref, "w%d_M%d.npy" % (k, s + 1)), m.numpy())
        np.save(os.path.join(ref, "w%d_Msum.npy" % k), out["msum"].numpy())
    np.save(os.path.join(ref, "probs.npy"), probs.numpy())
    label = torch.softmax(probs, dim=1).argmax(dim=1)[0].numpy().astype(np.int64)
    np.save(os.path.join(ref, "label.npy"), label)
    with open(os.path.join(ref, "windows.json"), "w") as f:
        json.dump(windows, f)
    # The NGA weights actually used, for the C++ side's --nga.
    used1 = (w1 if w1 is not None else model.decode_head.weights_s1).tolist()
    used2 = (w2 if w2 is not None else model.decode_head.weights_s2).tolist()
    with open(os.path.join(a.out, "nga.txt"), "w") as f:
        f.write(",".join("%.9g" % v for v in used1) + ";" + ",".join("%.9g" % v for v in used2) + "\n")


if __name__ == "__main__":
    main()
