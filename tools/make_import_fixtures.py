#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes random weights in the formats users actually have, plus what `cascadeclip import` must make of them,
for the C++ import tests (tests/core/test_import.cpp).

  make_import_fixtures.py OUT_DIR [--size tiny|full] [--seed S] [--if-stale]

--if-stale does nothing when OUT_DIR/cases.json is newer than this script (the tests call it that way).

OUT_DIR receives
  clip.pt                   TorchScript archive with OpenAI's CLIP module tree and names (torch.jit.trace, then
                            OpenAI's convert_weights: conv/linear/attention weights and the projections float16)
  ckpt_<name>.pth           mmcv checkpoints {'meta', 'state_dict', 'optimizer'} (torch.save, zip format) with a
                            realistic meta (config text, CLASSES, PALETTE, numpy scalars, an instance of a custom
                            class) and an AdamW-like optimizer state
  expected_<name>.safetensors  the bundle tensors the import must produce (float32, official keys)
  expected_<name>.json      classes, seen, inductive, template set, NGA weights the bundle must record
  bad_*.pth                 malformed files (tiny only): see BAD_FILES below
  cases.json                the list of <name>s
tiny: 64-wide heads like CLIP's (so the architecture follows from the shapes), 12 blocks, small widths.
full: the real ViT-B/16 sizes, one VOC inductive checkpoint (T=10), for timing.
"""
import argparse
import json
import os
import struct
import sys
import zipfile
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference"))
import safetensors_io  # noqa: E402
from cascade_clip_ref import CascadeCLIP, Config, LayerNorm, Transformer  # noqa: E402


class TrainingNote:
    """A class only this script knows: its instance in meta proves the C++ unpickler keeps unknown classes opaque."""

    def __init__(self):
        self.author = "fixture"
        self.values = [1, 2.5, "three"]


# ---- OpenAI's CLIP module tree (clip/model.py names), ViT only --------------------------------------------------

class VisionTransformer(nn.Module):
    def __init__(self, input_resolution, patch_size, width, layers, heads, output_dim):
        super().__init__()
        self.input_resolution = input_resolution
        self.output_dim = output_dim
        self.conv1 = nn.Conv2d(3, width, patch_size, patch_size, bias=False)
        scale = width ** -0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn((input_resolution // patch_size) ** 2 + 1, width))
        self.ln_pre = LayerNorm(width)
        self.transformer = Transformer(width, layers, heads)
        self.ln_post = LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))


class CLIP(nn.Module):
    def __init__(self, c, clip_resolution):
        super().__init__()
        mask = torch.empty(c.context_length, c.context_length).fill_(float("-inf")).triu_(1)
        self.visual = VisionTransformer(clip_resolution, c.patch_size, c.width, c.layers, c.heads, c.output_dim)
        self.transformer = Transformer(c.text_width, c.text_layers, c.text_heads, mask)
        self.token_embedding = nn.Embedding(c.vocab_size, c.text_width)
        self.positional_embedding = nn.Parameter(torch.empty(c.context_length, c.text_width).normal_(std=0.01))
        self.ln_final = LayerNorm(c.text_width)
        self.text_projection = nn.Parameter(torch.randn(c.text_width, c.output_dim) * c.text_width ** -0.5)
        self.logit_scale = nn.Parameter(torch.ones([]) * np.log(1 / 0.07))

    def forward(self, x):
        # Tracing only has to keep the module tree; the weights stay attributes of the traced modules.
        return x * self.logit_scale.exp()


def convert_weights(model):
    """OpenAI's clip/model.py convert_weights: what ViT-B-16.pt stores as float16."""
    def to_fp16(m):
        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Linear)):
            m.weight.data = m.weight.data.half()
            if m.bias is not None:
                m.bias.data = m.bias.data.half()
        if isinstance(m, nn.MultiheadAttention):
            for attr in ["in_proj_weight", "q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias",
                         "bias_k", "bias_v"]:
                t = getattr(m, attr)
                if t is not None:
                    t.data = t.data.half()
        for name in ["text_projection", "proj"]:
            if hasattr(m, name):
                a = getattr(m, name)
                if a is not None:
                    a.data = a.data.half()
    model.apply(to_fp16)


def randomize(module, gen):
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.dim() <= 1 and ("ln" in name or "norm" in name) and name.endswith("weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=gen))
            else:
                p.copy_(0.05 * torch.randn(p.shape, generator=gen))


def save_clip(path, c, clip_resolution, gen):
    clip = CLIP(c, clip_resolution)
    randomize(clip, gen)
    convert_weights(clip)
    for name, value in [("input_resolution", clip_resolution), ("context_length", c.context_length),
                        ("vocab_size", c.vocab_size)]:
        clip.register_buffer(name, torch.tensor(value))  # the JIT archive carries them as tensors
    traced = torch.jit.trace(clip, torch.ones(2))
    traced.save(path)
    sd = traced.state_dict()
    assert sd["visual.conv1.weight"].dtype == torch.float16 and sd["ln_final.weight"].dtype == torch.float32
    return {k: v.detach().clone() for k, v in sd.items()}


def clip_to_bundle(sd, grid):
    """The official remapping (spec 2.4, 7.3): float32, visual.* -> backbone.* with the resize, text -> text_encoder.*."""
    out = {}
    for k, v in sd.items():
        v = v.float()
        if k in ("input_resolution", "context_length", "vocab_size", "logit_scale"):
            continue
        if k.startswith("visual."):
            if k == "visual.positional_embedding":
                side = int(round((v.shape[0] - 1) ** 0.5))
                cls, sp = v[:1], v[1:].reshape(1, side, side, v.shape[1]).permute(0, 3, 1, 2)
                sp = F.interpolate(sp, size=(grid, grid), mode="bilinear")
                v = torch.cat([cls, sp.reshape(v.shape[1], grid * grid).permute(1, 0)], 0)
            out["backbone." + k[7:]] = v.contiguous()
        else:
            out["text_encoder." + k] = v.contiguous()
    return out


# ---- mmcv checkpoints ---------------------------------------------------------------------------------------------

def config_text(dataset, base, novel, self_training, npy, style):
    both = sorted(base + novel)
    if style == "none":
        return None
    lines = ["norm_cfg = dict(type='SyncBN', requires_grad=True)", "img_size = 512", "in_channels = 512",
             "out_indices = [5, 6, 7, 8, 9, 10]"]
    if style == "novel-only":  # only the unseen list, written with line breaks as pretty_text does
        lines.append("novel_class = [\n    " + ",\n    ".join(map(str, novel)) + "\n]")
    else:
        lines.append("base_class = %s" % base)
        lines.append("novel_class = %s" % novel)
    lines.append("both_class = %s" % both)
    lines.append("num_classes = %d" % len(base))
    lines.append("pretrained = 'Path/to/pretrained/ViT-B-16.pt'")
    model = ["model = dict(", "    type='CascadeCLIP',", "    pretrained='Path/to/pretrained/ViT-B-16.pt',",
             "    context_length=77,", "    text_encoder=dict(type='CLIPTextEncoder', context_length=77, embed_dim=512),",
             "    decode_head=dict(type='ATMSingleHeadSeg', img_size=512, in_channels=512, seen_idx=%s," % base,
             "        all_idx=%s, channels=768, num_classes=150, use_stages=6)," % both,
             "    test_cfg=dict(mode='slide', crop_size=(512, 512), stride=(426, 426)),"]
    if style != "novel-only":
        model.append("    base_class=%s," % base)
        model.append("    novel_class=%s," % novel)
    model.append("    both_class=%s," % both)
    model.append("    self_training=%s," % self_training)
    if npy:
        model.append("    load_text_embedding='configs/_base_/datasets/text_embedding/%s')" % npy)
    else:
        model[-1] = model[-1].rstrip(",") + ")"
    lines += model
    lines.append("dataset_type = '%s'" % dataset)
    lines.append("optimizer = dict(type='AdamW', lr=2e-05, weight_decay=0.01)")
    return "\n".join(lines) + "\n"


UNSEEN = {20: [15, 16, 17, 18, 19], 59: [0, 2, 3, 7, 9, 13, 17, 19, 31, 37],
          171: [19, 23, 28, 29, 36, 51, 76, 88, 94, 112, 133, 136, 137, 157, 160]}

# name, T, classes, self_training, npy, config style, checkpoint lacks the text encoder
TINY_CASES = [
    ("voc_ind", 10, 20, False, "voc12_single.npy", "full", True),
    ("voc_st", 10, 20, True, "voc12_single.npy", "full", False),
    ("context_st", 35, 59, True, "context-59_multi.npy", "novel-only", False),
    ("coco_ind", 50, 171, False, None, "none", False),
]
FULL_CASES = [("voc_ind", 10, 20, False, "voc12_single.npy", "full", False)]


def save_checkpoint(out, name, c, clip_bundle, T, ncls, self_training, npy, style, strip_text, gen):
    cfg = Config(**{**c.__dict__, "num_tokens": T})
    unseen = UNSEEN[ncls]
    base = [i for i in range(ncls) if i not in unseen]
    model = CascadeCLIP(cfg)
    n_loss = ncls if self_training and ncls == 20 else len(base)
    ew = torch.ones(n_loss + 1)
    ew[-1] = 0.1
    model.decode_head.loss_decode.criterion.empty_weight = ew
    randomize(model, gen)
    sd = model.state_dict()
    for k, v in clip_bundle.items():  # frozen CLIP tensors: the checkpoint holds CLIP's float32 values
        sd[k] = v.clone()
    if strip_text:
        # A checkpoint without the text encoder (CLIP fills it) whose ln_pre differs from CLIP (the checkpoint wins).
        for k in [k for k in sd if k.startswith("text_encoder.")]:
            del sd[k]
        sd["backbone.ln_pre.weight"] = sd["backbone.ln_pre.weight"] + 0.25
    names = ["%s_class%d" % (name.split("_")[0], i) for i in range(ncls)]
    meta = OrderedDict(
        mmseg_version="0.24.0+dadf40d",
        config=config_text("ZeroPascalVOCDataset20", base, unseen, self_training, npy, style),
        CLASSES=tuple(names),
        PALETTE=[[int(x) for x in np.random.default_rng(i).integers(0, 255, 3)] for i in range(ncls)],
        iter=20000, epoch=1, mmcv_version="1.5.0", time="Thu Nov 24 10:11:12 2022",
        seed=np.int64(1234567), best_score=np.float32(0.875), hook_msgs=dict(last_ckpt="work_dirs/iter_20000.pth"),
        note=TrainingNote())
    if meta["config"] is None:
        del meta["config"]
    state_dict = OrderedDict((k, v) for k, v in sd.items())
    state_dict._metadata = OrderedDict()  # like module.state_dict()
    params = [k for k in sd if k.startswith("decode_head.q_projs")]
    optimizer = {"state": {i: {"step": torch.tensor(20000.0), "exp_avg": torch.randn(sd[k].shape, generator=gen),
                               "exp_avg_sq": torch.rand(sd[k].shape, generator=gen)} for i, k in enumerate(params)},
                 "param_groups": [{"lr": 2e-5, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.01,
                                   "amsgrad": False, "maximize": False, "params": list(range(len(params)))}]}
    torch.save({"meta": meta, "state_dict": state_dict, "optimizer": optimizer},
               os.path.join(out, "ckpt_%s.pth" % name))

    expected = {k: v.float().contiguous() for k, v in sd.items() if not k.endswith("empty_weight")}
    for k, v in clip_bundle.items():
        expected.setdefault(k, v)
    safetensors_io.write(os.path.join(out, "expected_%s.safetensors" % name), expected)
    template = "multi" if (npy and "multi" in npy) or (not npy and ncls in (59, 171)) else "single"
    facts = {"classes": names, "seen": base, "inductive": not self_training, "template_set": template,
             "nga": [sd["decode_head.weights_s1"].tolist(), sd["decode_head.weights_s2"].tolist()],
             "prompt_tokens": T, "text_from_clip": strip_text}
    with open(os.path.join(out, "expected_%s.json" % name), "w") as f:
        json.dump(facts, f)
    return sd


def write_plain_pickles(out):
    """Plain values in protocols 2 and 4, for the unpickler's own test (the C++ side checks each value)."""
    import pickle
    shared = [7, 8]
    obj = OrderedDict([("int", -5), ("big", 2 ** 40), ("neg", -(2 ** 40)), ("u16", 40000), ("f", 1.5),
                       ("s", "h\u00e9llo"), ("b", b"\x00\xffab"), ("t", (1, 2, 3)), ("l", [None, True, False]),
                       ("od", OrderedDict(a=1)), ("set", {3}), ("a", shared), ("again", shared),
                       ("note", TrainingNote()), ("np", np.float64(0.25)), ("huge", 2 ** 80)])
    for proto in (2, 4):
        with open(os.path.join(out, "plain_p%d.pkl" % proto), "wb") as f:
            pickle.dump(obj, f, protocol=proto)


def write_bad_state_dicts(out, sd):
    """Checkpoints whose tensors do not fit the model: wrong shape, missing key, unknown key."""
    wrong = OrderedDict(sd)
    wrong["decode_head.q_projs.1.weight"] = torch.zeros(64, 100)
    missing = OrderedDict((k, v) for k, v in sd.items() if k != "backbone.proj_layers")
    unknown = OrderedDict(sd)
    unknown["decode_head.extra_head.weight"] = torch.zeros(3, 3)
    for name, d in [("wrong_shape", wrong), ("missing_key", missing), ("unknown_key", unknown)]:
        torch.save({"meta": {"CLASSES": ("a", "b")}, "state_dict": d}, os.path.join(out, "bad_%s.pth" % name))


def write_bad_files(out, good_ckpt):
    """Malformed inputs, each of which must give its own clear error."""
    def zip_with(path, entries):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
            for n, data in entries:
                z.writestr(n, data)

    with open(good_ckpt, "rb") as f:
        good = f.read()
    with open(os.path.join(out, "bad_truncated.pth"), "wb") as f:
        f.write(good[: len(good) * 2 // 3])
    open(os.path.join(out, "bad_empty.pth"), "wb").close()
    with open(os.path.join(out, "bad_not_zip.pth"), "wb") as f:
        f.write(b"GIF89a this is no checkpoint" * 10)
    # A pickle declaring a 4 GB string in a 20-byte file.
    zip_with(os.path.join(out, "bad_huge_string.pth"), [("archive/data.pkl", b"\x80\x02X\xf0\xff\xff\xffabc.")])
    # A tensor whose storage claims 2^40 elements but has 16 bytes.
    def tensor_pickle(numel, size):
        return (b"\x80\x02}q\x00X\x01\x00\x00\x00w" + b"ctorch._utils\n_rebuild_tensor_v2\nq\x01(("
                + b"X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpu"
                + b"\x8a\x08" + struct.pack("<q", numel) + b"tQK\x00K" + bytes([size]) + b"\x85K\x01\x85\x89)tRs.")

    pkl = tensor_pickle(1 << 40, 4)
    zip_with(os.path.join(out, "bad_huge_storage.pth"),
             [("archive/data.pkl", pkl), ("archive/data/0", b"\x00" * 16)])
    # A view past the end of its storage (4 elements, size 10).
    zip_with(os.path.join(out, "bad_view.pth"),
             [("archive/data.pkl", tensor_pickle(4, 10)), ("archive/version", b"3\n"),
              ("archive/data/0", b"\x00" * 16)])
    # The legacy (pre-1.6) format.
    torch.save({"state_dict": {"w": torch.ones(2)}}, os.path.join(out, "bad_legacy.pth"),
               _use_new_zipfile_serialization=False)
    # meta['CLASSES'] is an instance of an unknown class instead of names.
    torch.save({"meta": {"CLASSES": TrainingNote()}, "state_dict": OrderedDict(w=torch.ones(2))},
               os.path.join(out, "bad_classes.pth"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--size", choices=["tiny", "full"], default="tiny")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--if-stale", action="store_true")
    a = ap.parse_args()
    stamp = os.path.join(a.out, "cases.json")
    if a.if_stale and os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(os.path.abspath(__file__)):
        return
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    if a.size == "tiny":
        # CLIP's 64-wide heads (the importer derives the head counts from the widths), small everything else;
        # CLIP at 48 px (3 x 3 grid), the checkpoint at 64 px (4 x 4): the import must resize.
        c = Config(input_resolution=64, patch_size=16, width=64, heads=1, output_dim=64, embed_dims=64, dec_heads=1,
                   ffn_dim=64, text_width=64, text_heads=1, vocab_size=100, context_length=16, crop=64, stride=53,
                   short_side=64)
        clip_resolution = 48
        cases = TINY_CASES
    else:
        c = Config()
        clip_resolution = 224
        cases = FULL_CASES
    grid = c.input_resolution // c.patch_size
    clip_sd = save_clip(os.path.join(a.out, "clip.pt"), c, clip_resolution, gen)
    clip_bundle = clip_to_bundle(clip_sd, grid)
    safetensors_io.write(os.path.join(a.out, "expected_clip.safetensors"), clip_bundle)
    for name, T, ncls, st, npy, style, strip in cases:
        sd = save_checkpoint(a.out, name, c, clip_bundle, T, ncls, st, npy, style, strip, gen)
    if a.size == "tiny":
        write_bad_state_dicts(a.out, sd)
        write_bad_files(a.out, os.path.join(a.out, "ckpt_voc_st.pth"))
        write_plain_pickles(a.out)
    with open(os.path.join(a.out, "cases.json"), "w") as f:
        json.dump([case[0] for case in cases], f)


if __name__ == "__main__":
    main()
