// SPDX-License-Identifier: MIT
// The facade on a tiny random model: segment, re-decode from the cache, cancel, progress, errors; and the text
// embedding cache.
#include "text/TextEmbedder.h"
#include "weights/Bundle.h"
#include "weights/ModelLoader.h"
#include "weights/Safetensors.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <filesystem>
#include <fstream>

using namespace cascadeclip;
namespace fs = std::filesystem;

namespace {

const std::string kVocab = std::string(CASCADECLIP_SHARED_DIR) + "/data/bpe_simple_vocab_16e6.txt.gz";

class SegmenterTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!fs::exists(kVocab))
            GTEST_SKIP() << "shared vocabulary not found at " << kVocab;
        m_dir = fs::temp_directory_path() / ("cascadeclip-seg-" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
        torch::manual_seed(5);
        model::CascadeClip m(ModelOptions::tiny());
        std::map<std::string, torch::Tensor> state;
        for (const auto& p : m->named_parameters())
            state[p.key()] = p.value().detach();
        weights::BundleInfo info;
        info.classNames = {"cat", "dog", "sofa"};
        info.seenIndices = {0, 1};
        info.templateSet = TemplateSet::Multi;
        for (int i = 0; i < 3; ++i) {
            info.ngaStage1[i] = m->decode_head->weights_s1[i].item<float>();
            info.ngaStage2[i] = m->decode_head->weights_s2[i].item<float>();
        }
        const auto meta = weights::bundleMetadata(ModelOptions::tiny(), info);
        m_weights = (m_dir / "tiny.safetensors").string();
        std::ofstream(m_weights, std::ios::binary) << weights::safetensorsBytes(state, meta);
        fs::copy_file(kVocab, m_dir / text::kVocabFileName, fs::copy_options::overwrite_existing);
        m_image = cv::Mat(75, 100, CV_8UC3);
        cv::randu(m_image, 0, 255);
    }
    void TearDown() override
    {
        if (!m_dir.empty())
            fs::remove_all(m_dir);
    }

    fs::path m_dir;
    std::string m_weights;
    cv::Mat m_image;
};

SegmentationRequest request(std::vector<std::string> names)
{
    SegmentationRequest r;
    r.classNames = std::move(names);
    r.seen = {true, false, false};
    r.keepProbabilities = true;
    return r;
}

double maxDiff(const cv::Mat& a, const cv::Mat& b)
{
    return cv::norm(a, b, cv::NORM_INF);
}

} // namespace

TEST_F(SegmenterTest, LoadsModelInfoFromTheMetadata)
{
    const auto seg = Segmenter::load(m_weights, {"cpu", 1});
    const auto& info = seg->info();
    EXPECT_EQ(info.classNames, (std::vector<std::string> {"cat", "dog", "sofa"}));
    EXPECT_EQ(info.seenIndices, (std::vector<int> {0, 1}));
    EXPECT_EQ(info.templateSet, TemplateSet::Multi);
    EXPECT_EQ(info.promptTokens, 3);
    EXPECT_NEAR(info.ngaStage1[0], 0.135335f, 1e-6);
    EXPECT_EQ(info.device, "cpu");
    EXPECT_FALSE(info.weightsId.empty());
}

TEST_F(SegmenterTest, SegmentsAtTheOriginalSizeWithProgressPerWindow)
{
    const auto seg = Segmenter::load(m_weights, {"cpu", 1});
    std::vector<std::pair<int, int>> progress;
    RunHooks hooks;
    hooks.onProgress = [&](int done, int total) { progress.emplace_back(done, total); };
    const auto r = seg->segment(m_image, request({"cat", "dog", "sofa"}), hooks);
    EXPECT_EQ(r.labels.size(), m_image.size());
    EXPECT_EQ(r.labels.type(), CV_16UC1);
    EXPECT_EQ(r.confidence.type(), CV_32FC1);
    EXPECT_EQ(r.windows, 2);
    EXPECT_EQ(progress, (std::vector<std::pair<int, int>> {{1, 2}, {2, 2}}));
    ASSERT_EQ(r.probabilities.size(), 3u);
    double lo = 0, hi = 0;
    cv::minMaxLoc(r.labels, &lo, &hi);
    EXPECT_LE(hi, 2);
    // The confidence is the best class probability.
    cv::Mat best = cv::max(cv::max(r.probabilities[0], r.probabilities[1]), r.probabilities[2]);
    EXPECT_LT(maxDiff(best, r.confidence), 1e-6);
}

TEST_F(SegmenterTest, RedecodeWithOtherNgaWeightsEqualsAFreshRun)
{
    const auto seg = Segmenter::load(m_weights, {"cpu", 1});
    auto req = request({"cat", "dog", "sofa"});
    seg->segment(m_image, req, {});
    req.ngaStage1 = std::array<float, 3> {0.4f, 0.1f, 0.9f};
    req.ngaStage2 = std::array<float, 3> {1.2f, 0.3f, 0.5f};
    const auto redecoded = seg->redecode(req, {});
    const auto fresh = Segmenter::load(m_weights, {"cpu", 1})->segment(m_image, req, {});
    for (size_t c = 0; c < 3; ++c)
        EXPECT_LE(maxDiff(redecoded.probabilities[c], fresh.probabilities[c]), 1e-5);
    EXPECT_EQ(cv::countNonZero(redecoded.labels != fresh.labels), 0);
}

TEST_F(SegmenterTest, ThresholdLeavesPixelsUnlabeled)
{
    const auto seg = Segmenter::load(m_weights, {"cpu", 1});
    auto req = request({"cat", "dog"});
    seg->segment(m_image, req, {});
    req.threshold = 1.5f;
    const auto r = seg->redecode(req, {});
    EXPECT_EQ(cv::countNonZero(r.labels != kUnlabeled), 0);
}

TEST_F(SegmenterTest, CancelStopsBetweenWindows)
{
    const auto seg = Segmenter::load(m_weights, {"cpu", 1});
    int windowsDone = 0;
    RunHooks hooks;
    hooks.onProgress = [&](int done, int) { windowsDone = done; };
    hooks.isCanceled = [&] { return windowsDone >= 1; };
    EXPECT_THROW(seg->segment(m_image, request({"cat"}), hooks), Canceled);
    EXPECT_EQ(windowsDone, 1);
    // Nothing half-made is left to re-decode.
    EXPECT_THROW(seg->redecode(request({"cat"}), {}), Error);
}

TEST_F(SegmenterTest, ClearErrors)
{
    const auto seg = Segmenter::load(m_weights, {"cpu", 1});
    try {
        seg->segment(m_image, request({}), {});
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidInput);
    }
    EXPECT_THROW(seg->redecode(request({"cat"}), {}), Error);
    EXPECT_THROW(seg->segment(cv::Mat(), request({"cat"}), {}), Error);
    // Grey and alpha images are accepted.
    cv::Mat grey(80, 70, CV_8UC1, cv::Scalar(100)), bgra(80, 70, CV_8UC4, cv::Scalar(1, 2, 3, 4));
    EXPECT_EQ(seg->segment(grey, request({"cat"}), {}).labels.size(), grey.size());
    EXPECT_EQ(seg->segment(bgra, request({"cat"}), {}).labels.size(), bgra.size());

    try {
        Segmenter::load((m_dir / "missing.safetensors").string(), {});
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::WeightsNotFound);
        EXPECT_NE(std::string(e.what()).find("missing.safetensors"), std::string::npos);
    }
}

TEST_F(SegmenterTest, WithoutVocabularyTheModelLoadsButNamesSayWhatIsMissing)
{
    fs::remove(m_dir / text::kVocabFileName);
    const auto seg = Segmenter::load(m_weights, {"cpu", 1});
    try {
        seg->segment(m_image, request({"cat"}), {});
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::WeightsNotFound);
        EXPECT_NE(std::string(e.what()).find(text::kVocabFileName), std::string::npos) << e.what();
    }
}

TEST_F(SegmenterTest, TextCacheEncodesOnlyNewClasses)
{
    c10::InferenceMode inference;
    auto loaded = weights::loadModel(m_weights, torch::kCPU);
    text::TextEmbedder embedder(loaded.model->text_encoder, text::findTokenizer(kVocab, "", {}), "w");
    const auto first = embedder.embed({"cat", "dog"}, TemplateSet::Multi);
    EXPECT_EQ(embedder.lastEncodedCount(), 2u);
    const auto second = embedder.embed({"cat", "dog", "sofa"}, TemplateSet::Multi);
    EXPECT_EQ(embedder.lastEncodedCount(), 1u);
    EXPECT_TRUE(torch::equal(first, second.slice(0, 0, 2)));
    embedder.embed({"cat"}, TemplateSet::Single); // another template set is another cache entry
    EXPECT_EQ(embedder.lastEncodedCount(), 1u);
    EXPECT_EQ(embedder.cacheSize(), 4u);
    EXPECT_TRUE(torch::allclose(second.norm(2, -1), torch::ones({3}), 0, 1e-5));
}

TEST_F(SegmenterTest, InspectorSplitsThePixelIntoStagesAndBlocks)
{
    const auto seg = Segmenter::load(m_weights, {"cpu", 1});
    auto req = request({"cat", "dog", "sofa"});
    req.keepStageLogits = true;
    const auto r = seg->segment(m_image, req, {});
    for (size_t st = 0; st < 3; ++st)
        ASSERT_EQ(r.stageLogits[st].size(), 3u);
    for (const auto& [x, y] : std::vector<std::pair<int, int>> {{0, 0}, {50, 37}, {99, 74}, {60, 10}}) {
        const auto p = seg->inspect(x, y, req);
        ASSERT_EQ(p.classes.size(), 3u);
        for (size_t c = 0; c < 3; ++c) {
            const auto& ci = p.classes[c];
            EXPECT_NEAR(ci.stageLogits[0] + ci.stageLogits[1] + ci.stageLogits[2], ci.logit, 1e-4);
            for (size_t st = 0; st < 2; ++st)
                EXPECT_NEAR(ci.blockShares[st][0] + ci.blockShares[st][1] + ci.blockShares[st][2] + ci.stageBias[st],
                    ci.stageLogits[st], 1e-4);
            EXPECT_GT(ci.probability, -0.2f);
            EXPECT_LT(ci.probability, 1.0f);
        }
    }
    EXPECT_THROW(seg->inspect(100, 0, req), Error);
    EXPECT_THROW(seg->inspect(-1, 0, req), Error);
}

// The CUDA path (label gpu; skipped where no GPU is visible): the same model on the GPU gives the CPU's scores
// up to float reassociation, and its re-decode equals a fresh GPU run.
TEST_F(SegmenterTest, CudaMatchesTheCpu)
{
    if (!torch::cuda::is_available())
        GTEST_SKIP() << "no CUDA device";
    const auto req = request({"cat", "dog", "sofa"});
    const auto cpu = Segmenter::load(m_weights, {"cpu", 1})->segment(m_image, req, {});
    const auto gpu = Segmenter::load(m_weights, {"cuda", 1});
    EXPECT_EQ(gpu->info().device.rfind("cuda", 0), 0u) << gpu->info().device;
    const auto onGpu = gpu->segment(m_image, req, {});
    for (size_t c = 0; c < 3; ++c)
        EXPECT_LE(maxDiff(cpu.probabilities[c], onGpu.probabilities[c]), 1e-3);
    EXPECT_LE(cv::countNonZero(cpu.labels != onGpu.labels), int(m_image.total() / 1000));
    auto other = req;
    other.ngaStage1 = std::array<float, 3> {0.4f, 0.1f, 0.9f};
    const auto redecoded = gpu->redecode(other, {});
    const auto fresh = Segmenter::load(m_weights, {"cuda", 1})->segment(m_image, other, {});
    for (size_t c = 0; c < 3; ++c)
        EXPECT_LE(maxDiff(redecoded.probabilities[c], fresh.probabilities[c]), 1e-5);
}
