// SPDX-License-Identifier: MIT
#pragma once
// Pictures of label maps and per-class score maps, shared by the desktop application and `cascadeclip render` so
// both draw the same colours: a label map through a colour table, a score map through one perceptual colour map
// (viridis: lightness rises monotonically with the value, readable in greyscale and by colour-blind readers) with a
// colour bar whose ends carry the range and whose title names the class.
//
// Images are OpenCV BGR CV_8UC3. All functions may be called from any thread.

#include <cascadeclip/annotation/LabelSet.h>

#include <opencv2/core/mat.hpp>

#include <array>
#include <limits>
#include <string>
#include <vector>

namespace cascadeclip::render {

using annotation::Rgb;

/// Closed range of values that the colour map spans (values outside are clamped to its ends).
struct ValueRange {
    float min = 0.0f;
    float max = 1.0f;
};

/// The colour map: 256 RGB entries from the lowest value (dark violet) to the highest (yellow).
const std::array<Rgb, 256>& colormap();

/// Index into colormap() of `value` within `range` (0 at or below min, 255 at or above max; NaN gives 0).
int colormapIndex(float value, ValueRange range);

/// The smallest and largest finite values of a CV_32FC1 map; {0, 1} when it has none. A flat map gets a range one
/// unit wide around its value, so it still maps to one well-defined colour.
ValueRange finiteRange(const cv::Mat& map);

/// The range of a probability map: [0, 1], the scale on which maps of different classes and stages compare.
inline constexpr ValueRange kProbabilityRange {0.0f, 1.0f};

/**
 * Colours a label map. `labels` CV_16UC1; pixel v becomes colors[v], kUnlabeled (and any value without a colour)
 * becomes `unlabeled`.
 * @return BGR CV_8UC3 of the same size
 */
cv::Mat colorizeLabels(
    const cv::Mat& labels, const std::vector<Rgb>& colors, Rgb unlabeled = annotation::kUnlabeledColor);

/// Colours of the classes 0..count-1 as the exports draw them (annotation::classColor of plain names).
std::vector<Rgb> defaultColors(std::size_t count);

/**
 * Argmax over per-class CV_32FC1 maps (equal sizes) -> CV_16UC1 class indices. Pixels whose best value is below
 * `minimum` become kUnlabeled; ties go to the lower index, like torch.argmax.
 */
cv::Mat argmaxLabels(const std::vector<cv::Mat>& maps, float minimum = -std::numeric_limits<float>::infinity());

/**
 * A stage's label map: the argmax of its logits (CV_32FC1 per class); pixels whose best stage probability
 * sigmoid(logit) is below `threshold` become kUnlabeled. Computed on the logits, where the sigmoid's saturation
 * cannot create ties.
 */
cv::Mat stageLabels(const std::vector<cv::Mat>& logits, float threshold);

/// Elementwise logistic function of a CV_32FC1 map: a stage's logits -> that stage's own probability.
cv::Mat sigmoid(const cv::Mat& logits);

/// Elementwise sum of CV_32FC1 maps of equal size (the fused logit is the sum of the three stage logits).
cv::Mat sum(const std::vector<cv::Mat>& maps);

/// A CV_32FC1 map through the colour map, clamped to `range` -> BGR CV_8UC3.
cv::Mat heatmap(const cv::Mat& map, ValueRange range);

/// The colour bar itself: `width` x `height` BGR, the highest value at the top row, the lowest at the bottom.
cv::Mat colorBar(int width, int height);

/// A value as the legends print it: up to 3 significant digits ("0.5", "-12.3", "1.25e+03").
std::string formatValue(float value);

/**
 * The heatmap of `map` with a legend: `title` above, and to the right a colour bar labelled with range.max at its
 * top and range.min at its bottom (white background, for papers and reports).
 * @return BGR CV_8UC3, at least as large as the map
 */
cv::Mat heatmapWithColorBar(const cv::Mat& map, ValueRange range, const std::string& title);

} // namespace cascadeclip::render
