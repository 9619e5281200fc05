// SPDX-License-Identifier: MIT
#pragma once
// A scriptable stand-in for the real model behind the torch-free facade, for controller and GUI tests.
//
// The test keeps a shared FakeControl and hands the factory to the code under test; every Segmenter the factory
// makes reads its script from, and reports to, that one control object. All members are safe to touch from the
// test thread while the fake runs on a worker thread.

#include <cascadeclip/Error.h>
#include <cascadeclip/Segmenter.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cascadeclip::test {

/// What the next calls of the fake do. Copy it in with FakeControl::setScript().
struct FakeScript {
    int windows = 2; // progress steps reported per segment()
    std::chrono::milliseconds perWindow {0}; // sleep per window (cancel is polled while sleeping)
    bool blockUntilReleased = false; // wait at the first window until release() (or cancel)
    std::optional<ErrorCode> throwError; // throw cascadeclip::Error(code, throwDetail) ...
    bool throwStdException = false; // ... or a std::runtime_error(throwDetail)
    bool throwNonStdException = false; // ... or an int, which derives from nothing
    int throwAtWindow = 0; // ... before this window
    std::string throwDetail = "scripted failure";
    bool honourCancel = true; // false: run to the end even when canceled
    bool blockRedecodeUntilReleased = false; // redecode() waits like segment() does with blockUntilReleased
};

class FakeControl : public std::enable_shared_from_this<FakeControl> {
public:
    void setScript(const FakeScript& script);
    FakeScript script() const;

    /// Lets a segment() that waits in blockUntilReleased go on.
    void release();
    /// Waits (up to `timeout`) until a segment() call is blocked, waiting for release().
    bool waitUntilBlocked(std::chrono::milliseconds timeout);

    /// Makes the factory throw Error(code, detail) for the next load.
    void failNextLoad(ErrorCode code, std::string detail);

    /// The factory to inject: builds a FakeSegmenter that reports to this control.
    std::function<std::unique_ptr<Segmenter>(const std::string&, const SegmenterOptions&)> factory();

    std::atomic<int> loads {0};
    std::atomic<int> segmentCalls {0};
    std::atomic<int> redecodeCalls {0};
    std::atomic<int> completedCalls {0};
    std::atomic<int> canceledCalls {0};
    std::atomic<std::thread::id> lastThread {};
    std::atomic<int> threadsAtLoad {-1}; // LibTorch intra-op threads of the thread that ran the factory
    SegmentationRequest lastRequest() const;
    /// Every redecode() request in call order (the NGA weights the GUI asked for).
    std::vector<SegmentationRequest> redecodeRequests() const;
    std::atomic<int> inspectCalls {0};
    std::string lastLoadedPath() const;

private:
    friend class FakeSegmenter;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    FakeScript m_script;
    bool m_released = false;
    bool m_blocked = false;
    std::optional<std::pair<ErrorCode, std::string>> m_loadFailure;
    SegmentationRequest m_lastRequest;
    std::vector<SegmentationRequest> m_redecodeRequests;
    std::string m_lastLoadedPath;
};

/// Segments by colour: k-means over the image's pixels gives one cluster per requested class, so regions follow
/// the picture's structure and screenshots look plausible. Probabilities fall off with colour distance, which
/// gives a confidence map with soft boundaries for threshold tests.
class FakeSegmenter : public Segmenter {
public:
    FakeSegmenter(std::shared_ptr<FakeControl> control, std::string path);

    const ModelInfo& info() const override { return m_info; }
    SegmentationResult segment(const cv::Mat& bgr, const SegmentationRequest& request, const RunHooks& hooks) override;
    SegmentationResult redecode(const SegmentationRequest& request, const RunHooks& hooks) override;
    /// The split of decode()'s stage logits at one pixel: the stage values of stageLogit(), stages 1 and 2 split
    /// over their blocks in proportion to the NGA weights, a zero bias.
    PixelInspection inspect(int x, int y, const SegmentationRequest& request) override;

    /// The checkpoint NGA weights the fake reports (ModelInfo::ngaStage1 and ngaStage2).
    static constexpr std::array<float, 3> kCheckpointNga {0.2f, 0.3f, 0.5f};

    /**
     * The fake's stage logits, a deterministic function of the fused logit L_c = log(p_c / (1 - p_c)) of its colour
     * probabilities p and of the NGA weights: stage 1 = 0.4 * sum(w1) * L of the next class ((c + 1) mod C),
     * stage 2 = 0.3 * sum(w2) * L of the class after it ((c + 2) mod C), stage 3 = the rest, so the three add up to
     * L_c. A stage's label map thus differs from the fused one in a known way, and moving a slider scales it.
     * @param logits the fused logit of every class at one pixel
     */
    static std::array<float, 3> stageLogit(
        const std::vector<float>& logits, size_t c, const std::array<float, 3>& w1, const std::array<float, 3>& w2);

    /// The pure decoding step, exposed for tests that want the expected labels of an image.
    static SegmentationResult decode(const cv::Mat& bgr, const SegmentationRequest& request);

private:
    void runWindows(const RunHooks& hooks, int windows);
    void waitForRelease(const RunHooks& hooks);

    std::shared_ptr<FakeControl> m_control;
    ModelInfo m_info;
    cv::Mat m_cached;
};

} // namespace cascadeclip::test
