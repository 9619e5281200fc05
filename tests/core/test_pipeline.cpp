// SPDX-License-Identifier: MIT
// Preprocessing and sliding windows, without a model.
#include "ops/Resize.h"
#include "ops/SmallGemm.h"
#include "pipeline/Inference.h"
#include "pipeline/Preprocess.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>

#include <gtest/gtest.h>

using namespace cascadeclip;
using namespace cascadeclip::pipeline;

TEST(Rescale, ShortSideBecomes512WithMmcvRounding)
{
    EXPECT_EQ(rescaledSize({500, 375}, 512), cv::Size(683, 512)); // VOC, spec Appendix B
    EXPECT_EQ(rescaledSize({375, 500}, 512), cv::Size(512, 683));
    EXPECT_EQ(rescaledSize({512, 512}, 512), cv::Size(512, 512));
    EXPECT_EQ(rescaledSize({2048, 1024}, 512), cv::Size(1024, 512));
    EXPECT_EQ(rescaledSize({4000, 300}, 512), cv::Size(6827, 512)); // the 2048 cap does not apply
    EXPECT_EQ(rescaledSize({100, 75}, 64), cv::Size(85, 64));
}

TEST(SlidingWindows, VocSizeGivesTwoWindows)
{
    const auto w = slidingWindows(512, 683, 512, 426);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0].x1, 0);
    EXPECT_EQ(w[0].x2, 512);
    EXPECT_EQ(w[1].x1, 171); // shifted back to end at the border
    EXPECT_EQ(w[1].x2, 683);
    EXPECT_EQ(w[1].y1, 0);
    EXPECT_EQ(w[1].y2, 512);
}

TEST(SlidingWindows, CoverEveryPixel)
{
    for (const auto& [h, wd] : std::vector<std::pair<int, int>> {{512, 512}, {512, 1500}, {1100, 513}, {2000, 2000}}) {
        cv::Mat count = cv::Mat::zeros(h, wd, CV_32S);
        for (const auto& w : slidingWindows(h, wd, 512, 426)) {
            EXPECT_EQ(w.y2 - w.y1, 512);
            EXPECT_EQ(w.x2 - w.x1, 512);
            count(cv::Rect(w.x1, w.y1, 512, 512)) += 1;
        }
        EXPECT_EQ(cv::countNonZero(count == 0), 0) << h << "x" << wd;
    }
}

TEST(Preprocess, NormalisesInRgbOrder)
{
    // A uniform BGR colour of the right size is not resized; each channel is (v - mean) / std in RGB order.
    cv::Mat bgr(64, 64, CV_8UC3, cv::Scalar(10, 120, 250));
    const auto t = preprocess(bgr, 64);
    ASSERT_EQ(t.sizes(), (std::vector<int64_t> {1, 3, 64, 64}));
    EXPECT_NEAR(t[0][0][5][5].item<float>(), (250 - kMeanRgb[0]) / kStdRgb[0], 1e-5);
    EXPECT_NEAR(t[0][1][5][5].item<float>(), (120 - kMeanRgb[1]) / kStdRgb[1], 1e-5);
    EXPECT_NEAR(t[0][2][5][5].item<float>(), (10 - kMeanRgb[2]) / kStdRgb[2], 1e-5);
}

TEST(Preprocess, RejectsWhatIsNotBgr)
{
    EXPECT_THROW(preprocess(cv::Mat(), 64), cascadeclip::Error);
    EXPECT_THROW(preprocess(cv::Mat(8, 8, CV_8UC1), 64), cascadeclip::Error);
}

TEST(Labels, ArgmaxAndThreshold)
{
    // [1, 2, 1, 3]: pixel 0 prefers class 1, pixel 1 class 0, pixel 2 is below the threshold.
    const auto scores = torch::tensor({0.2f, 0.9f, 0.2f, 0.7f, 0.1f, 0.25f}).view({1, 2, 1, 3});
    cv::Mat labels, confidence;
    labelsFromScores(scores, 0.28f, labels, confidence);
    ASSERT_EQ(labels.type(), CV_16UC1);
    EXPECT_EQ(labels.at<uint16_t>(0, 0), 1);
    EXPECT_EQ(labels.at<uint16_t>(0, 1), 0);
    EXPECT_EQ(labels.at<uint16_t>(0, 2), kUnlabeled);
    EXPECT_FLOAT_EQ(confidence.at<float>(0, 0), 0.7f);
    EXPECT_FLOAT_EQ(confidence.at<float>(0, 2), 0.25f);
}

TEST(ResizeBilinear, AgreesWithInterpolateUpAndDown)
{
    namespace F = torch::nn::functional;
    torch::manual_seed(3);
    // The head's 32 -> 512 upsampling, a non-square one, and the final downsampling to the original size.
    const std::vector<std::array<int64_t, 6>> cases {
        {1, 20, 32, 32, 512, 512}, {2, 3, 7, 11, 50, 23}, {1, 4, 512, 683, 375, 500}, {1, 1, 1, 1, 4, 3}};
    for (const auto& [b, c, h, w, oh, ow] : cases) {
        const auto x = torch::randn({b, c, h, w}) * 5;
        const auto expected = F::interpolate(x,
            F::InterpolateFuncOptions()
                .size(std::vector<int64_t> {oh, ow})
                .mode(torch::kBilinear)
                .align_corners(false));
        const auto got = ops::resizeBilinear(x, oh, ow);
        ASSERT_EQ(got.sizes(), expected.sizes());
        EXPECT_LE((got - expected).abs().max().item<float>(), 1e-5f) << h << "x" << w << " -> " << oh << "x" << ow;
    }
}

class SlideWindowScores : public ::testing::TestWithParam<float> { };

TEST_P(SlideWindowScores, EqualsTheStepByStepComposition)
{
    torch::manual_seed(4);
    // Two overlapping 16-pixel windows of 4x4 logits on a 16x23 canvas, resized to 12x17; class 1 seen. The
    // parameter scales the logits: large ones saturate the sigmoid.
    const int64_t classes = 3, g = 4, crop = 16, h = 16, w = 23, oh = 12, ow = 17;
    const float spread = GetParam();
    const std::vector<torch::Tensor> logits {
        torch::randn({classes, g, g}) * spread, torch::randn({classes, g, g}) * spread};
    const std::vector<ops::WindowOrigin> origins {{0, 0}, {0, w - crop}};
    const std::vector<float> offsets {0.0f, 0.1f, 0.0f};
    auto preds = torch::zeros({1, classes, h, w});
    auto count = torch::zeros({1, 1, h, w});
    const auto offset = torch::tensor(offsets).view({1, classes, 1, 1});
    for (size_t k = 0; k < logits.size(); ++k) {
        const auto scores = ops::resizeBilinear(logits[k].unsqueeze(0), crop, crop).sigmoid_().sub_(offset);
        const int64_t x = origins[k].x;
        preds.slice(3, x, x + crop) += scores;
        count.slice(3, x, x + crop) += 1;
    }
    const auto expected = ops::resizeBilinear(preds / count, oh, ow);
    const auto got = ops::slideWindowScores(logits, origins, crop, h, w, offsets, oh, ow);
    ASSERT_EQ(got.sizes(), expected.sizes());
    EXPECT_LE((got - expected).abs().max().item<float>(), 1e-6f);

    // Without the sigmoid (the level views' stage maps): the averaged upsampled logits, exactly.
    auto sums = torch::zeros({1, classes, h, w});
    for (size_t k = 0; k < logits.size(); ++k)
        sums.slice(3, origins[k].x, origins[k].x + crop) += ops::resizeBilinear(logits[k].unsqueeze(0), crop, crop);
    const auto plain = ops::slideWindowScores(logits, origins, crop, h, w, {}, oh, ow, false);
    EXPECT_TRUE(torch::equal(plain, ops::resizeBilinear(sums / count, oh, ow)));
}

INSTANTIATE_TEST_SUITE_P(LogitSpread, SlideWindowScores, ::testing::Values(0.01f, 3.0f, 40.0f, 1000.0f));

TEST(ResizeBilinear, ReadsStridedInput)
{
    const auto x = torch::randn({1, 2, 8, 8}).transpose(2, 3);
    const auto expected = ops::resizeBilinear(x.contiguous(), 16, 12);
    EXPECT_TRUE(torch::equal(ops::resizeBilinear(x, 16, 12), expected));
}

TEST(SmallGemm, AgreesWithMatmulOnEveryShapeEdge)
{
    torch::manual_seed(3);
    // Rows around the register block (5), outputs around the panel (64), one and many panels.
    for (const int64_t rows : {1, 4, 5, 7, 20, 171})
        for (const int64_t o : {1, 32, 64, 65, 200})
            for (const int64_t k : {1, 16, 512}) {
                const auto x = torch::randn({rows, k}), w = torch::randn({o, k}), bias = torch::randn({o});
                const auto packed = ops::packRows(w);
                const auto y = ops::linearPacked(x, packed, bias);
                const auto expected = torch::addmm(bias, x, w.t());
                EXPECT_TRUE(torch::allclose(y, expected, 1e-4, 1e-4)) << rows << "x" << k << " * " << o;
                // Packing the transposed matrix gives the same panels.
                EXPECT_TRUE(torch::equal(ops::packColumns(w.t().contiguous()).data, packed.data));
            }
}

TEST(SmallGemm, WritesIntoStridedRowsWithScaleAndNoBias)
{
    torch::manual_seed(4);
    const auto x = torch::randn({6, 40}), w = torch::randn({70, 24});
    const auto packed = ops::packRows(w);
    auto out = torch::full({6, 100}, 7.0f);
    // Columns 8..31 of x as the rows' inputs, columns 10..79 of out as the outputs.
    ops::gemmPacked(x.data_ptr<float>() + 8, 6, 40, packed, nullptr, 0.5f, out.data_ptr<float>() + 10, 100);
    const auto expected = 0.5f * torch::mm(x.slice(1, 8, 32), w.t());
    EXPECT_TRUE(torch::allclose(out.slice(1, 10, 80), expected, 1e-4, 1e-4));
    EXPECT_TRUE(torch::equal(out.slice(1, 0, 10), torch::full({6, 10}, 7.0f)));
    EXPECT_TRUE(torch::equal(out.slice(1, 80), torch::full({6, 20}, 7.0f)));
}

TEST(SmallGemm, PackCacheRepacksWhenTheWeightChanges)
{
    ops::PackCache cache;
    auto w = torch::randn({8, 4});
    const auto first = cache.get(w);
    EXPECT_TRUE(cache.get(w).data.is_same(first.data));
    w.mul_(2.0f); // same storage, new version
    const auto second = cache.get(w);
    EXPECT_FALSE(second.data.is_same(first.data));
    EXPECT_TRUE(torch::allclose(ops::linearPacked(torch::eye(4), second, {}), w.t()));
}
