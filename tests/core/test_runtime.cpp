// SPDX-License-Identifier: MIT
#include <cascadeclip/Error.h>
#include <cascadeclip/Runtime.h>

#include <gtest/gtest.h>

#include <thread>

using namespace cascadeclip;

TEST(Runtime, ReportsOpenBlasAndThreads)
{
    setComputeThreads(2);
    const RuntimeInfo info = runtimeInfo();
    EXPECT_FALSE(info.torchVersion.empty());
    // The reference BLAS is ~30x slower; the setup must make OpenBLAS serve LibTorch's GEMMs.
    EXPECT_NE(info.blasLibrary.find("openblas"), std::string::npos) << info.blasLibrary;
    EXPECT_EQ(info.intraOpThreads, 2);
}

TEST(Runtime, ThreadCountIsPerThread)
{
    setComputeThreads(2);
    int inWorker = -1;
    std::thread worker([&] {
        setComputeThreads(1);
        inWorker = runtimeInfo().intraOpThreads;
    });
    worker.join();
    EXPECT_EQ(inWorker, 1);
}

TEST(Error, CarriesCodeAndDetail)
{
    const Error e(ErrorCode::WeightsMalformed, "model.safetensors: truncated header");
    EXPECT_EQ(e.code(), ErrorCode::WeightsMalformed);
    EXPECT_STREQ(e.what(), "model.safetensors: truncated header");
    EXPECT_STREQ(toString(ErrorCode::ImageUnreadable), "image unreadable");
}
