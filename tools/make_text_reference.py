#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Reference class embeddings with the Python text encoder (tools/reference/cascade_clip_ref.py) and tokenizer
(tools/reference/clip_tokenizer_ref.py), for the C++ text-side parity tests.

  make_text_reference.py WEIGHTS.safetensors VOCAB OUT.npy --classes "a,b,c" [--template single|multi]

Single: L2-normalised embedding of `a photo of a {}`. Multi: each of the 15 templates L2-normalised, averaged,
normalised again (the official embedding notebook).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "reference"))
import safetensors_io  # noqa: E402
from cascade_clip_ref import CLIPTextEncoder, Config  # noqa: E402
from clip_tokenizer_ref import TEMPLATES_MULTI, ClipTokenizerRef  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("weights")
    ap.add_argument("vocab")
    ap.add_argument("out")
    ap.add_argument("--classes", required=True)
    ap.add_argument("--template", choices=["single", "multi"], default="single")
    a = ap.parse_args()
    torch.set_num_threads(2)
    tensors, meta = safetensors_io.read(a.weights)
    cfg = Config()
    if "cascadeclip.options" in meta:
        t = json.loads(meta["cascadeclip.options"])["text"]
        cfg = Config(text_width=t["width"], text_heads=t["heads"], text_layers=t["layers"],
                     context_length=t["context_length"], vocab_size=t["vocab_size"], output_dim=t["embed_dim"])
    enc = CLIPTextEncoder(cfg).eval()
    prefix = "text_encoder."
    enc.load_state_dict({k[len(prefix):]: v.float() for k, v in tensors.items() if k.startswith(prefix)}, strict=True)
    tok = ClipTokenizerRef(a.vocab)
    templates = ["a photo of a {}"] if a.template == "single" else TEMPLATES_MULTI
    rows = []
    with torch.no_grad():
        for name in a.classes.split(","):
            ids = torch.zeros(len(templates), cfg.context_length, dtype=torch.long)
            for i, t in enumerate(templates):
                seq, _ = tok.tokenize(t.format(name), cfg.context_length)
                ids[i, :len(seq)] = torch.tensor(seq)
            f = enc(ids)
            f = f / f.norm(dim=-1, keepdim=True)
            if len(templates) == 1:
                rows.append(f[0])
            else:
                e = f.mean(0)
                rows.append(e / e.norm())
    np.save(a.out, torch.stack(rows).numpy().astype(np.float32))


if __name__ == "__main__":
    main()
