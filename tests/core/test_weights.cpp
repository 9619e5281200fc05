// SPDX-License-Identifier: MIT
// safetensors and .npy reading, strict loading, and the messages for malformed files.
#include "CoreTestSupport.h"
#include "io/Npy.h"
#include "weights/ModelLoader.h"
#include "weights/Safetensors.h"
#include "weights/StateDict.h"

#include <cascadeclip/Error.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace cascadeclip;
namespace fs = std::filesystem;
using cascadeclip::test::expectError;
using cascadeclip::test::TempDir;

namespace {

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

std::map<std::string, torch::Tensor> stateOf(const torch::nn::Module& m)
{
    std::map<std::string, torch::Tensor> out;
    for (const auto& p : m.named_parameters())
        out[p.key()] = p.value().detach().clone();
    for (const auto& b : m.named_buffers())
        out[b.key()] = b.value().detach().clone();
    return out;
}

std::map<std::string, std::string> tinyMetadata()
{
    return {{weights::kOptionsMetadataKey, weights::optionsToJson(ModelOptions::tiny()).dump()}};
}

} // namespace

TEST(Safetensors, RoundTripKeepsDtypesValuesAndMetadata)
{
    TempDir dir;
    const std::map<std::string, torch::Tensor> tensors {
        {"a", torch::randn({3, 4})},
        {"b", torch::randn({5}).to(torch::kFloat16)},
        {"c", torch::arange(7, torch::kLong)},
        {"d", torch::randn({2, 3}).to(torch::kBFloat16)},
        {"e", torch::empty({0, 3})},
    };
    writeBytes(dir.file("x.safetensors"), weights::safetensorsBytes(tensors, {{"k", "v"}}));
    const auto file = weights::readSafetensors(dir.file("x.safetensors"));
    ASSERT_EQ(file.tensors.size(), tensors.size());
    for (const auto& [name, t] : tensors) {
        EXPECT_EQ(file.tensors.at(name).scalar_type(), t.scalar_type()) << name;
        EXPECT_TRUE(torch::equal(file.tensors.at(name), t)) << name;
    }
    EXPECT_EQ(file.metadata.at("k"), "v");
}

TEST(Safetensors, MalformedFilesGiveClearErrors)
{
    TempDir dir;
    const std::string good = weights::safetensorsBytes({{"w", torch::ones({4, 4})}});
    const std::string path = dir.file("bad.safetensors");

    expectError([&] { weights::readSafetensors(dir.file("absent.safetensors")); }, ErrorCode::WeightsNotFound,
        {"absent.safetensors", "cannot open"});

    writeBytes(path, "");
    expectError([&] { weights::readSafetensors(path); }, ErrorCode::WeightsMalformed, {path, "shorter than"});

    writeBytes(path, good.substr(0, good.size() - 10));
    expectError([&] { weights::readSafetensors(path); }, ErrorCode::WeightsMalformed, {path, "'w'", "truncated"});

    writeBytes(path, good.substr(0, 20));
    expectError([&] { weights::readSafetensors(path); }, ErrorCode::WeightsMalformed, {path, "header length"});

    std::string notJson = good;
    notJson[8] = '[';
    notJson[9] = '!';
    writeBytes(path, notJson);
    expectError([&] { weights::readSafetensors(path); }, ErrorCode::WeightsMalformed, {path, "JSON"});

    writeBytes(path, "PK\x03\x04 this is a zip archive, not safetensors");
    expectError([&] { weights::readSafetensors(path); }, ErrorCode::WeightsMalformed, {path});

    std::string header = R"({"w":{"dtype":"Q9","shape":[1],"data_offsets":[0,4]}})";
    std::string bytes(8, '\0');
    bytes[0] = static_cast<char>(header.size());
    writeBytes(path, bytes + header + "abcd");
    expectError([&] { weights::readSafetensors(path); }, ErrorCode::WeightsMalformed, {path, "'w'", "Q9"});

    header = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}})";
    bytes[0] = static_cast<char>(header.size());
    writeBytes(path, bytes + header + "abcd");
    expectError([&] { weights::readSafetensors(path); }, ErrorCode::WeightsMalformed, {path, "'w'", "elements"});
}

TEST(StrictLoading, NamesTheKeyAndBothShapes)
{
    torch::manual_seed(1);
    model::CascadeClip m(ModelOptions::tiny());
    auto state = stateOf(*m);

    auto wrongShape = state;
    wrongShape["decode_head.q_projs.1.weight"] = torch::zeros({16, 31});
    expectError([&] { weights::loadStrict(*m, wrongShape, "m.safetensors"); }, ErrorCode::WeightsMalformed,
        {"m.safetensors", "decode_head.q_projs.1.weight", "[16, 31]", "[16, 32]"});

    auto missing = state;
    missing.erase("backbone.proj_layers");
    expectError([&] { weights::loadStrict(*m, missing, "m.safetensors"); }, ErrorCode::WeightsMalformed,
        {"missing tensor 'backbone.proj_layers'", "[6, 32, 16]"});

    auto unexpected = state;
    unexpected["backbone.extra"] = torch::zeros({2});
    expectError([&] { weights::loadStrict(*m, unexpected, "m.safetensors"); }, ErrorCode::WeightsMalformed,
        {"unexpected tensor 'backbone.extra'"});

    // The loss's class weights of official checkpoints are accepted and ignored.
    auto official = state;
    official["decode_head.loss_decode.criterion.empty_weight"] = torch::ones({16});
    EXPECT_NO_THROW(weights::loadStrict(*m, official, "m.safetensors"));
}

TEST(StrictLoading, Float16IsConvertedExactly)
{
    model::CascadeClip m(ModelOptions::tiny());
    auto state = stateOf(*m);
    const auto half = torch::randn({6, 32, 16}).to(torch::kFloat16);
    state["backbone.proj_layers"] = half;
    weights::loadStrict(*m, state, "m");
    EXPECT_TRUE(torch::equal(m->backbone->proj_layers, half.to(torch::kFloat32)));
}

TEST(ModelLoader, LoadsWhatWasSavedAndReproducesOutputs)
{
    TempDir dir;
    torch::manual_seed(3);
    c10::InferenceMode guard;
    model::CascadeClip original(ModelOptions::tiny());
    original->eval();
    writeBytes(dir.file("tiny.safetensors"), weights::safetensorsBytes(stateOf(*original), tinyMetadata()));
    auto loaded = weights::loadModel(dir.file("tiny.safetensors"), torch::kCPU);
    EXPECT_EQ(loaded.options.vision.width, 32);
    EXPECT_EQ(loaded.options.cropSize, 64);
    const auto x = torch::randn({1, 3, 64, 64});
    const auto a = original->backbone(x), b = loaded.model->backbone(x);
    for (size_t i = 0; i < a.levels.size(); ++i)
        EXPECT_TRUE(torch::equal(a.levels[i], b.levels[i]));
}

TEST(ModelLoader, EveryTensorComesFromTheFile)
{
    // The loader builds the model without initialising it, so every value must have been copied from the file.
    TempDir dir;
    torch::manual_seed(5);
    model::CascadeClip original(ModelOptions::tiny());
    const auto state = stateOf(*original);
    writeBytes(dir.file("tiny.safetensors"), weights::safetensorsBytes(state, tinyMetadata()));
    const auto loaded = weights::loadModel(dir.file("tiny.safetensors"), torch::kCPU);
    size_t compared = 0;
    for (const auto& item : loaded.model->named_parameters(true)) {
        ASSERT_TRUE(state.count(item.key())) << item.key();
        EXPECT_TRUE(torch::equal(item.value(), state.at(item.key()))) << item.key();
        ++compared;
    }
    EXPECT_EQ(compared, state.size());
}

TEST(SkipInitialization, IsScopedPerThreadAndNests)
{
    EXPECT_FALSE(model::SkipInitialization::active());
    {
        const model::SkipInitialization outer;
        EXPECT_TRUE(model::SkipInitialization::active());
        {
            const model::SkipInitialization inner;
            EXPECT_TRUE(model::SkipInitialization::active());
        }
        EXPECT_TRUE(model::SkipInitialization::active());
        bool otherThread = true;
        std::thread([&] { otherThread = model::SkipInitialization::active(); }).join();
        EXPECT_FALSE(otherThread);
    }
    EXPECT_FALSE(model::SkipInitialization::active());
    // Outside the scope a model is random, as test and benchmark models need: finite and different each time.
    model::CascadeClip a(ModelOptions::tiny()), b(ModelOptions::tiny());
    const auto wa = a->decode_head->q_projs->parameters()[0], wb = b->decode_head->q_projs->parameters()[0];
    EXPECT_TRUE(torch::isfinite(wa).all().item<bool>());
    EXPECT_FALSE(torch::equal(wa, wb));
    EXPECT_GT(wa.abs().max().item<float>(), 0.0f);
}

TEST(ModelLoader, InfersTheOfficialArchitectureFromShapes)
{
    // Shapes only: the defining tensors of an official COCO checkpoint (T = 50).
    const std::map<std::string, torch::Tensor> t {
        {"backbone.conv1.weight", torch::empty({768, 3, 16, 16})},
        {"backbone.positional_embedding", torch::empty({1025, 768})},
        {"backbone.proj", torch::empty({768, 512})},
        {"backbone.prompt_embeddings", torch::empty({1, 50, 768})},
        {"backbone.transformer.resblocks.11.ln_1.weight", torch::empty({768})},
        {"decode_head.q_projs.0.weight", torch::empty({512, 1024})},
        {"decode_head.cascade_decoders.0.layers.0.linear1.weight", torch::empty({2048, 512})},
        {"decode_head.cascade_decoders.0.layers.2.linear1.weight", torch::empty({2048, 512})},
    };
    const auto o = weights::inferOptions(t, {}, "coco.safetensors");
    EXPECT_EQ(o.vision.promptTokens, 50);
    EXPECT_EQ(o.vision.layers, 12);
    EXPECT_EQ(o.vision.heads, 12);
    EXPECT_EQ(o.vision.inputResolution, 512);
    EXPECT_EQ(o.head.numHeads, 8);
    EXPECT_EQ(o.head.numLayers, 3);
    EXPECT_EQ(o.cropSize, 512);
    EXPECT_EQ(o.stride, 426);

    auto noPrompts = t;
    noPrompts.erase("backbone.prompt_embeddings");
    expectError([&] { weights::inferOptions(noPrompts, {}, "clip.safetensors"); }, ErrorCode::WeightsMalformed,
        {"clip.safetensors", "backbone.prompt_embeddings"});
}

// Found by fuzzing the bundle header: sizes that would be undefined behaviour to convert, overflow std::stoi, or
// make the model allocate whatever the file claims are errors that name the file and the key.
TEST(ModelLoader, ImplausibleArchitecturesAreErrors)
{
    const auto optionsWith = [](const std::string& path, const nlohmann::json& value) {
        nlohmann::json j = weights::optionsToJson(ModelOptions::tiny());
        j[nlohmann::json::json_pointer(path)] = value;
        return std::map<std::string, std::string> {{weights::kOptionsMetadataKey, j.dump()}};
    };
    EXPECT_NO_THROW(weights::inferOptions({}, optionsWith("/vision/width", 32), "ok.safetensors"));
    expectError([&] { weights::inferOptions({}, optionsWith("/vision/width", 1 << 30), "big.safetensors"); },
        ErrorCode::WeightsMalformed, {"big.safetensors", "vision width is 1073741824"});
    expectError([&] { weights::inferOptions({}, optionsWith("/vision/patch_size", 0), "zero.safetensors"); },
        ErrorCode::WeightsMalformed, {"zero.safetensors", "vision patch size is 0"});
    expectError([&] { weights::inferOptions({}, optionsWith("/text/heads", 5), "heads.safetensors"); },
        ErrorCode::WeightsMalformed, {"heads.safetensors", "not a multiple of its 5 heads"});
    expectError([&] { weights::inferOptions({}, optionsWith("/vision/out_indices/0", 99), "idx.safetensors"); },
        ErrorCode::WeightsMalformed, {"idx.safetensors", "read-out block index is 99"});
    expectError([&] { weights::inferOptions({}, optionsWith("/head/num_layers", 1e300), "float.safetensors"); },
        ErrorCode::WeightsMalformed, {"float.safetensors", "cascadeclip.options", "integer"});
    expectError([&] { weights::inferOptions({}, optionsWith("/stride", 18446744073709551615ull), "huge.safetensors"); },
        ErrorCode::WeightsMalformed, {"huge.safetensors", "integer"});

    // A layer index with more digits than an int holds is not a layer (std::stoi would throw out_of_range).
    const std::map<std::string, torch::Tensor> t {
        {"backbone.conv1.weight", torch::empty({768, 3, 16, 16})},
        {"backbone.positional_embedding", torch::empty({1025, 768})},
        {"backbone.proj", torch::empty({768, 512})},
        {"backbone.prompt_embeddings", torch::empty({1, 10, 768})},
        {"backbone.transformer.resblocks.99999999999999.ln_1.weight", torch::empty({768})},
        {"decode_head.q_projs.0.weight", torch::empty({512, 1024})},
        {"decode_head.cascade_decoders.0.layers.0.linear1.weight", torch::empty({2048, 512})},
    };
    expectError([&] { weights::inferOptions(t, {}, "digits.safetensors"); }, ErrorCode::WeightsMalformed,
        {"digits.safetensors", "do not describe a Cascade-CLIP ViT model"});
}

TEST(Npy, RoundTripAndExactFloat16)
{
    TempDir dir;
    const auto half = torch::randn({20, 512}).to(torch::kFloat16);
    io::writeNpy(dir.file("h.npy"), half);
    const auto back = io::readNpy(dir.file("h.npy"));
    EXPECT_EQ(back.scalar_type(), torch::kFloat16);
    EXPECT_TRUE(torch::equal(back, half));
    const auto labels = torch::arange(12, torch::kLong).view({3, 4});
    io::writeNpy(dir.file("l.npy"), labels);
    EXPECT_TRUE(torch::equal(io::readNpy(dir.file("l.npy")), labels));
    const auto scalar1d = torch::ones({1});
    io::writeNpy(dir.file("s.npy"), scalar1d);
    EXPECT_TRUE(torch::equal(io::readNpy(dir.file("s.npy")), scalar1d));
}

TEST(Npy, RealOfficialEmbeddings)
{
    const std::string path = std::string(CASCADECLIP_SHARED_DIR) + "/data/voc12_single.npy";
    if (!fs::exists(path))
        GTEST_SKIP() << "shared data not found at " << path;
    const auto t = io::readNpy(path);
    EXPECT_EQ(t.scalar_type(), torch::kFloat16);
    EXPECT_EQ(t.sizes(), (std::vector<int64_t> {20, 512}));
    const auto norms = t.to(torch::kFloat32).norm(2, -1);
    EXPECT_TRUE(torch::allclose(norms, torch::ones({20}), 0, 1e-3));
}

TEST(Npy, MalformedFilesNameTheFile)
{
    TempDir dir;
    writeBytes(dir.file("x.npy"), "not numpy");
    expectError([&] { io::readNpy(dir.file("x.npy")); }, ErrorCode::InvalidInput, {"x.npy", "magic"});
    const std::string good = io::npyBytes(torch::ones({10, 10}));
    writeBytes(dir.file("t.npy"), good.substr(0, good.size() - 8));
    expectError([&] { io::readNpy(dir.file("t.npy")); }, ErrorCode::InvalidInput, {"t.npy", "truncated"});
    expectError([&] { io::readNpy(dir.file("none.npy")); }, ErrorCode::InvalidInput, {"none.npy", "cannot open"});
}
