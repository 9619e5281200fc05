# SPDX-License-Identifier: MIT
"""Reference Cascade-CLIP inference in PyTorch, written from docs/the project's model spec (the official code's
behaviour, quirks included), independent of the C++ implementation. It keeps the official module structure
(sequence-first nn.MultiheadAttention in CLIP blocks, nn.TransformerDecoderLayer subclasses in the head) so that
its state_dict keys are the official checkpoint keys.

Used by the parity tests (tools/make_test_model.py) and the benchmark. Runs on Debian's python3-torch.
"""
from collections import OrderedDict
import math

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Config:
    """Hyper-parameters; defaults are the official VOC config, tiny() mirrors ModelOptions::tiny()."""

    def __init__(self, **kw):
        self.input_resolution = 512
        self.patch_size = 16
        self.width = 768
        self.layers = 12
        self.heads = 12
        self.output_dim = 512
        self.num_tokens = 10
        self.out_indices = [5, 6, 7, 8, 9, 10]
        self.embed_dims = 512
        self.dec_layers = 3
        self.dec_heads = 8
        self.ffn_dim = 2048
        self.text_width = 512
        self.text_heads = 8
        self.text_layers = 12
        self.context_length = 77
        self.vocab_size = 49408
        self.crop = 512
        self.stride = 426
        self.short_side = 512
        self.__dict__.update(kw)

    def to_options_json(self):
        """The architecture in the C++ side's metadata schema (weights/ModelLoader.cpp)."""
        return {
            "vision": {"input_resolution": self.input_resolution, "patch_size": self.patch_size,
                       "width": self.width, "layers": self.layers, "heads": self.heads,
                       "output_dim": self.output_dim, "prompt_tokens": self.num_tokens, "prompt_dim": self.width,
                       "out_indices": self.out_indices},
            "head": {"embed_dims": self.embed_dims, "num_layers": self.dec_layers, "num_heads": self.dec_heads,
                     "feedforward_dim": self.ffn_dim},
            "text": {"context_length": self.context_length, "vocab_size": self.vocab_size,
                     "width": self.text_width, "heads": self.text_heads, "layers": self.text_layers,
                     "embed_dim": self.output_dim},
            "crop_size": self.crop, "stride": self.stride, "short_side": self.short_side,
        }

    @staticmethod
    def tiny(**kw):
        c = Config(input_resolution=64, patch_size=8, width=32, heads=4, output_dim=16, num_tokens=3,
                   embed_dims=16, dec_heads=4, ffn_dim=32, text_width=16, text_heads=4, crop=64, stride=53,
                   short_side=64)
        c.__dict__.update(kw)
        return c


class LayerNorm(nn.LayerNorm):
    def forward(self, x):
        orig = x.dtype
        return super().forward(x.type(torch.float32)).type(orig)


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, d, heads, attn_mask=None):
        super().__init__()
        self.attn = nn.MultiheadAttention(d, heads)
        self.ln_1 = LayerNorm(d)
        self.mlp = nn.Sequential(OrderedDict([("c_fc", nn.Linear(d, d * 4)), ("gelu", QuickGELU()),
                                              ("c_proj", nn.Linear(d * 4, d))]))
        self.ln_2 = LayerNorm(d)
        self.attn_mask = attn_mask

    def forward(self, x):  # (L, B, D)
        mask = self.attn_mask.to(x.dtype) if self.attn_mask is not None else None
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=mask)[0]
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, width, layers, heads, attn_mask=None):
        super().__init__()
        self.resblocks = nn.Sequential(*[ResidualAttentionBlock(width, heads, attn_mask) for _ in range(layers)])

    def forward(self, x):
        return self.resblocks(x)


class VPTCLIPVisionTransformer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        w, g, t = c.width, c.input_resolution // c.patch_size, c.num_tokens
        scale = w ** -0.5
        self.conv1 = nn.Conv2d(3, w, c.patch_size, c.patch_size, bias=False)
        self.class_embedding = nn.Parameter(scale * torch.randn(w))
        self.positional_embedding = nn.Parameter(scale * torch.randn(g * g + 1, w))
        self.ln_pre = LayerNorm(w)
        self.transformer = Transformer(w, c.layers, c.heads)
        self.ln_post = LayerNorm(w)
        self.proj = nn.Parameter(scale * torch.randn(w, c.output_dim))
        self.ln_layers = nn.ModuleList([LayerNorm(w) for _ in c.out_indices])
        self.proj_layers = nn.Parameter(scale * torch.randn(len(c.out_indices), w, c.output_dim))
        v = math.sqrt(6.0 / float(3 * c.patch_size * c.patch_size + w))
        self.prompt_embeddings = nn.Parameter(torch.zeros(1, t, w).uniform_(-v, v))
        self.deep_prompt_embeddings = nn.Parameter(torch.zeros(c.layers - 1, t, w).uniform_(-v, v))
        self.prompt_proj = nn.Linear(w, w)
        self.prompt_norm = LayerNorm(w, eps=1e-6)

    def forward(self, x):
        c = self.c
        x = self.conv1(x)
        B, C, H, W = x.shape
        x = x.reshape(B, C, -1).permute(0, 2, 1)
        x = torch.cat([self.class_embedding.to(x.dtype) + torch.zeros(B, 1, C, dtype=x.dtype), x], dim=1)
        pos = self.positional_embedding.to(x.dtype)
        cls_pos = pos[0, :] + self.class_embedding.to(x.dtype)  # class embedding added a second time
        side = int(math.sqrt(pos.shape[0] - 1))
        sp = pos[1:].reshape(1, side, side, C).permute(0, 3, 1, 2)
        sp = F.interpolate(sp, size=(H, W), mode="bilinear")
        sp = sp.reshape(1, C, H * W).permute(0, 2, 1)
        x = x + torch.cat([cls_pos.reshape(1, 1, C), sp], dim=1)
        x = self.ln_pre(x)
        t = c.num_tokens
        x = torch.cat((x[:, :1, :], self.prompt_proj(self.prompt_embeddings).expand(B, -1, -1), x[:, 1:, :]), dim=1)
        x = x.permute(1, 0, 2)
        features = []
        h = x
        for i in range(c.layers):
            if i > 0:
                dp = self.prompt_proj(self.deep_prompt_embeddings[i - 1]).expand(B, -1, -1).permute(1, 0, 2)
                h = torch.cat((h[:1, :, :], dp, h[1 + t:, :, :]), dim=0)
            h = self.transformer.resblocks[i](h)
            if i in c.out_indices:
                features.append(self.prompt_norm(h))
        encoded = self.prompt_norm(h)
        x = self.ln_post(encoded.permute(1, 0, 2)) @ self.proj
        g = x[:, 0]
        v = x[:, -H * W:].reshape(B, H, W, -1).permute(0, 3, 1, 2)
        outs = []
        for k, f in enumerate(features):
            f = self.ln_layers[k](f.permute(1, 0, 2)) @ self.proj_layers[k]
            f = f[:, -H * W:].reshape(B, H, W, -1).permute(0, 3, 1, 2)
            outs.append(f / f.norm(dim=1, keepdim=True))
        outs.append(v / v.norm(dim=1, keepdim=True))
        return outs, g / g.norm(dim=1, keepdim=True)


class Attention(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.q = nn.Linear(dim, dim)
        self.k = nn.Linear(dim, dim)
        self.v = nn.Linear(dim, dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, xq, xk, xv):
        B, Nq, C = xq.shape
        Nk = xk.shape[1]
        h = self.num_heads
        q = self.q(xq).reshape(B, Nq, h, C // h).permute(0, 2, 1, 3)
        k = self.k(xk).reshape(B, Nk, h, C // h).permute(0, 2, 1, 3)
        v = self.v(xv).reshape(B, Nk, h, C // h).permute(0, 2, 1, 3)
        attn = (q @ k.transpose(-2, -1)) * self.scale
        attn_save = attn.clone()
        attn = attn.softmax(dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(B, Nq, C)
        return self.proj(x), attn_save.sum(dim=1) / h


class TPN_DecoderLayer(nn.TransformerDecoderLayer):
    def __init__(self, d_model, nhead, dim_feedforward):
        super().__init__(d_model=d_model, nhead=nhead, dim_feedforward=dim_feedforward)
        del self.multihead_attn
        self.multihead_attn = Attention(d_model, nhead)

    def forward(self, tgt, memory):
        tgt2, attn2 = self.multihead_attn(tgt.transpose(0, 1), memory.transpose(0, 1), memory.transpose(0, 1))
        tgt = self.norm2(tgt + self.dropout2(tgt2.transpose(0, 1)))
        tgt2 = self.linear2(self.dropout(self.activation(self.linear1(tgt))))
        tgt = self.norm3(tgt + self.dropout3(tgt2))
        return tgt, attn2


class TPN_Decoder(nn.TransformerDecoder):
    def forward(self, tgt, memory):
        output = tgt
        attns = []
        for mod in self.layers:
            output, attn = mod(output, memory)
            attns.append(attn)
        return output, attns


class ATMSingleHeadSeg(nn.Module):
    def __init__(self, c, num_loss_classes=15):
        super().__init__()
        self.c = c
        gauss = torch.exp(-0.5 * torch.tensor([2.0, 1.0, 0.0]) ** 2)
        self.weights_s1 = nn.Parameter(gauss.clone())
        self.weights_s2 = nn.Parameter(gauss.clone())
        self.q_projs = nn.ModuleList([nn.Linear(2 * c.output_dim, c.embed_dims) for _ in range(3)])
        self.cascade_decoders = nn.ModuleList([
            TPN_Decoder(TPN_DecoderLayer(c.embed_dims, c.dec_heads, c.ffn_dim), c.dec_layers) for _ in range(3)])
        self.loss_decode = nn.Module()
        self.loss_decode.criterion = nn.Module()
        ew = torch.ones(num_loss_classes + 1)
        ew[-1] = 0.1
        self.loss_decode.criterion.register_buffer("empty_weight", ew)

    def forward(self, feats, g, text, w1=None, w2=None):
        """feats: 7 x (B,E,G,G); g (B,E); text (C,E) -> M1, M2, M3 each (B,C,G,G)"""
        w1 = self.weights_s1 if w1 is None else w1
        w2 = self.weights_s2 if w2 is None else w2
        laterals = [f.flatten(-2).transpose(-1, -2) for f in feats]
        mem1 = sum(w1[i] * laterals[:3][i] for i in range(3))
        mem2 = sum(w2[i] * laterals[3:6][i] for i in range(3))
        mems = [mem1, mem2, laterals[-1]]
        B = g.shape[0]
        t = text.float()[None].expand(B, -1, -1)
        desc = torch.cat([torch.einsum("bd,bcd->bcd", g, t), t], dim=-1)
        out = []
        for s in range(3):
            q = self.q_projs[s](desc).transpose(0, 1)
            _, attns = self.cascade_decoders[s](q, mems[s].transpose(0, 1))
            a = attns[-1]  # (B, C, N)
            side = int(math.sqrt(a.shape[-1]))
            out.append(a.reshape(B, -1, side, side))
        return out


class CLIPTextEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        mask = torch.empty(c.context_length, c.context_length).fill_(float("-inf")).triu_(1)
        self.transformer = Transformer(c.text_width, c.text_layers, c.text_heads, mask)
        self.token_embedding = nn.Embedding(c.vocab_size, c.text_width)
        self.positional_embedding = nn.Parameter(torch.empty(c.context_length, c.text_width).normal_(std=0.01))
        self.ln_final = LayerNorm(c.text_width)
        self.text_projection = nn.Parameter(torch.randn(c.text_width, c.output_dim) * c.text_width ** -0.5)

    def forward(self, ids):
        x = self.token_embedding(ids) + self.positional_embedding
        x = self.transformer(x.permute(1, 0, 2)).permute(1, 0, 2)
        x = self.ln_final(x)
        return x[torch.arange(x.shape[0]), ids.argmax(dim=-1)] @ self.text_projection


class CascadeCLIP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.backbone = VPTCLIPVisionTransformer(c)
        self.decode_head = ATMSingleHeadSeg(c)
        self.text_encoder = CLIPTextEncoder(c)

    def encode_decode(self, crop, text, seen_idx, inductive, w1=None, w2=None):
        feats, g = self.backbone(crop)
        ms = self.decode_head(feats, g, text, w1, w2)
        msum = 0
        for m in ms:
            msum = msum + m
        pred = torch.sigmoid(F.interpolate(msum, size=(self.c.crop, self.c.crop), mode="bilinear",
                                           align_corners=False))
        if inductive and len(seen_idx):
            pred[:, seen_idx] -= 0.1
        return dict(feats=feats, g=g, ms=ms, msum=msum, pred=pred)

    def slide_inference(self, img, ori_hw, text, seen_idx, inductive, w1=None, w2=None, record=None):
        c = self.c
        B, _, H, W = img.shape
        h_grids = max(H - c.crop + c.stride - 1, 0) // c.stride + 1
        w_grids = max(W - c.crop + c.stride - 1, 0) // c.stride + 1
        preds = img.new_zeros((B, text.shape[0], H, W))
        count = img.new_zeros((B, 1, H, W))
        windows = []
        for hi in range(h_grids):
            for wi in range(w_grids):
                y1, x1 = hi * c.stride, wi * c.stride
                y2, x2 = min(y1 + c.crop, H), min(x1 + c.crop, W)
                y1, x1 = max(y2 - c.crop, 0), max(x2 - c.crop, 0)
                out = self.encode_decode(img[:, :, y1:y2, x1:x2], text, seen_idx, inductive, w1, w2)
                if record is not None:
                    record.append(out)
                windows.append(dict(y1=y1, y2=y2, x1=x1, x2=x2))
                preds += F.pad(out["pred"], (int(x1), int(preds.shape[3] - x2), int(y1), int(preds.shape[2] - y2)))
                count[:, :, y1:y2, x1:x2] += 1
        assert (count == 0).sum() == 0
        preds = preds / count
        preds = F.interpolate(preds, size=ori_hw, mode="bilinear", align_corners=False)
        return preds, windows


def preprocess(bgr, short_side):
    """mmseg Resize(min_size) + mmcv imrescale/imnormalize, with cv2 as mmcv uses it."""
    h, w = bgr.shape[:2]
    if h > w:
        scale = (short_side * h / w, short_side)
    else:
        scale = (short_side, short_side * w / h)
    sf = min(max(scale) / max(h, w), min(scale) / min(h, w))
    new_w, new_h = int(w * float(sf) + 0.5), int(h * float(sf) + 0.5)
    img = cv2.resize(bgr, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
    img = img.astype(np.float32)
    mean = np.float64(np.array([123.675, 116.28, 103.53]).reshape(1, -1))
    stdinv = 1 / np.float64(np.array([58.395, 57.12, 57.375]).reshape(1, -1))
    cv2.cvtColor(img, cv2.COLOR_BGR2RGB, img)
    cv2.subtract(img, mean, img)
    cv2.multiply(img, stdinv, img)
    return torch.from_numpy(img.transpose(2, 0, 1).copy())[None]
