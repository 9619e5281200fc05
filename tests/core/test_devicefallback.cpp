// SPDX-License-Identifier: MIT
// CUDA out of memory falls back to the CPU: injected as the c10::Error LibTorch's CUDA allocator throws, since
// the test machines have no GPU (a torch::Device for CUDA is only a value and needs none).
#include "CoreTestSupport.h"
#include "pipeline/DeviceFallback.h"

#include <cascadeclip/Error.h>

#include <gtest/gtest.h>

using namespace cascadeclip;
using cascadeclip::test::expectError;

namespace {

c10::Error torchError(const std::string& message)
{
    return c10::Error(c10::SourceLocation {"test", "test_devicefallback.cpp", 1}, message);
}

const std::string kCudaOom = "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total capacity)";

} // namespace

TEST(DeviceFallback, CudaOutOfMemoryMovesToTheCpuAndRunsAgain)
{
    torch::Device device(torch::kCUDA, 0);
    std::vector<std::string> moves;
    int runs = 0;
    const int result = pipeline::runWithCpuFallback(
        device, [&](const std::string& why) { moves.push_back(why); },
        [&] {
            ++runs;
            if (device.is_cuda())
                throw torchError(kCudaOom);
            return 7;
        });
    EXPECT_EQ(result, 7);
    EXPECT_EQ(runs, 2);
    EXPECT_TRUE(device.is_cpu());
    ASSERT_EQ(moves.size(), 1u);
    EXPECT_NE(moves[0].find("Tried to allocate 2.00 GiB"), std::string::npos) << moves[0];
}

TEST(DeviceFallback, OtherErrorsAndCpuRunsAreNotRetried)
{
    int moves = 0;
    const auto countMove = [&](const std::string&) { ++moves; };
    torch::Device cuda(torch::kCUDA, 0);
    EXPECT_THROW(
        pipeline::runWithCpuFallback(cuda, countMove, []() -> int { throw torchError("shape mismatch"); }), c10::Error);
    EXPECT_TRUE(cuda.is_cuda());
    torch::Device cpu(torch::kCPU);
    EXPECT_THROW(pipeline::runWithCpuFallback(cpu, countMove, []() -> int { throw torchError(kCudaOom); }), c10::Error);
    EXPECT_EQ(moves, 0);
    // Out of memory on the CPU becomes an Error the GUI can name.
    expectError(
        [&] {
            pipeline::runWithCpuFallback(cpu, countMove, []() -> int {
                throw torchError("[enforce fail at alloc_cpu.cpp:75] DefaultCPUAllocator: can't allocate memory: "
                                 "you tried to allocate 99999999999 bytes");
            });
        },
        ErrorCode::OutOfMemory, {"out of memory on the CPU", "99999999999 bytes"});
    // A CPU that also runs out after the fall-back.
    expectError(
        [&] {
            pipeline::runWithCpuFallback(cuda, countMove, [&]() -> int {
                throw torchError(cuda.is_cuda() ? kCudaOom : "DefaultCPUAllocator: can't allocate memory: 1 bytes");
            });
        },
        ErrorCode::OutOfMemory, {"out of memory on the CPU"});
    EXPECT_EQ(moves, 1);
}
