// SPDX-License-Identifier: MIT
#pragma once
// Hyper-parameters of Cascade-CLIP. Defaults are the official VOC config
// (configs/voc_20/vpt_seg_zero_vit-b_512x512_20k_12_10.py); tiny() is a small model with the same structure
// for tests. Torch-free so that the GUI and the bundle metadata can use it.

#include <vector>

namespace cascadeclip {

/// backbone.* : CLIP ViT-B/16 with VPT-deep prompts (VPTCLIPVisionTransformer).
struct VisionOptions {
    int inputResolution = 512; // crop size the positional embedding is stored for
    int patchSize = 16;
    int width = 768;
    int layers = 12;
    int heads = 12;
    int outputDim = 512; // CLIP embedding size
    int promptTokens = 10; // T: 10 VOC, 35 Context, 50 COCO
    int promptDim = 768;
    std::vector<int> outIndices {5, 6, 7, 8, 9, 10}; // read-outs; the head needs exactly six

    int gridSize() const { return inputResolution / patchSize; }
};

/// decode_head.* : ATMSingleHeadSeg with three TPN decoders.
struct HeadOptions {
    int embedDims = 512;
    int numLayers = 3;
    int numHeads = 8;
    int feedforwardDim = 2048;
    int stages = 3;
};

/// text_encoder.* : CLIP's text transformer (CLIPTextEncoder).
struct TextOptions {
    int contextLength = 77;
    int vocabSize = 49408;
    int width = 512;
    int heads = 8;
    int layers = 12;
    int embedDim = 512;
};

struct ModelOptions {
    VisionOptions vision;
    HeadOptions head;
    TextOptions text;
    // Sliding-window inference (test_cfg mode='slide').
    int cropSize = 512;
    int stride = 426;
    // Test-time resize: short side to this many pixels (mmseg Resize with min_size).
    int shortSide = 512;

    /// The official config for a prompt length T (10 VOC, 35 Context, 50 COCO).
    static ModelOptions official(int promptTokens = 10)
    {
        ModelOptions o;
        o.vision.promptTokens = promptTokens;
        return o;
    }

    /// A small model of the same structure (12 blocks, six read-outs, three 3-layer decoders) for tests.
    static ModelOptions tiny()
    {
        ModelOptions o;
        o.vision.inputResolution = 64;
        o.vision.patchSize = 8;
        o.vision.width = 32;
        o.vision.heads = 4;
        o.vision.outputDim = 16;
        o.vision.promptTokens = 3;
        o.vision.promptDim = 32;
        o.head.embedDims = 16;
        o.head.numHeads = 4;
        o.head.feedforwardDim = 32;
        o.text.width = 16;
        o.text.heads = 4;
        o.text.embedDim = 16;
        o.cropSize = 64;
        o.stride = 53;
        o.shortSide = 64;
        return o;
    }
};

} // namespace cascadeclip
