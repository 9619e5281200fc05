// SPDX-License-Identifier: MIT
// Import of OpenAI's CLIP archive and official mmcv checkpoints into a model bundle: the tolerant unpickler, the
// zip reader, SHA-256, the merge rules, the bundle metadata, and the messages for malformed files. The inputs
// are written at test time by tools/make_import_fixtures.py with Debian's torch, in the real formats.
#include "CoreTestSupport.h"
#include "weights/Bundle.h"
#include "weights/Import.h"
#include "weights/ModelLoader.h"
#include "weights/Pickle.h"
#include "weights/Safetensors.h"
#include "weights/Sha256.h"
#include "weights/TorchArchive.h"

#include <cascadeclip/Error.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cascadeclip;
using namespace std::string_view_literals;
namespace fs = std::filesystem;
using cascadeclip::test::expectError;
using cascadeclip::test::TempDir;

namespace {

std::string fixtures()
{
    static const std::string dir = [] {
        const fs::path out = fs::path(CASCADECLIP_BINARY_DIR) / "test-fixtures" / "import-tiny";
        const fs::path script = fs::path(CASCADECLIP_SOURCE_DIR) / "tools" / "make_import_fixtures.py";
        // (Skipped by the generator when the files are newer than it; CTest's import_fixtures makes them first.)
        std::string cmd = CASCADECLIP_PYTHON;
        cmd += " ";
        cmd += script.string();
        cmd += " ";
        cmd += out.string();
        cmd += " --size tiny --if-stale";
        if (std::system(cmd.c_str()) != 0)
            throw std::runtime_error("fixture generator failed: " + cmd);
        return out.string();
    }();
    return dir;
}

std::string fixture(const std::string& name)
{
    return fixtures() + "/" + name;
}

nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

std::string vocabPath()
{
    return std::string(CASCADECLIP_SHARED_DIR) + "/data/bpe_simple_vocab_16e6.txt.gz";
}

void expectSameTensors(
    const std::map<std::string, torch::Tensor>& actual, const std::map<std::string, torch::Tensor>& expected)
{
    for (const auto& [key, t] : expected) {
        const auto it = actual.find(key);
        if (it == actual.end()) {
            ADD_FAILURE() << "missing " << key;
            continue;
        }
        EXPECT_EQ(it->second.scalar_type(), torch::kFloat32) << key;
        EXPECT_EQ(it->second.sizes(), t.sizes()) << key;
        EXPECT_TRUE(it->second.sizes() == t.sizes() && torch::equal(it->second, t)) << key << " differs";
    }
    for (const auto& [key, t] : actual)
        EXPECT_TRUE(expected.count(key)) << "unexpected " << key;
}

} // namespace

namespace {

void checkKnownVectors()
{
    auto hex = [](std::string_view s) {
        weights::Sha256 h;
        h.update(s);
        return h.hexDigest();
    };
    EXPECT_EQ(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // One million 'a', fed in uneven pieces across block boundaries.
    weights::Sha256 h;
    const std::string chunk(997, 'a');
    size_t fed = 0;
    while (fed + chunk.size() <= 1000000) {
        h.update(chunk);
        fed += chunk.size();
    }
    h.update(std::string(1000000 - fed, 'a'));
    EXPECT_EQ(h.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

} // namespace

TEST(Sha256, KnownVectors)
{
    // With the CPU's SHA extensions where it has them, then with the portable code.
    std::printf("SHA extensions: %s\n", weights::Sha256::hardwareAccelerated() ? "used" : "absent");
    checkKnownVectors();
    weights::Sha256::setPortableOnly(true);
    checkKnownVectors();
    weights::Sha256::setPortableOnly(false);
}

TEST(Sha256, BothCodePathsAgreeOnEveryLength)
{
    std::string data;
    for (int i = 0; i < 300; ++i)
        data.push_back(static_cast<char>(i * 131 + 7));
    for (size_t n = 0; n <= data.size(); n += 13) {
        weights::Sha256 fast, portable;
        fast.update(data.data(), n);
        weights::Sha256::setPortableOnly(true);
        portable.update(data.data(), n);
        const std::string a = portable.hexDigest();
        weights::Sha256::setPortableOnly(false);
        EXPECT_EQ(fast.hexDigest(), a) << n;
    }
}

TEST(Pickle, PlainValuesOfProtocols2And4)
{
    for (const char* name : {"plain_p2.pkl", "plain_p4.pkl"}) {
        SCOPED_TRACE(name);
        std::ifstream in(fixture(name), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto v = weights::pickle::unpickle(bytes, name);
        using K = weights::pickle::Value::Kind;
        ASSERT_TRUE(v->isDict());
        EXPECT_EQ(v->get("int")->integer, -5);
        EXPECT_EQ(v->get("big")->integer, int64_t {1} << 40);
        EXPECT_EQ(v->get("neg")->integer, -(int64_t {1} << 40));
        EXPECT_EQ(v->get("u16")->integer, 40000);
        EXPECT_EQ(v->get("f")->real, 1.5);
        EXPECT_EQ(v->get("s")->text, "h\xc3\xa9llo");
        EXPECT_EQ(v->get("b")->kind, K::Bytes);
        EXPECT_EQ(v->get("b")->text,
            std::string("\x00\xff"
                        "ab",
                4));
        ASSERT_EQ(v->get("t")->items.size(), 3u);
        EXPECT_EQ(v->get("t")->items[2]->integer, 3);
        const auto* l = v->get("l");
        ASSERT_EQ(l->items.size(), 3u);
        EXPECT_EQ(l->items[0]->kind, K::None);
        EXPECT_TRUE(l->items[1]->boolean);
        EXPECT_EQ(v->get("od")->get("a")->integer, 1);
        EXPECT_EQ(v->get("set")->kind, K::Set);
        EXPECT_EQ(v->get("a"), v->get("again")); // the memo shares one list
        EXPECT_EQ(v->get("note")->kind, K::Object);
        EXPECT_EQ(v->get("note")->text, "__main__.TrainingNote");
        EXPECT_EQ(v->get("note")->state->get("author")->text, "fixture");
        EXPECT_EQ(v->get("np")->kind, K::Object); // numpy scalars stay opaque
        EXPECT_EQ(v->get("huge")->kind, K::Object);
    }
}

TEST(Pickle, MalformedPicklesNameTheOffsetAndReason)
{
    using weights::pickle::unpickle;
    expectError(
        [] {
            unpickle(std::string("\x80\x02X\xf0\xff\xff\xff"
                                 "abc.",
                         11),
                "p");
        },
        ErrorCode::WeightsMalformed, {"p: not a valid pickle", "at byte 2", "declares 4294967280 bytes"});
    expectError([] { unpickle("\x80\x02]q\x00"sv, "p"); }, ErrorCode::WeightsMalformed, {"truncated"});
    expectError([] { unpickle("\x80\x02h\x05."sv, "p"); }, ErrorCode::WeightsMalformed, {"memo entry 5"});
    expectError([] { unpickle("\x80\x02\xff."sv, "p"); }, ErrorCode::WeightsMalformed, {"opcode 0xff", "unsupported"});
    expectError([] { unpickle("\x80\x02t."sv, "p"); }, ErrorCode::WeightsMalformed, {"no MARK"});
    expectError([] { unpickle("\x80\x02K\x01s."sv, "p"); }, ErrorCode::WeightsMalformed, {"empty stack"});
    expectError(
        [] {
            unpickle("\x80\x02(X\x01\x00\x00\x00"
                     "atQ."sv,
                "p");
        },
        ErrorCode::WeightsMalformed, {"persistent id"});
    expectError([] { unpickle("", "p"); }, ErrorCode::WeightsMalformed, {"truncated"});
}

TEST(Import, MmcvConfigFacts)
{
    const auto f
        = weights::parseMmcvConfig("num_base_class = [9]\nbase_class = [0, 1,\n  2]\nnovel_class=[3]\n"
                                   "model = dict(self_training=True, load_text_embedding='x/voc12_single.npy')\n"
                                   "if self_training == False: pass\n");
    ASSERT_TRUE(f.baseClasses);
    EXPECT_EQ(*f.baseClasses, (std::vector<int> {0, 1, 2}));
    EXPECT_EQ(*f.novelClasses, (std::vector<int> {3}));
    EXPECT_EQ(f.selfTraining, std::optional<bool>(true));
    EXPECT_EQ(f.textEmbeddingFile, "x/voc12_single.npy");
    const auto none = weights::parseMmcvConfig("base_class = list(range(15))\nself_training = maybe\n");
    EXPECT_FALSE(none.baseClasses);
    EXPECT_FALSE(none.selfTraining);
    EXPECT_TRUE(none.textEmbeddingFile.empty());
}

TEST(Import, OpenAiArchiveGivesTheRemappedFloat32Tensors)
{
    const auto file = weights::readTorchFile(fixture("clip.pt"));
    EXPECT_TRUE(file.torchScript);
    const auto raw = weights::moduleTensors(*file.root, "clip.pt");
    EXPECT_EQ(raw.at("visual.conv1.weight").scalar_type(), torch::kFloat16);
    EXPECT_EQ(raw.at("transformer.resblocks.3.attn.in_proj_weight").scalar_type(), torch::kFloat16);
    EXPECT_EQ(raw.at("ln_final.weight").scalar_type(), torch::kFloat32);
    EXPECT_TRUE(raw.count("logit_scale"));
    EXPECT_TRUE(raw.count("input_resolution"));

    const auto clip = weights::readOpenAiClip(fixture("clip.pt"), 4);
    const auto expected = weights::readSafetensors(fixture("expected_clip.safetensors"));
    expectSameTensors(clip, expected.tensors);
    EXPECT_EQ(clip.at("backbone.positional_embedding").sizes(), (std::vector<int64_t> {17, 64})); // 3x3 -> 4x4
}

TEST(Import, EveryCheckpointReproducesTheExpectedBundle)
{
    const auto cases = readJson(fixture("cases.json"));
    ASSERT_EQ(cases.size(), 4u);
    for (const std::string name : cases) {
        SCOPED_TRACE(name);
        weights::ImportRequest req;
        req.clipPath = fixture("clip.pt");
        req.checkpointPath = fixture("ckpt_" + name + ".pth");
        std::vector<std::string> log;
        req.progress = [&](const std::string& line) { log.push_back(line); };
        const auto model = weights::importModel(req);
        const auto expected = weights::readSafetensors(fixture("expected_" + name + ".safetensors"));
        expectSameTensors(model.tensors, expected.tensors);

        const auto facts = readJson(fixture("expected_" + name + ".json"));
        EXPECT_EQ(model.options.vision.promptTokens, facts["prompt_tokens"].get<int>());
        EXPECT_EQ(model.info.classNames, facts["classes"].get<std::vector<std::string>>());
        EXPECT_EQ(model.info.seenIndices, facts["seen"].get<std::vector<int>>());
        EXPECT_EQ(model.info.inductive, facts["inductive"].get<bool>());
        EXPECT_EQ(model.info.templateSet == TemplateSet::Multi ? "multi" : "single", facts["template_set"]);
        const auto nga = facts["nga"].get<std::vector<std::vector<float>>>();
        EXPECT_EQ(std::vector<float>(model.info.ngaStage1.begin(), model.info.ngaStage1.end()), nga[0]);
        EXPECT_EQ(std::vector<float>(model.info.ngaStage2.begin(), model.info.ngaStage2.end()), nga[1]);
        ASSERT_EQ(model.info.sources.size(), 2u);
        EXPECT_EQ(model.info.sources[0].name, "ckpt_" + name + ".pth");
        EXPECT_EQ(model.info.sources[0].sha256, weights::sha256File(req.checkpointPath));
        EXPECT_EQ(model.info.sources[1].name, "clip.pt");

        // The log says where each group came from.
        const std::string all = [&] {
            std::string s;
            for (const auto& l : log)
                s += l + "\n";
            return s;
        }();
        const bool textFromClip = facts["text_from_clip"].get<bool>();
        EXPECT_NE(all.find(textFromClip ? "text encoder: 149 tensors from clip.pt"
                                        : "text encoder: 149 tensors from ckpt_" + name + ".pth"),
            std::string::npos)
            << all;
        EXPECT_NE(all.find("decode head: "), std::string::npos) << all;
    }
}

TEST(Import, OverridesWinOverTheConfig)
{
    weights::ImportRequest req;
    req.clipPath = fixture("clip.pt");
    req.checkpointPath = fixture("ckpt_voc_ind.pth");
    req.seen = std::vector<int> {3, 1, 1};
    req.inductive = false;
    req.templateSet = TemplateSet::Multi;
    auto m = weights::importModel(req);
    EXPECT_EQ(m.info.seenIndices, (std::vector<int> {1, 3}));
    EXPECT_FALSE(m.info.inductive);
    EXPECT_EQ(m.info.templateSet, TemplateSet::Multi);

    req.seen.reset();
    req.seenAll = true;
    m = weights::importModel(req);
    EXPECT_EQ(m.info.seenIndices.size(), 20u);

    req.seenAll = false;
    req.seen = std::vector<int> {20};
    expectError(
        [&] { weights::importModel(req); }, ErrorCode::InvalidInput, {"ckpt_voc_ind.pth", "index 20", "--seen"});
}

TEST(Import, CheckpointAloneWhenItHoldsEverything)
{
    weights::ImportRequest req;
    req.checkpointPath = fixture("ckpt_voc_st.pth");
    const auto m = weights::importModel(req);
    expectSameTensors(m.tensors, weights::readSafetensors(fixture("expected_voc_st.safetensors")).tensors);

    req.checkpointPath = fixture("ckpt_voc_ind.pth"); // lacks the text encoder
    expectError([&] { weights::importModel(req); }, ErrorCode::WeightsMalformed,
        {"ckpt_voc_ind.pth", "missing tensor 'text_encoder.", "--clip"});
}

TEST(Import, MalformedFilesGiveClearErrors)
{
    const auto importCkpt = [](const std::string& name) {
        weights::ImportRequest req;
        req.clipPath = fixture("clip.pt");
        req.checkpointPath = fixture(name);
        weights::importModel(req);
    };
    const auto M = ErrorCode::WeightsMalformed;
    expectError([&] { importCkpt("bad_empty.pth"); }, M, {"bad_empty.pth", "empty"});
    expectError([&] { importCkpt("bad_truncated.pth"); }, M, {"bad_truncated.pth", "truncated"});
    expectError([&] { importCkpt("bad_not_zip.pth"); }, M, {"bad_not_zip.pth", "neither a zip archive nor a pickle"});
    expectError([&] { importCkpt("bad_legacy.pth"); }, M, {"bad_legacy.pth", "legacy", "torch>=1.6"});
    expectError([&] { importCkpt("bad_huge_string.pth"); }, M, {"bad_huge_string.pth", "declares 4294967280 bytes"});
    expectError([&] { importCkpt("bad_huge_storage.pth"); }, M,
        {"bad_huge_storage.pth", "storage '0' declares 1099511627776 elements", "16 bytes"});
    expectError([&] { importCkpt("bad_view.pth"); }, M, {"bad_view.pth", "does not fit in its storage of 4"});
    expectError([&] { importCkpt("bad_classes.pth"); }, M,
        {"bad_classes.pth", "meta['CLASSES'] is object of class __main__.TrainingNote"});
    expectError([&] { importCkpt("bad_wrong_shape.pth"); }, M,
        {"bad_wrong_shape.pth", "decode_head.q_projs.1.weight", "[64, 100]", "[64, 128]"});
    expectError([&] { importCkpt("bad_missing_key.pth"); }, M,
        {"bad_missing_key.pth", "missing tensor 'backbone.proj_layers'"});
    expectError([&] { importCkpt("bad_unknown_key.pth"); }, M,
        {"bad_unknown_key.pth", "unexpected tensor 'decode_head.extra_head.weight'"});
    expectError(
        [&] { importCkpt("no_such_file.pth"); }, ErrorCode::WeightsNotFound, {"no_such_file.pth", "cannot open"});
    // The CLIP archive in the checkpoint's place, and a checkpoint in the CLIP's place.
    expectError([&] { importCkpt("clip.pt"); }, M, {"clip.pt", "TorchScript", "--clip"});
    expectError(
        [&] { weights::readOpenAiClip(fixture("ckpt_voc_st.pth"), 4); }, M, {"ckpt_voc_st.pth", "visual.conv1.weight"});
}

TEST(Import, TruncationAnywhereIsAnErrorNotACrash)
{
    TempDir dir;
    std::ifstream in(fixture("ckpt_voc_st.pth"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const size_t keep : {size_t {10}, size_t {100}, bytes.size() / 2, bytes.size() - 100, bytes.size() - 1}) {
        const std::string path = dir.file("cut.pth");
        std::ofstream(path, std::ios::binary) << bytes.substr(0, keep);
        EXPECT_THROW(weights::readCheckpoint(path), Error) << keep;
    }
    // A flipped byte inside data.pkl: an error or a (different) value, never a crash.
    for (size_t i = 0; i < 200; ++i) {
        std::string damaged = bytes;
        const size_t pos = 64 + (i * 7919) % 2000;
        damaged[pos] = static_cast<char>(damaged[pos] ^ 0x5a);
        const std::string path = dir.file("flip.pth");
        std::ofstream(path, std::ios::binary) << damaged;
        try {
            weights::readCheckpoint(path);
        } catch (const Error&) {
        }
    }
}

TEST(Bundle, RoundTripThroughTheFileAndTheLoader)
{
    TempDir dir;
    weights::ImportRequest req;
    req.clipPath = fixture("clip.pt");
    req.checkpointPath = fixture("ckpt_context_st.pth");
    if (fs::exists(vocabPath()))
        req.vocabPath = vocabPath();
    const auto m = weights::importModel(req);
    const std::string path = dir.file("model.safetensors");
    weights::writeBundle(path, m.tensors, m.options, m.info);
    EXPECT_FALSE(fs::exists(path + ".tmp-" + std::to_string(::getpid())));

    const auto file = weights::readSafetensors(path);
    expectSameTensors(file.tensors, m.tensors);
    const auto info = weights::readBundleInfo(file.metadata, path);
    EXPECT_EQ(info.classNames, m.info.classNames);
    EXPECT_EQ(info.seenIndices, m.info.seenIndices);
    EXPECT_FALSE(info.inductive);
    EXPECT_EQ(info.templateSet, TemplateSet::Multi);
    EXPECT_EQ(info.ngaStage1, m.info.ngaStage1);
    EXPECT_EQ(info.ngaStage2, m.info.ngaStage2);
    ASSERT_EQ(info.sources.size(), m.info.sources.size());
    EXPECT_EQ(info.sources[1].sha256, m.info.sources[1].sha256);
    EXPECT_EQ(info.vocabulary, m.info.vocabulary);
    ModelInfo mi;
    weights::fillModelInfo(info, mi);
    EXPECT_EQ(mi.classNames.size(), 59u);
    EXPECT_EQ(mi.seenIndices.size(), 49u);
    EXPECT_EQ(mi.weightsId, info.sources[0].sha256.substr(0, 12));

    const auto loaded = weights::loadModel(path, torch::kCPU);
    EXPECT_EQ(loaded.options.vision.promptTokens, 35);
    EXPECT_TRUE(torch::equal(loaded.model->decode_head->weights_s1, m.tensors.at("decode_head.weights_s1")));
}

TEST(Bundle, AnIndependentReaderSeesTheTensorsAndMetadata)
{
    TempDir dir;
    weights::ImportRequest req;
    req.clipPath = fixture("clip.pt");
    req.checkpointPath = fixture("ckpt_voc_ind.pth");
    const auto m = weights::importModel(req);
    const std::string path = dir.file("voc.safetensors");
    weights::writeBundle(path, m.tensors, m.options, m.info);
    const std::string script = dir.file("check.py");
    std::ofstream(script) << "import json, sys, torch\n"
                             "sys.path.insert(0, sys.argv[1])\n"
                             "import safetensors_io\n"
                             "got, meta = safetensors_io.read(sys.argv[2])\n"
                             "want, _ = safetensors_io.read(sys.argv[3])\n"
                             "facts = json.load(open(sys.argv[4]))\n"
                             "assert sorted(got) == sorted(want), set(got) ^ set(want)\n"
                             "for k in want:\n"
                             "    assert got[k].dtype == torch.float32 and torch.equal(got[k], want[k]), k\n"
                             "assert meta['cascadeclip.format_version'] == '1'\n"
                             "assert json.loads(meta['cascadeclip.classes']) == facts['classes']\n"
                             "assert json.loads(meta['cascadeclip.seen']) == facts['seen']\n"
                             "assert meta['cascadeclip.inductive'] == 'true'\n"
                             "assert meta['cascadeclip.template_set'] == facts['template_set']\n"
                             "assert json.loads(meta['cascadeclip.nga']) == facts['nga']\n"
                             "opts = json.loads(meta['cascadeclip.options'])\n"
                             "assert opts['vision']['prompt_tokens'] == 10, opts\n"
                             "src = json.loads(meta['cascadeclip.sources'])\n"
                             "import hashlib\n"
                             "assert src[0]['sha256'] == hashlib.sha256(open(sys.argv[5], 'rb').read()).hexdigest()\n"
                             "print('ok')\n";
    const std::string cmd = std::string(CASCADECLIP_PYTHON) + " " + script + " " + CASCADECLIP_SOURCE_DIR + "/tools "
        + path + " " + fixture("expected_voc_ind.safetensors") + " " + fixture("expected_voc_ind.json") + " "
        + req.checkpointPath;
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(Bundle, AnUnwritablePlaceIsAnIoErrorNamingTheFile)
{
    TempDir dir;
    const std::string path = dir.file("missing-folder/m.safetensors");
    expectError(
        [&] {
            weights::writeBundle(path, {{"w", torch::ones({2})}}, ModelOptions::tiny(), {});
        },
        ErrorCode::Io, {"missing-folder/m.safetensors", "cannot create"});
    EXPECT_FALSE(fs::exists(path));
}

TEST(Bundle, BadMetadataIsNamed)
{
    weights::BundleInfo info;
    info.classNames = {"a", "b"};
    info.seenIndices = {1};
    auto meta = weights::bundleMetadata(ModelOptions::tiny(), info);
    EXPECT_NO_THROW(weights::readBundleInfo(meta, "m.safetensors"));

    auto noVersion = meta;
    noVersion.erase(weights::kFormatVersionKey);
    expectError([&] { weights::readBundleInfo(noVersion, "m.safetensors"); }, ErrorCode::WeightsMalformed,
        {"m.safetensors", "not a Cascade-CLIP model bundle", "cascadeclip import"});
    auto newer = meta;
    newer[weights::kFormatVersionKey] = "2";
    expectError([&] { weights::readBundleInfo(newer, "m.safetensors"); }, ErrorCode::WeightsMalformed,
        {"cascadeclip.format_version", "'2'"});
    auto badSeen = meta;
    badSeen[weights::kSeenKey] = "[5]";
    expectError([&] { weights::readBundleInfo(badSeen, "m.safetensors"); }, ErrorCode::WeightsMalformed,
        {"cascadeclip.seen", "index 5"});
    auto badNga = meta;
    badNga[weights::kNgaKey] = "[[1,2],[3]]";
    expectError(
        [&] { weights::readBundleInfo(badNga, "m.safetensors"); }, ErrorCode::WeightsMalformed, {"cascadeclip.nga"});
    auto badInductive = meta;
    badInductive[weights::kInductiveKey] = "yes";
    expectError([&] { weights::readBundleInfo(badInductive, "m.safetensors"); }, ErrorCode::WeightsMalformed,
        {"cascadeclip.inductive"});
}
