// SPDX-License-Identifier: MIT
#include "weights/Bundle.h"
#include "weights/Import.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/ModelImport.h>

#include <ATen/Context.h>
#include <spdlog/fmt/fmt.h>
#include <torch/cuda.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace cascadeclip {

namespace fs = std::filesystem;

std::string findVocabulary(
    const std::string& explicitPath, const std::string& checkpointPath, const std::string& clipPath)
{
    if (!explicitPath.empty())
        return explicitPath;
    std::vector<fs::path> candidates;
    for (const std::string& source : {checkpointPath, clipPath}) {
        const fs::path candidate = fs::path(source).parent_path() / kClipVocabFileName;
        if (!source.empty() && std::find(candidates.begin(), candidates.end(), candidate) == candidates.end())
            candidates.push_back(candidate);
    }
    for (const auto& c : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(c, ec))
            return c.string();
    }
    if (const char* env = std::getenv(kClipVocabEnv); env != nullptr && *env != '\0')
        return env;
    std::string where;
    for (const auto& c : candidates) {
        where += where.empty() ? "" : ", ";
        where += c.string();
    }
    throw Error(ErrorCode::WeightsNotFound,
        std::string("no BPE vocabulary: looked for ") + where + "; pass --vocab FILE or set " + kClipVocabEnv
            + " to CLIP's " + kClipVocabFileName
            + " (it ships with every CLIP distribution, e.g. the clip/ folder of https://github.com/openai/CLIP, and "
              "with the official Cascade-CLIP repository)");
}

ModelImportSummary importModelBundle(const ModelImportRequest& request,
    const std::function<void(const std::string&)>& onStep, const std::function<bool()>& isCanceled)
{
    if (request.outputPath.empty())
        throw Error(ErrorCode::InvalidInput, "import: no output bundle given");
    for (const std::string& input : {request.checkpointPath, request.clipPath, request.vocabPath}) {
        std::error_code ec;
        if (!input.empty() && fs::equivalent(input, request.outputPath, ec))
            throw Error(ErrorCode::InvalidInput,
                "import: the output " + request.outputPath + " would overwrite the input " + input);
    }
    const auto checkCanceled = [&] {
        if (isCanceled && isCanceled())
            throw Canceled();
    };
    checkCanceled();
    weights::ImportRequest req;
    req.clipPath = request.clipPath;
    req.checkpointPath = request.checkpointPath;
    req.vocabPath = request.vocabPath;
    req.seen = request.seen;
    req.seenAll = request.seenAll;
    req.inductive = request.inductive;
    req.templateSet = request.templateSet;
    // Every step line is a point where a cancel request is honoured: the exception unwinds out of the import.
    req.progress = [&](const std::string& line) {
        if (onStep)
            onStep(line);
        checkCanceled();
    };

    const auto start = std::chrono::steady_clock::now();
    const weights::ImportedModel model = weights::importModel(req);
    checkCanceled();
    req.progress("writing " + request.outputPath);
    weights::writeBundle(request.outputPath, model.tensors, model.options, model.info);

    ModelImportSummary summary;
    summary.outputPath = request.outputPath;
    summary.tensors = model.tensors.size();
    std::error_code ec;
    summary.bytes = fs::file_size(request.outputPath, ec);
    if (ec)
        summary.bytes = 0;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    summary.classNames = model.info.classNames;
    summary.seenIndices = model.info.seenIndices;
    summary.inductive = model.info.inductive;
    summary.templateSet = model.info.templateSet;
    if (onStep)
        onStep(fmt::format("wrote {} ({} tensors, {:.1f} MB) in {:.1f} s", request.outputPath, summary.tensors,
            static_cast<double>(summary.bytes) / 1e6, summary.seconds));
    return summary;
}

DeviceReport deviceReport()
{
    DeviceReport r;
    r.cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    r.cudaBuilt = at::hasCUDA();
    r.cudaDevices = r.cudaBuilt && torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
    if (!r.cudaBuilt)
        r.whyNoCuda = "this build of LibTorch has no CUDA support (a CPU-only LibTorch); build against a CUDA "
                      "LibTorch to use an NVIDIA GPU";
    else if (r.cudaDevices == 0)
        r.whyNoCuda = "LibTorch has CUDA support but finds no usable GPU (no NVIDIA driver loaded, or "
                      "CUDA_VISIBLE_DEVICES hides the devices)";
    return r;
}

} // namespace cascadeclip
