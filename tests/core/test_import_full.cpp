// SPDX-License-Identifier: MIT
// Full-size import (label slow): random weights with the real ViT-B/16 and Cascade-CLIP VOC sizes, in the real
// formats, imported exactly; prints the import and bundle load times (measurements, not assertions).
#include "model/CascadeClip.h"
#include "weights/Bundle.h"
#include "weights/Import.h"
#include "weights/ModelLoader.h"
#include "weights/Safetensors.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

using namespace cascadeclip;
namespace fs = std::filesystem;

namespace {

std::string fixtures()
{
    const fs::path out = fs::path(CASCADECLIP_BINARY_DIR) / "test-fixtures" / "import-full";
    std::string cmd = CASCADECLIP_PYTHON;
    cmd += " " CASCADECLIP_SOURCE_DIR "/tools/make_import_fixtures.py ";
    cmd += out.string();
    cmd += " --size full --if-stale";
    if (std::system(cmd.c_str()) != 0)
        throw std::runtime_error("fixture generator failed: " + cmd);
    return out.string();
}

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

TEST(ImportFull, OfficialSizesImportExactlyAndTheBundleLoadsFast)
{
    const std::string dir = fixtures();
    weights::ImportRequest req;
    req.clipPath = dir + "/clip.pt";
    req.checkpointPath = dir + "/ckpt_voc_ind.pth";
    const std::string vocab = std::string(CASCADECLIP_SHARED_DIR) + "/data/bpe_simple_vocab_16e6.txt.gz";
    if (fs::exists(vocab))
        req.vocabPath = vocab;
    auto t = std::chrono::steady_clock::now();
    const auto model = weights::importModel(req);
    const double importSeconds = secondsSince(t);
    EXPECT_EQ(model.tensors.size(), 526u);
    EXPECT_EQ(model.options.vision.promptTokens, 10);
    EXPECT_EQ(model.tensors.at("backbone.positional_embedding").sizes(), (std::vector<int64_t> {1025, 768}));

    const std::string bundle = dir + "/bundle.safetensors";
    t = std::chrono::steady_clock::now();
    weights::writeBundle(bundle, model.tensors, model.options, model.info);
    const double writeSeconds = secondsSince(t);

    t = std::chrono::steady_clock::now();
    const auto file = weights::readSafetensors(bundle);
    const auto info = weights::readBundleInfo(file.metadata, bundle);
    const double mapSeconds = secondsSince(t);
    t = std::chrono::steady_clock::now();
    const auto loaded = weights::loadModel(bundle, torch::kCPU);
    const double loadSeconds = secondsSince(t);
    EXPECT_EQ(info.seenIndices.size(), 15u);
    // What loadModel spends outside the file: building the modules (their random init) before the copy.
    t = std::chrono::steady_clock::now();
    {
        model::CascadeClip fresh(loaded.options);
    }
    const double buildSeconds = secondsSince(t);

    const auto expected = weights::readSafetensors(dir + "/expected_voc_ind.safetensors");
    ASSERT_EQ(expected.tensors.size(), file.tensors.size());
    for (const auto& [key, want] : expected.tensors)
        EXPECT_TRUE(torch::equal(file.tensors.at(key), want)) << key;

    std::printf("full-size import: %.2f s (checkpoint %.0f MB, CLIP %.0f MB); bundle write %.2f s (%.0f MB); "
                "bundle map + metadata %.3f s; loadModel %.2f s, of which building the modules %.2f s\n",
        importSeconds, static_cast<double>(fs::file_size(req.checkpointPath)) / 1e6,
        static_cast<double>(fs::file_size(req.clipPath)) / 1e6, writeSeconds,
        static_cast<double>(fs::file_size(bundle)) / 1e6, mapSeconds, loadSeconds, buildSeconds);
    fs::remove(bundle);
}
