// SPDX-License-Identifier: MIT
#include "FakeSegmenter.h"

#include <cascadeclip/Runtime.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace cascadeclip::test {

void FakeControl::setScript(const FakeScript& script)
{
    std::lock_guard lock(m_mutex);
    m_script = script;
    m_released = false;
}

FakeScript FakeControl::script() const
{
    std::lock_guard lock(m_mutex);
    return m_script;
}

void FakeControl::release()
{
    {
        std::lock_guard lock(m_mutex);
        m_released = true;
    }
    m_cv.notify_all();
}

bool FakeControl::waitUntilBlocked(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_cv.wait_for(lock, timeout, [this] { return m_blocked; });
}

void FakeControl::failNextLoad(ErrorCode code, std::string detail)
{
    std::lock_guard lock(m_mutex);
    m_loadFailure = std::make_pair(code, std::move(detail));
}

std::function<std::unique_ptr<Segmenter>(const std::string&, const SegmenterOptions&)> FakeControl::factory()
{
    auto self = shared_from_this();
    return [self](const std::string& path, const SegmenterOptions&) -> std::unique_ptr<Segmenter> {
        ++self->loads;
        self->threadsAtLoad = runtimeInfo().intraOpThreads;
        {
            std::lock_guard lock(self->m_mutex);
            self->m_lastLoadedPath = path;
            if (self->m_loadFailure) {
                auto failure = *self->m_loadFailure;
                self->m_loadFailure.reset();
                throw Error(failure.first, failure.second);
            }
        }
        return std::make_unique<FakeSegmenter>(self, path);
    };
}

SegmentationRequest FakeControl::lastRequest() const
{
    std::lock_guard lock(m_mutex);
    return m_lastRequest;
}

std::vector<SegmentationRequest> FakeControl::redecodeRequests() const
{
    std::lock_guard lock(m_mutex);
    return m_redecodeRequests;
}

std::string FakeControl::lastLoadedPath() const
{
    std::lock_guard lock(m_mutex);
    return m_lastLoadedPath;
}

FakeSegmenter::FakeSegmenter(std::shared_ptr<FakeControl> control, std::string path)
    : m_control(std::move(control))
{
    m_info.weightsPath = std::move(path);
    m_info.weightsId = "fake0001";
    m_info.promptTokens = 10;
    m_info.classNames = {"aeroplane", "bicycle", "bird"};
    m_info.seenIndices = {0, 1};
    m_info.ngaStage1 = kCheckpointNga;
    m_info.ngaStage2 = kCheckpointNga;
    m_info.device = "cpu";
}

void FakeSegmenter::runWindows(const RunHooks& hooks, int windows)
{
    const FakeScript script = m_control->script();
    const auto canceled = [&] { return script.honourCancel && hooks.isCanceled && hooks.isCanceled(); };
    const auto fail = [&] {
        if (script.throwError)
            throw Error(*script.throwError, script.throwDetail);
        if (script.throwStdException)
            throw std::runtime_error(script.throwDetail);
        if (script.throwNonStdException)
            throw 42;
    };
    for (int w = 0; w < windows; ++w) {
        if (canceled()) {
            ++m_control->canceledCalls;
            throw Canceled();
        }
        if (w == script.throwAtWindow)
            fail();
        if (w == 0 && script.blockUntilReleased) {
            std::unique_lock lock(m_control->m_mutex);
            m_control->m_blocked = true;
            m_control->m_cv.notify_all();
            // Poll the cancel flag while blocked: a real model checks it between windows, not never.
            while (!m_control->m_released && !canceled())
                m_control->m_cv.wait_for(lock, std::chrono::milliseconds(5));
            m_control->m_blocked = false;
            m_control->m_released = false;
            if (canceled()) {
                ++m_control->canceledCalls;
                throw Canceled();
            }
        }
        const auto until = std::chrono::steady_clock::now() + script.perWindow;
        while (std::chrono::steady_clock::now() < until && !canceled())
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        if (hooks.onProgress)
            hooks.onProgress(w + 1, windows);
    }
    if (canceled()) {
        ++m_control->canceledCalls;
        throw Canceled();
    }
}

SegmentationResult FakeSegmenter::segment(const cv::Mat& bgr, const SegmentationRequest& request, const RunHooks& hooks)
{
    ++m_control->segmentCalls;
    m_control->lastThread = std::this_thread::get_id();
    {
        std::lock_guard lock(m_control->m_mutex);
        m_control->m_lastRequest = request;
    }
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw Error(ErrorCode::ImageUnreadable, "fake: expected a non-empty CV_8UC3 image");
    const int windows = std::max(1, m_control->script().windows);
    runWindows(hooks, windows);
    m_cached = bgr.clone();
    SegmentationResult result = decode(bgr, request);
    result.windows = windows;
    ++m_control->completedCalls;
    return result;
}

void FakeSegmenter::waitForRelease(const RunHooks& hooks)
{
    const auto canceled = [&] { return hooks.isCanceled && hooks.isCanceled(); };
    std::unique_lock lock(m_control->m_mutex);
    m_control->m_blocked = true;
    m_control->m_cv.notify_all();
    while (!m_control->m_released && !canceled())
        m_control->m_cv.wait_for(lock, std::chrono::milliseconds(5));
    m_control->m_blocked = false;
    m_control->m_released = false;
}

SegmentationResult FakeSegmenter::redecode(const SegmentationRequest& request, const RunHooks& hooks)
{
    ++m_control->redecodeCalls;
    m_control->lastThread = std::this_thread::get_id();
    {
        std::lock_guard lock(m_control->m_mutex);
        m_control->m_lastRequest = request;
        m_control->m_redecodeRequests.push_back(request);
    }
    if (m_cached.empty())
        throw Error(ErrorCode::InvalidInput, "fake: redecode() before segment()");
    if (m_control->script().blockRedecodeUntilReleased)
        waitForRelease(hooks);
    if (hooks.isCanceled && hooks.isCanceled())
        throw Canceled();
    SegmentationResult result = decode(m_cached, request);
    ++m_control->completedCalls;
    return result;
}

std::array<float, 3> FakeSegmenter::stageLogit(
    const std::vector<float>& logits, size_t c, const std::array<float, 3>& w1, const std::array<float, 3>& w2)
{
    const size_t k = logits.size();
    const float s1 = 0.4f * (w1[0] + w1[1] + w1[2]) * logits[(c + 1) % k];
    const float s2 = 0.3f * (w2[0] + w2[1] + w2[2]) * logits[(c + 2) % k];
    return {s1, s2, logits[c] - s1 - s2};
}

namespace {

float logitOf(float p)
{
    const float q = std::clamp(p, 1e-4f, 1.0f - 1e-4f);
    return std::log(q / (1 - q));
}

} // namespace

PixelInspection FakeSegmenter::inspect(int x, int y, const SegmentationRequest& request)
{
    ++m_control->inspectCalls;
    if (m_cached.empty())
        throw Error(ErrorCode::InvalidInput, "fake: inspect() before segment()");
    if (x < 0 || y < 0 || x >= m_cached.cols || y >= m_cached.rows)
        throw Error(ErrorCode::InvalidInput, "fake: pixel outside the image");
    SegmentationRequest all = request;
    all.keepProbabilities = true;
    const SegmentationResult r = decode(m_cached, all);
    PixelInspection out;
    out.x = x;
    out.y = y;
    const std::array<float, 3> w1 = request.ngaStage1.value_or(kCheckpointNga);
    const std::array<float, 3> w2 = request.ngaStage2.value_or(kCheckpointNga);
    std::vector<float> logits;
    for (size_t c = 0; c < request.classNames.size(); ++c)
        logits.push_back(logitOf(c < r.probabilities.size() ? r.probabilities[c].at<float>(y, x) : 0.0f));
    for (size_t c = 0; c < request.classNames.size(); ++c) {
        ClassInspection ci;
        ci.probability = std::clamp(r.probabilities[c].at<float>(y, x), 1e-4f, 1.0f - 1e-4f);
        ci.logit = logits[c];
        ci.stageLogits = stageLogit(logits, c, w1, w2);
        for (size_t st = 0; st < 2; ++st) {
            const auto& w = st == 0 ? w1 : w2;
            const float total = w[0] + w[1] + w[2];
            for (size_t b = 0; b < 3; ++b)
                ci.blockShares[st][b] = total != 0 ? ci.stageLogits[st] * w[b] / total : 0;
        }
        out.classes.push_back(ci);
    }
    return out;
}

SegmentationResult FakeSegmenter::decode(const cv::Mat& bgr, const SegmentationRequest& request)
{
    const int k = static_cast<int>(request.classNames.size());
    if (k == 0)
        throw Error(ErrorCode::InvalidInput, "fake: no class names");
    if (k > 0xFFFE)
        throw Error(ErrorCode::InvalidInput, "fake: too many classes");

    // Cluster a small copy (deterministic seed) so the cost stays tiny, then assign every full-size pixel.
    cv::Mat small;
    const double scale = std::min(1.0, 64.0 / std::max(bgr.cols, bgr.rows));
    cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::Mat samples;
    small.reshape(1, small.rows * small.cols).convertTo(samples, CV_32F);
    cv::Mat centres;
    const int clusters = std::min(k, samples.rows);
    cv::Mat bestLabels;
    cv::theRNG().state = 42;
    cv::kmeans(samples, clusters, bestLabels,
        cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 20, 0.5), 3, cv::KMEANS_PP_CENTERS, centres);
    // Class order = centres sorted by brightness, so "sky" typed first tends to be the brightest region.
    std::vector<int> order(static_cast<size_t>(clusters));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
        [&](int a, int b) { return cv::sum(centres.row(a))[0] > cv::sum(centres.row(b))[0]; });

    SegmentationResult result;
    result.classNames = request.classNames;
    result.labels.create(bgr.size(), CV_16UC1);
    result.confidence.create(bgr.size(), CV_32FC1);
    if (request.keepProbabilities)
        for (int c = 0; c < k; ++c)
            result.probabilities.emplace_back(bgr.size(), CV_32FC1, cv::Scalar(0));
    constexpr float kSigma2 = 2.0f * 45.0f * 45.0f;
    const auto probabilityOf = [&](const cv::Vec3b& px, int c) {
        const float* centre = centres.ptr<float>(order[static_cast<size_t>(c)]);
        float d2 = 0;
        for (int ch = 0; ch < 3; ++ch) {
            const float d = static_cast<float>(px[ch]) - centre[ch];
            d2 += d * d;
        }
        return std::exp(-d2 / kSigma2);
    };
    for (int y = 0; y < bgr.rows; ++y) {
        const auto* px = bgr.ptr<cv::Vec3b>(y);
        auto* lab = result.labels.ptr<std::uint16_t>(y);
        auto* conf = result.confidence.ptr<float>(y);
        for (int x = 0; x < bgr.cols; ++x) {
            float best = -1.0f;
            int bestClass = 0;
            for (int c = 0; c < clusters; ++c) {
                const float p = probabilityOf(px[x], c);
                if (request.keepProbabilities)
                    result.probabilities[static_cast<size_t>(c)].at<float>(y, x) = p;
                if (p > best) {
                    best = p;
                    bestClass = c;
                }
            }
            conf[x] = best;
            lab[x] = best < request.threshold ? kUnlabeled : static_cast<std::uint16_t>(bestClass);
        }
    }
    if (request.keepStageLogits) {
        const std::array<float, 3> w1 = request.ngaStage1.value_or(kCheckpointNga);
        const std::array<float, 3> w2 = request.ngaStage2.value_or(kCheckpointNga);
        for (auto& stage : result.stageLogits)
            for (int c = 0; c < k; ++c)
                stage.emplace_back(bgr.size(), CV_32FC1, cv::Scalar(0));
        std::vector<float> logits(static_cast<size_t>(k));
        for (int y = 0; y < bgr.rows; ++y) {
            const auto* px = bgr.ptr<cv::Vec3b>(y);
            for (int x = 0; x < bgr.cols; ++x) {
                for (int c = 0; c < k; ++c)
                    logits[static_cast<size_t>(c)] = c < clusters ? logitOf(probabilityOf(px[x], c)) : logitOf(0.0f);
                for (int c = 0; c < k; ++c) {
                    const auto st = stageLogit(logits, static_cast<size_t>(c), w1, w2);
                    for (size_t s = 0; s < 3; ++s)
                        result.stageLogits[s][static_cast<size_t>(c)].at<float>(y, x) = st[s];
                }
            }
        }
    }
    return result;
}

} // namespace cascadeclip::test
