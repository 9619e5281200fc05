// SPDX-License-Identifier: MIT
#pragma once
// CUDA out of memory is not the end of a segmentation: the model moves to the CPU and the same call runs again
// there, slower but complete; the caller says so to the user. Out of memory on the CPU becomes
// Error(OutOfMemory), so the GUI can say what happened instead of "internal error".

#include <cascadeclip/Error.h>

#include <torch/torch.h>

#include <functional>
#include <string>

namespace cascadeclip::pipeline {

/// True for LibTorch's CUDA allocator failure ("CUDA out of memory. Tried to allocate ...").
inline bool isCudaOutOfMemory(const std::string& message)
{
    return message.find("CUDA out of memory") != std::string::npos
        || message.find("CUDA error: out of memory") != std::string::npos;
}

/// True for LibTorch's CPU allocator failure.
inline bool isCpuOutOfMemory(const std::string& message)
{
    return message.find("DefaultCPUAllocator: can't allocate memory") != std::string::npos
        || message.find("DefaultCPUAllocator: not enough memory") != std::string::npos;
}

/**
 * Runs `run()`. When it throws a CUDA out-of-memory c10::Error while `device` is a CUDA device, calls
 * `moveToCpu(reason)` (which must move every tensor `run` uses), sets `device` to the CPU and runs once more.
 * A CPU out-of-memory c10::Error becomes Error(OutOfMemory); any other exception passes unchanged.
 * Any thread; `device` and `moveToCpu` belong to the caller.
 */
template <typename Run>
auto runWithCpuFallback(torch::Device& device, const std::function<void(const std::string&)>& moveToCpu, Run&& run)
    -> decltype(run())
{
    const auto cpuOutOfMemory = [](const c10::Error& e) {
        return Error(ErrorCode::OutOfMemory, std::string("out of memory on the CPU: ") + e.what_without_backtrace());
    };
    try {
        return run();
    } catch (const c10::Error& e) {
        const std::string message = e.what_without_backtrace();
        if (isCpuOutOfMemory(message))
            throw cpuOutOfMemory(e);
        if (!device.is_cuda() || !isCudaOutOfMemory(message))
            throw;
        moveToCpu(message.substr(0, message.find('\n')));
        device = torch::Device(torch::kCPU);
    }
    try {
        return run();
    } catch (const c10::Error& e) {
        if (isCpuOutOfMemory(e.what_without_backtrace()))
            throw cpuOutOfMemory(e);
        throw;
    }
}

} // namespace cascadeclip::pipeline
