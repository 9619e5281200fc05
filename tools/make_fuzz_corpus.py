#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpora of the fuzz targets into tests/fuzz/<target>/: small valid examples of each file
format (a few hundred bytes to a few KB each), so that the fuzzers start from the structure instead of from
nothing. Deterministic; run it again after a format changes.

    /usr/bin/python3 tools/make_fuzz_corpus.py [OUT_DIR]     (default: tests/fuzz next to this script)
"""
import collections
import io
import json
import os
import struct
import sys
import zipfile

import numpy as np
from PIL import Image

try:
    import torch
except ImportError:  # torch is only needed for the archive seeds
    torch = None

here = os.path.dirname(os.path.abspath(__file__))
out_root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "tests", "fuzz")


def put(target, name, data):
    folder = os.path.join(out_root, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def png_bytes(image, **params):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **params)
    return buffer.getvalue()


def safetensors(tensors, metadata):
    header = {}
    blobs = b""
    for name, (dtype, shape, raw) in sorted(tensors.items()):
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(blobs), len(blobs) + len(raw)]}
        blobs += raw
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + blobs


# --- safetensors / bundle header -------------------------------------------------------------------------
options = {
    "vision": {"input_resolution": 32, "patch_size": 16, "width": 64, "layers": 12, "heads": 1, "output_dim": 32,
               "prompt_tokens": 2, "prompt_dim": 64, "out_indices": [4, 5, 6, 7, 8, 9, 10, 11]},
    "head": {"embed_dims": 32, "num_layers": 3, "num_heads": 1, "feedforward_dim": 64},
    "text": {"context_length": 77, "vocab_size": 49408, "width": 32, "heads": 1, "layers": 1, "embed_dim": 32},
    "crop_size": 32, "stride": 26, "short_side": 32,
}
bundle_meta = {
    "cascadeclip.format_version": "1",
    "cascadeclip.options": json.dumps(options),
    "cascadeclip.classes": json.dumps(["cat", "dog", "sky"]),
    "cascadeclip.seen": json.dumps([0, 1]),
    "cascadeclip.inductive": "true",
    "cascadeclip.template_set": "single",
    "cascadeclip.nga": json.dumps([[0.3, 0.3, 0.4], [0.2, 0.3, 0.5]]),
    "cascadeclip.sources": json.dumps([{"role": "checkpoint", "name": "a.pth", "sha256": "00" * 32}]),
    "cascadeclip.vocab": "#version: 0.2\na b\n",
}
put("fuzz_safetensors", "bundle.safetensors", safetensors(
    {"backbone.class_embedding": ("F32", [4], np.arange(4, dtype="<f4").tobytes()),
     "backbone.positional_embedding": ("F32", [5, 2], np.zeros(10, dtype="<f4").tobytes())}, bundle_meta))
put("fuzz_safetensors", "dtypes.safetensors", safetensors(
    {"a": ("F16", [2, 2], np.ones(4, dtype="<f2").tobytes()), "b": ("I64", [1], struct.pack("<q", 7)),
     "c": ("BF16", [0], b""), "d": ("U8", [3], b"abc"), "e": ("BOOL", [], b"\x01")}, {"note": "x"}))
put("fuzz_safetensors", "empty.safetensors", safetensors({}, {}))

# --- mmcv config text, pickles, torch archives -----------------------------------------------------------
config = "base_class = [0, 1, 2]\nnovel_class = [3]\nself_training = False\nload_text_embedding = 'voc.npy'\n"
put("fuzz_pickle", "config.txt", config)
import pickle  # noqa: E402  (the standard library's, for protocol-2 seeds that need no torch)
put("fuzz_pickle", "plain.pkl", pickle.dumps(
    collections.OrderedDict([("meta", {"CLASSES": ("cat", "dog"), "epoch": 3, "lr": 0.5, "ok": True, "none": None}),
                             ("blob", b"\x00\x01"), ("nested", [1, (2, 3), {"k": {1, 2}}])]), protocol=2))
put("fuzz_pickle", "proto4.pkl", pickle.dumps({"x": list(range(20)), "s": "t" * 40}, protocol=4))

if torch is not None:
    torch.manual_seed(0)
    checkpoint = {
        "meta": {"CLASSES": ("cat", "dog"), "config": config},
        "state_dict": collections.OrderedDict([("backbone.w", torch.randn(2, 3)), ("decode_head.b", torch.zeros(2))]),
        "optimizer": {"state": {}, "param_groups": [{"lr": 0.1}]},
    }
    buffer = io.BytesIO()
    torch.save(checkpoint, buffer)
    put("fuzz_torch_archive", "mmcv.pth", buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        pkl = next(n for n in z.namelist() if n.endswith("data.pkl"))
        put("fuzz_pickle", "torch_data.pkl", z.read(pkl))
    buffer = io.BytesIO()
    torch.save(collections.OrderedDict([("visual.conv1.weight", torch.randn(2, 1, 1, 1)),
                                        ("visual.positional_embedding", torch.randn(5, 2).half()),
                                        ("transformer.resblocks.0.ln_1.weight", torch.ones(2))]), buffer)
    put("fuzz_torch_archive", "clip_state_dict.pt", buffer.getvalue())

    class Tiny(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.visual = torch.nn.Linear(2, 2)
            self.positional_embedding = torch.nn.Parameter(torch.zeros(3, 2))

        def forward(self, x):
            return self.visual(x)

    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(Tiny()), buffer)
    put("fuzz_torch_archive", "torchscript.pt", buffer.getvalue())

# --- COCO and labelme JSON -------------------------------------------------------------------------------
coco = {
    "info": {"description": "seed"},
    "images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 3}, {"id": 2, "file_name": "b.jpg",
                                                                         "width": 2, "height": 2}],
    "categories": [{"id": 1, "name": "cat", "supercategory": "class"}, {"id": 5, "name": "dog"}],
    "annotations": [
        {"id": 1, "image_id": 1, "category_id": 1, "iscrowd": 0, "segmentation": {"size": [3, 4], "counts": "12P2"}},
        {"id": 2, "image_id": 1, "category_id": 5, "iscrowd": True, "segmentation": {"size": [3, 4],
                                                                                     "counts": [2, 3, 7]}},
        {"id": 3, "image_id": 2, "category_id": 5, "iscrowd": 0, "segmentation": [[0, 0, 2, 0, 2, 2, 0, 2]]},
    ],
}
put("fuzz_coco", "mixed.json", json.dumps(coco))
for name in ("coco_shard_a.json", "coco_shard_b.json"):
    with open(os.path.join(here, "..", "tests", "fixtures", name), "rb") as f:
        put("fuzz_coco", name, f.read())

patch = np.zeros((2, 3), dtype=np.uint8)
patch[0, 1] = 1
import base64  # noqa: E402
labelme = {
    "version": "5.5.0", "flags": {}, "imagePath": "a.jpg", "imageData": None, "imageHeight": 6, "imageWidth": 8,
    "shapes": [
        {"label": "cat", "shape_type": "polygon", "points": [[0, 0], [4, 0], [4, 3]], "group_id": None, "flags": {}},
        {"label": "dog", "shape_type": "rectangle", "points": [[1, 1], [3, 4]]},
        {"label": "bird", "shape_type": "circle", "points": [[5, 3], [6, 4]]},
        {"label": "cat", "shape_type": "mask", "points": [[2, 2], [4, 3]],
         "mask": base64.b64encode(png_bytes(Image.fromarray(patch, "L"))).decode()},
        {"label": "dog", "shape_type": "point", "points": [[1, 1]]},
        {"label": "dog", "shape_type": "linestrip", "points": [[1, 1], [2, 2]]},
    ],
}
put("fuzz_labelme", "shapes.json", b"\x01" + json.dumps(labelme).encode())
put("fuzz_labelme", "strict.json", b"\x00" + json.dumps(labelme).encode())
with open(os.path.join(here, "..", "tests", "fixtures", "labelme_sample.json"), "rb") as f:
    put("fuzz_labelme", "sample.json", b"\x01" + f.read())

# --- index PNGs ------------------------------------------------------------------------------------------
indices = np.array([[0, 1, 2, 255], [1, 1, 0, 2]], dtype=np.uint8)
palette_image = Image.fromarray(indices, "P")
palette_image.putpalette([0, 0, 0, 128, 0, 0, 0, 128, 0] + [0] * (3 * 252) + [224, 224, 192])
put("fuzz_mask_png", "palette.png", b"\x00" + png_bytes(palette_image))
put("fuzz_mask_png", "palette_count.png", b"\x07" + png_bytes(palette_image))
put("fuzz_mask_png", "grey16.png", b"\x00" + png_bytes(Image.fromarray(
    np.array([[0, 300], [65535, 7]], dtype=np.uint16))))
put("fuzz_mask_png", "grey8.png", b"\x00" + png_bytes(Image.fromarray(indices, "L")))

# --- tokenizer -------------------------------------------------------------------------------------------
put("fuzz_tokenizer", "ascii.txt", b"\x01a photo of a cat, dogs & sky-scrapers 123!")
put("fuzz_tokenizer", "unicode.txt", "\x02Café 東京 🐈‍⬛ שָׁלוֹם مرحبا  \u200b ﬁ".encode())
put("fuzz_tokenizer", "vocab.txt", b"\x00#version: 0.2\nt h\nth e\n")

# --- the GUI's project and annotation files ---------------------------------------------------------------
project = {
    "format": "cascadeclip-project", "version": 1, "nextClassId": 3, "model": "m.safetensors",
    "classes": [{"id": 0, "name": "cat", "color": "#ff0000", "seen": True}, {"id": 2, "name": "דג", "color": "bad"}],
    "done": ["a.jpg"], "view": {"currentImage": "a.jpg", "zoom": 2.5, "centerX": 3, "centerY": 4,
                                "overlayOpacity": 45, "showMask": True, "contourOnly": False, "threshold": 0.2},
}
put("fuzz_project", "project.json", json.dumps(project, ensure_ascii=False))

# The annotation target reads a sidecar (FuzzedDataProvider string: a backslash ends it) and then one layer PNG.
layer = png_bytes(Image.fromarray(np.full((7, 5), 1, dtype=np.uint16)))
sidecar = {
    "format": "cascadeclip-annotation", "version": 1, "image": "image.png", "width": 5, "height": 7,
    "threshold": 0.5, "unlabeled": 65535, "noEdit": 65534, "classes": [{"id": 1, "name": "cat"}],
    "layers": {"labels": "layer.png", "model": "layer.png", "confidence": "layer.png", "edits": "layer.png"},
}
text = json.dumps(sidecar).replace("\\", "\\\\").encode()
put("fuzz_annotation_document", "layers.bin", text + b"\\n" + layer)
sidecar["layers"] = {"edits": "image.png.edits.png"}
put("fuzz_annotation_document", "edits_only.bin", json.dumps(sidecar).encode() + b"\\n" + layer)

# --- images (the header checks in front of OpenCV) --------------------------------------------------------
rgb = np.zeros((6, 9, 3), dtype=np.uint8)
rgb[2:4, 3:7] = (200, 30, 60)
for fmt, name in (("PNG", "rgb.png"), ("JPEG", "rgb.jpg"), ("BMP", "rgb.bmp"), ("GIF", "rgb.gif")):
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format=fmt)
    put("fuzz_image", name, buffer.getvalue())
put("fuzz_image", "grey16.png", png_bytes(Image.fromarray(np.arange(12, dtype=np.uint16).reshape(3, 4) * 5000)))
put("fuzz_image", "rgba.png", png_bytes(Image.fromarray(np.zeros((2, 3, 4), dtype=np.uint8), "RGBA")))
buffer = io.BytesIO()
Image.fromarray(rgb).convert("CMYK").save(buffer, format="JPEG")
put("fuzz_image", "cmyk.jpg", buffer.getvalue())
