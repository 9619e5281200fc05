// SPDX-License-Identifier: MIT
// The pictures of label maps and score maps shared by the GUI and `cascadeclip render`.
#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>
#include <cascadeclip/render/Render.h>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <cmath>

using namespace cascadeclip;

namespace {

int lightness(const render::Rgb& c)
{
    return 299 * c[0] + 587 * c[1] + 114 * c[2];
}

} // namespace

TEST(Render, ColormapIsPerceptualAndMonotone)
{
    const auto& table = render::colormap();
    // Viridis: dark violet to yellow, lightness rising all the way.
    EXPECT_LT(lightness(table[0]), lightness(table[255]));
    EXPECT_GT(table[0][2], table[0][1]); // blue-ish start
    EXPECT_GT(table[255][0], 200); // yellow end
    for (size_t i = 1; i < table.size(); ++i)
        EXPECT_LE(lightness(table[i - 1]), lightness(table[i]) + 300) << i;
    const render::ValueRange r {-2.0f, 6.0f};
    EXPECT_EQ(render::colormapIndex(-5.0f, r), 0);
    EXPECT_EQ(render::colormapIndex(-2.0f, r), 0);
    EXPECT_EQ(render::colormapIndex(2.0f, r), 128);
    EXPECT_EQ(render::colormapIndex(6.0f, r), 255);
    EXPECT_EQ(render::colormapIndex(99.0f, r), 255);
    EXPECT_EQ(render::colormapIndex(std::nanf(""), r), 0);
    int previous = 0;
    for (float v = -3.0f; v <= 7.0f; v += 0.01f) {
        const int i = render::colormapIndex(v, r);
        EXPECT_GE(i, previous);
        previous = i;
    }
}

TEST(Render, HeatmapFollowsTheValues)
{
    cv::Mat map(3, 4, CV_32FC1);
    for (int i = 0; i < 12; ++i)
        map.at<float>(i / 4, i % 4) = float(i) / 11.0f;
    const cv::Mat bgr = render::heatmap(map, render::kProbabilityRange);
    ASSERT_EQ(bgr.type(), CV_8UC3);
    for (int i = 0; i < 12; ++i) {
        const auto& c = render::colormap()[size_t(render::colormapIndex(map.at<float>(i / 4, i % 4), {0, 1}))];
        EXPECT_EQ(bgr.at<cv::Vec3b>(i / 4, i % 4), cv::Vec3b(c[2], c[1], c[0])) << i;
    }
    const auto range = render::finiteRange(map);
    EXPECT_EQ(range.min, 0.0f);
    EXPECT_EQ(range.max, 1.0f);
    cv::Mat flat(2, 2, CV_32FC1, cv::Scalar(3.0f));
    flat.at<float>(0, 0) = std::numeric_limits<float>::infinity();
    const auto flatRange = render::finiteRange(flat);
    EXPECT_LT(flatRange.min, 3.0f);
    EXPECT_GT(flatRange.max, 3.0f);
}

TEST(Render, LabelsArgmaxThresholdAndColours)
{
    cv::Mat a(1, 4, CV_32FC1), b(1, 4, CV_32FC1);
    a.at<float>(0, 0) = 2.0f, b.at<float>(0, 0) = 1.0f; // a
    a.at<float>(0, 1) = 1.0f, b.at<float>(0, 1) = 3.0f; // b
    a.at<float>(0, 2) = 0.5f, b.at<float>(0, 2) = 0.5f; // tie: the lower index
    a.at<float>(0, 3) = -3.0f, b.at<float>(0, 3) = -2.0f; // b, but sigmoid(-2) = 0.12
    const cv::Mat labels = render::stageLabels({a, b}, 0.0f);
    EXPECT_EQ(labels.at<std::uint16_t>(0, 0), 0);
    EXPECT_EQ(labels.at<std::uint16_t>(0, 1), 1);
    EXPECT_EQ(labels.at<std::uint16_t>(0, 2), 0);
    EXPECT_EQ(labels.at<std::uint16_t>(0, 3), 1);
    // A threshold on the stage probability: sigmoid(-2) < 0.2 <= sigmoid(0.5).
    const cv::Mat thresholded = render::stageLabels({a, b}, 0.2f);
    EXPECT_EQ(thresholded.at<std::uint16_t>(0, 2), 0);
    EXPECT_EQ(thresholded.at<std::uint16_t>(0, 3), kUnlabeled);
    // Saturated logits stay distinct (the sigmoid would round both to 1).
    cv::Mat big1(1, 1, CV_32FC1, cv::Scalar(40.0f)), big2(1, 1, CV_32FC1, cv::Scalar(50.0f));
    EXPECT_EQ(render::stageLabels({big1, big2}, 0.5f).at<std::uint16_t>(0, 0), 1);

    const auto colors = render::defaultColors(2);
    EXPECT_EQ(colors[1], (render::Rgb {128, 0, 0})); // VOC colour map, as the exports
    const cv::Mat bgr = render::colorizeLabels(thresholded, colors);
    EXPECT_EQ(bgr.at<cv::Vec3b>(0, 1), cv::Vec3b(0, 0, 128));
    const auto& none = annotation::kUnlabeledColor;
    EXPECT_EQ(bgr.at<cv::Vec3b>(0, 3), cv::Vec3b(none[2], none[1], none[0]));

    const cv::Mat s = render::sigmoid(a);
    EXPECT_NEAR(s.at<float>(0, 0), 1.0 / (1.0 + std::exp(-2.0)), 1e-6);
    const cv::Mat total = render::sum({a, b});
    EXPECT_FLOAT_EQ(total.at<float>(0, 1), 4.0f);
    EXPECT_THROW(render::argmaxLabels({}), Error);
    EXPECT_THROW(render::argmaxLabels({a, cv::Mat(2, 2, CV_32FC1)}), Error);
}

TEST(Render, ColorBarLegendFrame)
{
    cv::Mat map(60, 80, CV_32FC1);
    cv::randu(map, -1.0f, 1.0f);
    const cv::Mat out = render::heatmapWithColorBar(map, {-1.0f, 1.0f}, "cat - logit, stage 1");
    EXPECT_GT(out.cols, map.cols + 40);
    EXPECT_GE(out.rows, 140);
    const cv::Mat bar = render::colorBar(10, 50);
    const auto& top = render::colormap()[255];
    const auto& bottom = render::colormap()[0];
    EXPECT_EQ(bar.at<cv::Vec3b>(0, 5), cv::Vec3b(top[2], top[1], top[0]));
    EXPECT_EQ(bar.at<cv::Vec3b>(49, 5), cv::Vec3b(bottom[2], bottom[1], bottom[0]));
    EXPECT_EQ(render::formatValue(0.5f), "0.5");
    EXPECT_EQ(render::formatValue(-12.345f), "-12.3");
    EXPECT_EQ(render::formatValue(-0.0f), "0");
}
