// SPDX-License-Identifier: MIT
#include <cascadeclip/Runtime.h>

#include <ATen/Parallel.h>
#include <opencv2/core/version.hpp>
#include <torch/cuda.h>
#include <torch/version.h>

#include <climits>
#include <cstdlib>
#include <dlfcn.h>
#include <sstream>
#include <thread>

namespace cascadeclip {

namespace {

std::string resolvedPath(const char* path)
{
    char buf[PATH_MAX];
    if (path && realpath(path, buf))
        return buf;
    return path ? path : "";
}

} // namespace

RuntimeInfo runtimeInfo()
{
    RuntimeInfo info;
    info.torchVersion = TORCH_VERSION;
    info.opencvVersion = CV_VERSION;
    info.blasLibrary = "unknown";
    // LibTorch links the system BLAS dynamically; ask the dynamic linker which object serves sgemm_.
    if (void* sym = dlsym(RTLD_DEFAULT, "sgemm_")) {
        Dl_info dl {};
        if (dladdr(sym, &dl) && dl.dli_fname)
            info.blasLibrary = resolvedPath(dl.dli_fname);
    }
    using ConfigFn = char* (*)();
    using IntFn = int (*)();
    auto config = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
    auto core = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    auto threads = reinterpret_cast<IntFn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    if (config) {
        std::ostringstream s;
        s << config();
        if (core)
            s << ", kernel " << core();
        if (threads)
            s << ", " << threads() << " threads";
        info.blasDetail = s.str();
    } else if (info.blasLibrary.find("/blas/") != std::string::npos) {
        info.blasDetail = "reference BLAS (slow: install libopenblas0-pthread)";
    }
    info.oneDnn = at::hasMKLDNN();
    info.intraOpThreads = at::get_num_threads();
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDevices = info.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
    return info;
}

std::string runtimeReport()
{
    const RuntimeInfo info = runtimeInfo();
    std::ostringstream s;
    s << "LibTorch " << info.torchVersion << "\n";
    s << "OpenCV " << info.opencvVersion << "\n";
    s << "BLAS: " << info.blasLibrary;
    if (!info.blasDetail.empty())
        s << " (" << info.blasDetail << ")";
    s << "\n";
    s << "oneDNN: " << (info.oneDnn ? "yes" : "no") << "\n";
    s << "Threads: " << info.intraOpThreads << " intra-op (" << std::thread::hardware_concurrency() << " cores)\n";
    s << "CUDA: ";
    if (info.cudaAvailable)
        s << info.cudaDevices << " device(s)";
    else
        s << "not available";
    s << "\n";
    return s.str();
}

void setComputeThreads(int n)
{
    if (n <= 0)
        n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(n);
}

} // namespace cascadeclip
