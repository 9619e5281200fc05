// SPDX-License-Identifier: MIT
#include "FakeSegmenter.h"
#include "ui/SegmentationController.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

using namespace std::chrono_literals;
using cascadeclip::ErrorCode;
using cascadeclip::SegmentationRequest;
using cascadeclip::SegmentationResult;
using cascadeclip::test::FakeControl;
using cascadeclip::test::FakeScript;
using cascadeclip::ui::SegmentationController;

namespace {

cv::Mat testImage()
{
    cv::Mat img(60, 80, CV_8UC3, cv::Scalar(200, 160, 90));
    cv::rectangle(img, cv::Rect(0, 40, 80, 20), cv::Scalar(40, 140, 40), cv::FILLED);
    return img;
}

SegmentationRequest request(std::vector<std::string> names = {"sky", "grass"})
{
    SegmentationRequest r;
    r.classNames = std::move(names);
    return r;
}

} // namespace

class TestSegmentationController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void loadsModelOnWorkerThread();
    void modelLoadFailureIsReported();
    void computeThreadsAreSetOnTheWorker();
    void reportsProgressPerWindowAndFinishes();
    void finishedResultMatchesTheModel();
    void cancelEndsTheJobWithCanceled();
    void newRequestSupersedesTheRunningOne();
    void lateResultOfIgnoredCancelIsDropped();
    void failureCarriesContextAndDetail_data();
    void failureCarriesContextAndDetail();
    void segmentWithoutModelFails();
    void redecodeReusesTheCachedImage();
    void eventLoopKeepsTurningDuringSlowSegmentation();
    void destructorCancelsABlockedJob();

private:
    std::shared_ptr<FakeControl> m_fake;
    std::unique_ptr<SegmentationController> m_controller;
    void loadModel();
};

void TestSegmentationController::init()
{
    m_controller.reset();
    m_fake = std::make_shared<FakeControl>();
    m_controller = std::make_unique<SegmentationController>(m_fake->factory());
}

void TestSegmentationController::loadModel()
{
    QSignalSpy loaded(m_controller.get(), &SegmentationController::modelLoaded);
    m_controller->loadModel(QStringLiteral("/models/fake.safetensors"), {});
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 5000);
}

void TestSegmentationController::loadsModelOnWorkerThread()
{
    QSignalSpy loaded(m_controller.get(), &SegmentationController::modelLoaded);
    m_controller->loadModel(QStringLiteral("/models/fake.safetensors"), {});
    QVERIFY(!m_controller->hasModel());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 5000);
    QVERIFY(m_controller->hasModel());
    const auto info = loaded.first().at(0).value<cascadeclip::ModelInfo>();
    QCOMPARE(QString::fromStdString(info.weightsPath), QStringLiteral("/models/fake.safetensors"));
    QCOMPARE(m_fake->loads.load(), 1);

    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QVERIFY(m_fake->lastThread.load() != std::this_thread::get_id());
}

void TestSegmentationController::computeThreadsAreSetOnTheWorker()
{
    // LibTorch keeps the intra-op thread count per thread: the options must reach the worker, where the model runs.
    for (int threads : {1, 2}) {
        QSignalSpy loaded(m_controller.get(), &SegmentationController::modelLoaded);
        cascadeclip::SegmenterOptions options;
        options.threads = threads;
        m_controller->loadModel(QStringLiteral("/models/fake.safetensors"), options);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 5000);
        QCOMPARE(m_fake->threadsAtLoad.load(), threads);
    }
}

void TestSegmentationController::modelLoadFailureIsReported()
{
    m_fake->failNextLoad(ErrorCode::WeightsMalformed, "bundle.safetensors: missing key decode_head.x");
    QSignalSpy failed(m_controller.get(), &SegmentationController::modelFailed);
    m_controller->loadModel(QStringLiteral("/models/bundle.safetensors"), {});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QCOMPARE(failed.first().at(0).toString(), QStringLiteral("/models/bundle.safetensors"));
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("missing key decode_head.x")));
    QCOMPARE(failed.first().at(2).value<ErrorCode>(), ErrorCode::WeightsMalformed);
    QVERIFY(!m_controller->hasModel());
}

void TestSegmentationController::reportsProgressPerWindowAndFinishes()
{
    loadModel();
    FakeScript script;
    script.windows = 4;
    m_fake->setScript(script);
    QSignalSpy started(m_controller.get(), &SegmentationController::started);
    QSignalSpy progress(m_controller.get(), &SegmentationController::progressChanged);
    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    const quint64 id = m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QVERIFY(id > 0);
    QVERIFY(m_controller->isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QVERIFY(!m_controller->isBusy());
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.first().at(0).value<quint64>(), id);
    QCOMPARE(progress.count(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(progress.at(i).at(0).value<quint64>(), id);
        QCOMPARE(progress.at(i).at(1).toInt(), i + 1);
        QCOMPARE(progress.at(i).at(2).toInt(), 4);
    }
    QCOMPARE(finished.first().at(0).value<quint64>(), id);
}

void TestSegmentationController::finishedResultMatchesTheModel()
{
    loadModel();
    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    const auto result = finished.first().at(1).value<SegmentationResult>();
    QCOMPARE(result.labels.type(), CV_16UC1);
    QCOMPARE(result.labels.cols, 80);
    QCOMPARE(result.labels.rows, 60);
    // The bright top and the dark bottom band get different classes.
    QVERIFY(result.labels.at<std::uint16_t>(5, 5) != result.labels.at<std::uint16_t>(55, 5));
    QCOMPARE(result.classNames.size(), size_t(2));
}

void TestSegmentationController::cancelEndsTheJobWithCanceled()
{
    loadModel();
    FakeScript script;
    script.blockUntilReleased = true;
    m_fake->setScript(script);
    QSignalSpy canceled(m_controller.get(), &SegmentationController::canceled);
    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    QSignalSpy failed(m_controller.get(), &SegmentationController::failed);
    const quint64 id = m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QVERIFY(m_fake->waitUntilBlocked(5s));
    m_controller->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(canceled.count(), 1, 5000);
    QCOMPARE(canceled.first().at(0).value<quint64>(), id);
    QVERIFY(!m_controller->isBusy());
    QCOMPARE(m_fake->canceledCalls.load(), 1);
    QTest::qWait(50);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 0);
}

void TestSegmentationController::newRequestSupersedesTheRunningOne()
{
    loadModel();
    FakeScript script;
    script.blockUntilReleased = true;
    m_fake->setScript(script);
    QSignalSpy canceled(m_controller.get(), &SegmentationController::canceled);
    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    const quint64 first = m_controller->segment(QStringLiteral("a.png"), testImage(), request({"a", "b"}));
    QVERIFY(m_fake->waitUntilBlocked(5s));

    m_fake->setScript(FakeScript {});
    const quint64 second = m_controller->segment(QStringLiteral("b.png"), testImage(), request({"x", "y", "z"}));
    QVERIFY(second > first);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QCOMPARE(finished.first().at(0).value<quint64>(), second);
    QCOMPARE(finished.first().at(1).value<SegmentationResult>().classNames.size(), size_t(3));
    QCOMPARE(canceled.count(), 1);
    QCOMPARE(canceled.first().at(0).value<quint64>(), first);
    QCOMPARE(m_controller->currentJob(), second);
}

void TestSegmentationController::lateResultOfIgnoredCancelIsDropped()
{
    loadModel();
    FakeScript script;
    script.windows = 3;
    script.perWindow = 100ms; // long enough that `started` is handled before the job ends, even on a busy machine
    script.honourCancel = false;
    m_fake->setScript(script);
    QSignalSpy canceled(m_controller.get(), &SegmentationController::canceled);
    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    QSignalSpy started(m_controller.get(), &SegmentationController::started);
    const quint64 id = m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 5000);
    m_controller->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(canceled.count(), 1, 5000);
    QCOMPARE(canceled.first().at(0).value<quint64>(), id);
    QCOMPARE(m_fake->completedCalls.load(), 1); // the fake did finish ...
    QCOMPARE(finished.count(), 0); // ... but its result never reached the GUI
}

void TestSegmentationController::failureCarriesContextAndDetail_data()
{
    QTest::addColumn<int>("thrown"); // 0 cascadeclip::Error, 1 std::runtime_error, 2 an int
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("detailPart");
    QTest::addRow("core error") << 0 << int(ErrorCode::ImageUnreadable) << QStringLiteral("corrupt JPEG");
    QTest::addRow("out of memory") << 0 << int(ErrorCode::OutOfMemory) << QStringLiteral("2.1 GiB");
    QTest::addRow("std exception") << 1 << int(ErrorCode::Internal) << QStringLiteral("vector::at");
    QTest::addRow("non-std exception") << 2 << int(ErrorCode::Internal) << QStringLiteral("unknown exception");
}

void TestSegmentationController::failureCarriesContextAndDetail()
{
    QFETCH(int, thrown);
    QFETCH(int, code);
    QFETCH(QString, detailPart);
    loadModel();
    FakeScript script;
    script.windows = 3;
    script.throwAtWindow = 1;
    if (thrown == 1)
        script.throwStdException = true;
    else if (thrown == 2)
        script.throwNonStdException = true;
    else
        script.throwError = ErrorCode(code);
    script.throwDetail = "window 1: " + detailPart.toStdString();
    m_fake->setScript(script);
    QSignalSpy failed(m_controller.get(), &SegmentationController::failed);
    QSignalSpy progress(m_controller.get(), &SegmentationController::progressChanged);
    const quint64 id = m_controller->segment(QStringLiteral("/data/street 7.jpg"), testImage(), request());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QCOMPARE(failed.first().at(0).value<quint64>(), id);
    QCOMPARE(failed.first().at(1).toString(), QStringLiteral("/data/street 7.jpg"));
    QVERIFY2(failed.first().at(2).toString().contains(detailPart), qPrintable(failed.first().at(2).toString()));
    QCOMPARE(int(failed.first().at(3).value<ErrorCode>()), code);
    QCOMPARE(progress.count(), 1);
    QVERIFY(!m_controller->isBusy());

    // The worker survives: the next job runs normally.
    m_fake->setScript(FakeScript {});
    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    m_controller->segment(QStringLiteral("/data/next.jpg"), testImage(), request());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
}

void TestSegmentationController::segmentWithoutModelFails()
{
    QSignalSpy failed(m_controller.get(), &SegmentationController::failed);
    m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QVERIFY(failed.first().at(2).toString().contains(QStringLiteral("no model")));
}

void TestSegmentationController::redecodeReusesTheCachedImage()
{
    loadModel();
    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    const quint64 id = m_controller->redecode(QStringLiteral("a.png"), request({"sky", "grass", "tree"}));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 5000);
    QCOMPARE(finished.at(1).at(0).value<quint64>(), id);
    QCOMPARE(finished.at(1).at(1).value<SegmentationResult>().classNames.size(), size_t(3));
    QCOMPARE(m_fake->segmentCalls.load(), 1);
    QCOMPARE(m_fake->redecodeCalls.load(), 1);
}

void TestSegmentationController::eventLoopKeepsTurningDuringSlowSegmentation()
{
    loadModel();
    FakeScript script;
    script.windows = 5;
    script.perWindow = 80ms; // 400 ms of "model" time
    m_fake->setScript(script);
    int ticks = 0;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
    QSignalSpy finished(m_controller.get(), &SegmentationController::finished);
    QElapsedTimer clock;
    clock.start();
    timer.start();
    m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    timer.stop();
    QVERIFY(clock.elapsed() >= 350);
    // Had the model run on the GUI thread, the timer could not have fired while it ran.
    QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks)));
}

void TestSegmentationController::destructorCancelsABlockedJob()
{
    loadModel();
    FakeScript script;
    script.blockUntilReleased = true;
    m_fake->setScript(script);
    m_controller->segment(QStringLiteral("a.png"), testImage(), request());
    QVERIFY(m_fake->waitUntilBlocked(5s));
    QElapsedTimer clock;
    clock.start();
    m_controller.reset(); // must not hang on the blocked job
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(m_fake->canceledCalls.load(), 1);
}

QTEST_MAIN(TestSegmentationController)
#include "tst_segmentationcontroller.moc"
