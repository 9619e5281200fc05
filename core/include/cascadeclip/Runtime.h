// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace cascadeclip {

/// What the numeric runtime is: LibTorch version, the BLAS library that serves GEMMs (resolved path and, for
/// OpenBLAS, its kernel), oneDNN availability, intra-op threads of the calling thread, and CUDA.
struct RuntimeInfo {
    std::string torchVersion;
    std::string blasLibrary; // resolved shared object path of `sgemm_`, or "unknown"
    std::string blasDetail; // e.g. "OpenBLAS 0.3.21 ... SkylakeX" or "reference BLAS"
    bool oneDnn = false;
    int intraOpThreads = 0;
    bool cudaAvailable = false;
    int cudaDevices = 0;
    std::string opencvVersion;
};

RuntimeInfo runtimeInfo();

/// Multi-line report for `--version` and the About box.
std::string runtimeReport();

/// Sets LibTorch's intra-op threads for the calling thread (LibTorch keeps this per thread); n <= 0 means
/// the number of cores.
void setComputeThreads(int n);

} // namespace cascadeclip
