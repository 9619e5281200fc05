// SPDX-License-Identifier: MIT
// Shapes, the official key manifest and the invariants of the spec's Appendix B.
#include "model/CascadeClip.h"
#include "weights/StateDict.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

using namespace cascadeclip;

namespace {

struct Seeded : ::testing::Test {
    void SetUp() override { torch::manual_seed(7); }
    c10::InferenceMode inference;
};

} // namespace

TEST_F(Seeded, TinyShapes)
{
    const auto o = ModelOptions::tiny();
    model::CascadeClip m(o);
    m->eval();
    const int64_t g = o.vision.gridSize();
    for (const int64_t batch : {1, 2}) {
        const auto f = m->backbone(torch::randn({batch, 3, o.cropSize, o.cropSize}));
        ASSERT_EQ(f.levels.size(), 7u);
        for (const auto& level : f.levels)
            EXPECT_EQ(level.sizes(), (std::vector<int64_t> {batch, g * g, o.vision.outputDim}));
        EXPECT_EQ(f.global.sizes(), (std::vector<int64_t> {batch, o.vision.outputDim}));
        for (const int64_t classes : {1, 5, 40}) {
            const auto text = torch::randn({classes, o.vision.outputDim});
            const auto d = m->decode(f, text, torch::zeros({classes}, torch::kBool), true);
            ASSERT_EQ(d.stageLogits.size(), 3u);
            for (const auto& s : d.stageLogits)
                EXPECT_EQ(s.sizes(), (std::vector<int64_t> {batch, classes, g, g}));
            EXPECT_EQ(d.scores.sizes(), (std::vector<int64_t> {batch, classes, o.cropSize, o.cropSize}));
        }
    }
    const auto ids = torch::zeros({3, o.text.contextLength}, torch::kLong);
    EXPECT_EQ(m->text_encoder(ids).sizes(), (std::vector<int64_t> {3, o.text.embedDim}));
}

TEST_F(Seeded, FeaturesAndGlobalHaveUnitNorm)
{
    const auto o = ModelOptions::tiny();
    model::CascadeClip m(o);
    const auto f = m->backbone(torch::randn({2, 3, o.cropSize, o.cropSize}));
    for (const auto& level : f.levels)
        EXPECT_TRUE(torch::allclose(level.norm(2, -1), torch::ones({2, level.size(1)}), 1e-5, 1e-5));
    EXPECT_TRUE(torch::allclose(f.global.norm(2, -1), torch::ones({2}), 1e-5, 1e-5));
}

TEST_F(Seeded, InitialNgaWeightsAreTheGaussian)
{
    model::CascadeClip m(ModelOptions::tiny());
    const auto expected = torch::tensor({0.135335f, 0.606531f, 1.0f});
    EXPECT_TRUE(torch::allclose(m->decode_head->weights_s1, expected, 0, 1e-6));
    EXPECT_TRUE(torch::allclose(m->decode_head->weights_s2, expected, 0, 1e-6));
    EXPECT_TRUE(torch::allclose(model::gaussianNgaWeights(2.0), torch::tensor({0.606531f, 0.882497f, 1.0f}), 0, 1e-6));
}

TEST_F(Seeded, SeenClassesAreShiftedOnlyWhenInductive)
{
    const auto o = ModelOptions::tiny();
    model::CascadeClip m(o);
    const auto f = m->backbone(torch::randn({1, 3, o.cropSize, o.cropSize}));
    const auto text = torch::randn({3, o.vision.outputDim});
    const auto seen = torch::tensor({true, false, true});
    const auto ind = m->decode(f, text, seen, true).scores;
    const auto trans = m->decode(f, text, seen, false).scores;
    EXPECT_TRUE(torch::allclose(trans[0][0] - ind[0][0], torch::full_like(ind[0][0], 0.1), 0, 1e-6));
    EXPECT_TRUE(torch::equal(trans[0][1], ind[0][1]));
    EXPECT_TRUE(torch::allclose(trans[0][2] - ind[0][2], torch::full_like(ind[0][2], 0.1), 0, 1e-6));
}

TEST_F(Seeded, PositionalInterpolationIsIdentityOnTheStoredGrid)
{
    // The forward skips the re-interpolation at the stored grid; bilinear resizing to the same size must be the
    // identity for that to be exact (spec Appendix B). A crop of the stored size keeps the stored token count,
    // and another grid is interpolated instead of failing.
    namespace F = torch::nn::functional;
    const auto o = ModelOptions::tiny();
    model::CascadeClip m(o);
    const int64_t g = o.vision.gridSize(), w = o.vision.width;
    const auto grid = m->backbone->positional_embedding.slice(0, 1).reshape({1, g, g, w}).permute({0, 3, 1, 2});
    const auto same = F::interpolate(grid,
        F::InterpolateFuncOptions().size(std::vector<int64_t> {g, g}).mode(torch::kBilinear).align_corners(false));
    EXPECT_TRUE(torch::equal(same, grid));
    const auto stored = m->backbone(torch::randn({1, 3, o.cropSize, o.cropSize}));
    EXPECT_EQ(stored.levels[0].size(1), g * g);
    const auto bigger = m->backbone(torch::randn({1, 3, o.cropSize + o.vision.patchSize * 2, o.cropSize}));
    EXPECT_EQ(bigger.levels[0].size(1), (g + 2) * g);
}

namespace {

/// The manifest fixture, with T substituted.
std::vector<std::pair<std::string, std::vector<int64_t>>> officialManifest(int promptTokens)
{
    std::ifstream in(std::string(CASCADECLIP_SOURCE_DIR) + "/tests/fixtures/cascade_clip.keys.txt");
    EXPECT_TRUE(in.good());
    std::vector<std::pair<std::string, std::vector<int64_t>>> out;
    std::string line;
    const std::regex pattern(R"(^(\S+) \[([^\]]*)\]$)");
    while (std::getline(in, line)) {
        std::smatch m;
        if (line.empty() || line[0] == '#' || !std::regex_match(line, m, pattern))
            continue;
        std::vector<int64_t> shape;
        std::stringstream dims(m[2].str());
        std::string d;
        while (std::getline(dims, d, ','))
            shape.push_back(d == "T" ? promptTokens : std::stoll(d));
        out.emplace_back(m[1], shape);
    }
    return out;
}

} // namespace

class KeyManifest : public ::testing::TestWithParam<int> { };

TEST_P(KeyManifest, EqualsTheOfficialStateDict)
{
    const int t = GetParam();
    auto expected = officialManifest(t);
    ASSERT_EQ(expected.size(), 527u);
    // The loss's class weights are the one official key inference never uses.
    std::erase_if(expected, [](const auto& e) { return weights::isIgnoredCheckpointKey(e.first); });
    model::CascadeClip m(ModelOptions::official(t));
    auto actual = weights::keyManifest(*m);
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
        EXPECT_EQ(actual[i].first, expected[i].first);
        EXPECT_EQ(actual[i].second, expected[i].second) << actual[i].first;
    }
}

INSTANTIATE_TEST_SUITE_P(PromptLengths, KeyManifest, ::testing::Values(10, 35, 50));

TEST_F(Seeded, ProjectedDecodeEqualsTheDirectOneAndContributionsAddUp)
{
    const auto o = ModelOptions::tiny();
    model::CascadeClip m(o);
    const auto f = m->backbone(torch::randn({1, 3, o.cropSize, o.cropSize}));
    const auto text = torch::randn({4, o.vision.outputDim});
    const auto seen = torch::tensor({true, false, true, false});
    const auto w1 = torch::tensor({0.3f, 0.9f, 0.2f}), w2 = torch::tensor({1.4f, 0.05f, 0.7f});
    const auto projections = m->project(f);
    for (const bool custom : {false, true}) {
        const auto direct
            = m->decode(f, text, seen, true, custom ? w1 : torch::Tensor(), custom ? w2 : torch::Tensor());
        const auto cached = m->decodeProjected(f.global, projections, text, seen, true, custom ? w1 : torch::Tensor(),
            custom ? w2 : torch::Tensor(), true);
        for (size_t s = 0; s < 3; ++s) {
            EXPECT_TRUE(torch::allclose(direct.stageLogits[s], cached.stageLogits[s], 1e-5, 1e-5)) << s;
            const auto& c = cached.contributions[s];
            ASSERT_EQ(c.blocks.size(), s < 2 ? 3u : 1u);
            auto sum = c.bias.expand_as(c.blocks[0]).clone();
            for (const auto& b : c.blocks)
                sum = sum + b;
            EXPECT_TRUE(torch::allclose(sum, cached.stageLogits[s], 1e-5, 1e-5)) << s;
        }
        EXPECT_TRUE(torch::allclose(direct.scores, cached.scores, 1e-5, 1e-5));
    }
}

TEST_F(Seeded, StageMemoReusesExactlyTheStagesWhoseInputsAreUnchanged)
{
    const auto o = ModelOptions::tiny();
    model::CascadeClip m(o);
    const auto f = m->backbone(torch::randn({1, 3, o.cropSize, o.cropSize}));
    const auto projections = m->project(f);
    auto text = torch::randn({3, o.vision.outputDim});
    const auto w1 = torch::tensor({0.3f, 0.9f, 0.2f}), w2 = torch::tensor({1.4f, 0.05f, 0.7f});
    model::StageMemo memo;
    const auto decode = [&](const torch::Tensor& a, const torch::Tensor& b, model::StageMemo* mm) {
        return m->decodeProjected(f.global, projections, text, {}, true, a, b, false, true, mm);
    };
    const auto expectSame = [](const model::CropDecode& x, const model::CropDecode& y) {
        for (size_t s = 0; s < 3; ++s)
            EXPECT_TRUE(torch::equal(x.stageLogits[s], y.stageLogits[s])) << s;
        EXPECT_TRUE(torch::equal(x.scores, y.scores));
    };
    expectSame(decode(w1, w2, &memo), decode(w1, w2, nullptr));
    const auto first = memo.logits;
    ASSERT_EQ(memo.queries[0].scores.size(), 3u); // the first layer's scores, per block
    ASSERT_EQ(memo.queries[2].scores.size(), 1u);
    const auto firstScores = memo.queries[0].scores[0];
    // Only stage 1's weights move: stages 2 and 3 come from the memo, stage 1 is new and right.
    const auto w1b = torch::tensor({0.5f, 0.1f, 0.8f}), w2b = torch::tensor({0.6f, 0.6f, 0.1f});
    expectSame(decode(w1b, w2, &memo), decode(w1b, w2, nullptr));
    EXPECT_FALSE(memo.logits[0].is_same(first[0]));
    EXPECT_TRUE(memo.logits[1].is_same(first[1]));
    EXPECT_TRUE(memo.logits[2].is_same(first[2]));
    EXPECT_TRUE(memo.queries[0].scores[0].is_same(firstScores)); // same classes: only mixed again
    // Equal values in another tensor count as unchanged; the caller changing its text in place does not fool it.
    expectSame(decode(w1b.clone(), w2.clone(), &memo), decode(w1b, w2, nullptr));
    EXPECT_TRUE(memo.logits[2].is_same(first[2]));
    text.mul_(-1.0f);
    expectSame(decode(w1b, w2, &memo), decode(w1b, w2, nullptr));
    for (size_t s = 0; s < 3; ++s)
        EXPECT_FALSE(torch::equal(memo.logits[s], first[s])) << s;
    EXPECT_FALSE(torch::equal(memo.queries[0].scores[0], firstScores));
    // Over the memory budget the first-layer work is not kept, and the result is the same.
    memo.keepQueries = false;
    expectSame(decode(w1, w2b, &memo), decode(w1, w2b, nullptr));
    EXPECT_TRUE(memo.queries[0].scores.empty());
}

TEST_F(Seeded, PackedKernelsAgreeWithThePlainProducts)
{
    // The plain products are what CUDA runs; on CPU they run when the fast kernels are off.
    const auto o = ModelOptions::tiny();
    model::CascadeClip m(o);
    const auto f = m->backbone(torch::randn({1, 3, o.cropSize, o.cropSize}));
    const auto text = torch::randn({6, o.vision.outputDim});
    const auto w1 = torch::tensor({0.3f, 0.9f, 0.2f}), w2 = torch::tensor({1.4f, 0.05f, 0.7f});
    const auto run = [&](bool fast) {
        model::setOneDnnKernels(fast);
        auto projected = m->decodeProjected(f.global, m->project(f), text, {}, true, w1, w2, true);
        auto direct = m->decode(f, text, {}, true, w1, w2);
        model::setOneDnnKernels(true);
        return std::make_pair(projected, direct);
    };
    const auto [fastProjected, fastDirect] = run(true);
    const auto [plainProjected, plainDirect] = run(false);
    for (size_t s = 0; s < 3; ++s) {
        EXPECT_TRUE(torch::allclose(fastProjected.stageLogits[s], plainProjected.stageLogits[s], 1e-5, 1e-5)) << s;
        EXPECT_TRUE(torch::allclose(fastDirect.stageLogits[s], plainDirect.stageLogits[s], 1e-5, 1e-5)) << s;
        const auto& a = fastProjected.contributions[s];
        const auto& b = plainProjected.contributions[s];
        for (size_t i = 0; i < a.blocks.size(); ++i)
            EXPECT_TRUE(torch::allclose(a.blocks[i], b.blocks[i], 1e-5, 1e-5)) << s << "/" << i;
        EXPECT_TRUE(torch::allclose(a.bias, b.bias, 1e-5, 1e-5)) << s;
    }
}
