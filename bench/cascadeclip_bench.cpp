// SPDX-License-Identifier: MIT
// cascadeclip-bench: what the performance budget (docs/design.md, docs/performance.md) is measured with.
// Random full-size weights in the official architecture (ViT-B/16, T = 10), seeded, built in-process; only the
// load benchmark writes a file. Run through scripts/bench.sh, which also times the Python reference.
//
//   cascadeclip-bench [--threads=N] [--tiny] [--vocab=PATH] [--baseline-kernels] [Google Benchmark flags]
//
// --tiny swaps in ModelOptions::tiny() and small GEMMs: a smoke test of every benchmark in seconds.
// --baseline-kernels turns off the model's oneDNN kernels (model::setOneDnnKernels), for A/B comparisons.

#include "model/CascadeClip.h"
#include "pipeline/Inference.h"
#include "pipeline/Preprocess.h"
#include "text/TextEmbedder.h"
#include "weights/ModelLoader.h"
#include "weights/Safetensors.h"

#include <cascadeclip/ModelOptions.h>
#include <cascadeclip/Runtime.h>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace cascadeclip;
using Clock = std::chrono::steady_clock;

// Seed of the random weights, images and class embeddings.
constexpr uint64_t kSeed = 20240601;
// Classes of the end-to-end benchmark (VOC).
constexpr int64_t kVocClasses = 20;

struct Settings {
    bool tiny = false;
    bool baselineKernels = false;
    int threads = 2;
    std::string vocab = std::string(CASCADECLIP_SHARED_DIR) + "/data/" + text::kVocabFileName;
};
Settings g_settings;
// Best fp32 GEMM rates seen by the Gemm benchmarks, in GFLOP/s (0 until they have run): torch::mm (LibTorch's
// BLAS) and the oneDNN product the model's fastLinear() uses.
double g_gemmPeakGflops = 0.0;
double g_oneDnnPeakGflops = 0.0;

ModelOptions benchOptions()
{
    return g_settings.tiny ? ModelOptions::tiny() : ModelOptions::official(10);
}

/// The seeded random model, built once (parameters are created outside InferenceMode).
model::CascadeClip& benchModel()
{
    static model::CascadeClip m = [] {
        torch::manual_seed(kSeed);
        model::CascadeClip built(benchOptions());
        built->eval();
        return built;
    }();
    return m;
}

/// Multiply-adds x 2 of one encoder forward over a batch of one crop of `options.inputResolution` pixels, the
/// elementwise work (LayerNorm, softmax, GELU, residuals) left out:
///   N = (S/P)^2 patches, L = 1 + T + N tokens, D width, E output dim, K blocks, R = 6 read-outs
///   patch conv     2 N D (3 P^2)
///   prompt_proj    2 K T D^2               (the first prompts plus one deep set per later block)
///   per block      2 L D (3D) + 2 L D D + 2 L D (4D) * 2 = 24 L D^2     (qkv, out_proj, c_fc, c_proj)
///                  + 2 L^2 D (q k^T) + 2 L^2 D (attn v) = 4 L^2 D
///   read-outs      2 (R + 1) N D E + 2 D E (six proj_layers, the final proj, and the CLS token)
/// Official (S 512, P 16, D 768, T 10, K 12): blocks 215.3 G, total 222.0 GFLOP.
double encoderFlops(const VisionOptions& o)
{
    const double n = std::pow(static_cast<double>(o.gridSize()), 2.0);
    const double d = o.width, t = o.promptTokens, e = o.outputDim, k = o.layers, p = o.patchSize;
    const double l = 1.0 + t + n;
    const double r = static_cast<double>(o.outIndices.size());
    const double conv = 2.0 * n * d * 3.0 * p * p;
    const double prompts = 2.0 * k * t * d * d;
    const double blocks = k * (24.0 * l * d * d + 4.0 * l * l * d);
    const double readouts = 2.0 * (r + 1.0) * n * d * e + 2.0 * d * e;
    return conv + prompts + blocks + readouts;
}

/// A reproducible random BGR image.
cv::Mat randomImage(int width, int height)
{
    cv::Mat bgr(height, width, CV_8UC3);
    cv::RNG rng(kSeed);
    rng.fill(bgr, cv::RNG::UNIFORM, 0, 256);
    return bgr;
}

/// [C, E] L2-normalised random class embeddings and a seen mask with the first three quarters seen.
std::pair<torch::Tensor, torch::Tensor> randomClasses(int64_t classes)
{
    auto gen = at::detail::createCPUGenerator(kSeed + static_cast<uint64_t>(classes));
    const int64_t e = benchOptions().vision.outputDim;
    auto text = torch::randn({classes, e}, gen);
    text = text / text.norm(2, -1, true);
    auto seen = torch::arange(classes) < (classes * 3) / 4;
    return {text, seen};
}

/// One crop of the model's window size: [B, 3, S, S].
torch::Tensor randomCrops(int64_t batch)
{
    auto gen = at::detail::createCPUGenerator(kSeed);
    const int64_t s = benchOptions().cropSize;
    return torch::randn({batch, 3, s, s}, gen);
}

/// The features of one window, computed once.
const model::VisionFeatures& windowFeatures()
{
    static const model::VisionFeatures f = [] {
        c10::InferenceMode guard;
        return benchModel()->backbone(randomCrops(1));
    }();
    return f;
}

/// The feature cache of the 500x375 image, computed once.
pipeline::FeatureCache& vocImageCache()
{
    static pipeline::FeatureCache cache = [] {
        c10::InferenceMode guard;
        const cv::Mat bgr = randomImage(500, 375);
        const auto input = pipeline::preprocess(bgr, benchOptions().shortSide);
        return pipeline::encodeWindows(benchModel(), input, bgr.size(), {});
    }();
    return cache;
}

long peakRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

double seconds(Clock::time_point from)
{
    return std::chrono::duration<double>(Clock::now() - from).count();
}

// ---- the benchmarks ----

/// torch::mm of two square fp32 matrices: the machine's GEMM rate as LibTorch reaches it.
void gemmPeak(benchmark::State& state)
{
    c10::InferenceMode guard;
    const int64_t n = state.range(0);
    auto gen = at::detail::createCPUGenerator(kSeed);
    const auto a = torch::randn({n, n}, gen), b = torch::randn({n, n}, gen);
    auto c = torch::empty({n, n});
    double total = 0.0;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        torch::mm_out(c, a, b);
        benchmark::DoNotOptimize(c.data_ptr());
        total += seconds(t0);
    }
    const double gflops = 2.0 * std::pow(static_cast<double>(n), 3.0) / (total / state.iterations()) / 1e9;
    g_gemmPeakGflops = std::max(g_gemmPeakGflops, gflops);
    state.counters["GFLOPs"] = gflops;
}

/// The same product through model::fastLinear (oneDNN on CPU fp32): what the encoder's GEMMs can reach.
void gemmOneDnn(benchmark::State& state)
{
    c10::InferenceMode guard;
    const int64_t n = state.range(0);
    auto gen = at::detail::createCPUGenerator(kSeed);
    const auto a = torch::randn({n, n}, gen), b = torch::randn({n, n}, gen);
    double total = 0.0;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        const auto c = model::fastLinear(a, b);
        benchmark::DoNotOptimize(c.data_ptr());
        total += seconds(t0);
    }
    const double gflops = 2.0 * std::pow(static_cast<double>(n), 3.0) / (total / state.iterations()) / 1e9;
    g_oneDnnPeakGflops = std::max(g_oneDnnPeakGflops, gflops);
    state.counters["GFLOPs"] = gflops;
}

/// model->backbone over a batch of windows; reports time per window, GFLOP/s and the fraction of the GEMM peak.
void encoder(benchmark::State& state)
{
    c10::InferenceMode guard;
    auto& model = benchModel();
    const int64_t batch = state.range(0);
    const auto crops = randomCrops(batch);
    model->backbone(crops); // untimed: oneDNN generates its kernels for new shapes on first use
    double total = 0.0;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        const auto f = model->backbone(crops);
        benchmark::DoNotOptimize(f.global.data_ptr());
        total += seconds(t0);
    }
    const double perWindow = total / static_cast<double>(state.iterations() * batch);
    const double gflops = encoderFlops(model->options.vision) / perWindow / 1e9;
    state.counters["ms_per_window"] = perWindow * 1e3;
    state.counters["GFLOPs"] = gflops;
    state.counters["peak_fraction"] = g_gemmPeakGflops > 0 ? gflops / g_gemmPeakGflops : 0.0;
    state.counters["onednn_peak_fraction"] = g_oneDnnPeakGflops > 0 ? gflops / g_oneDnnPeakGflops : 0.0;
}

/// The head on one window's cached features for range(0) classes.
void headDecode(benchmark::State& state)
{
    c10::InferenceMode guard;
    auto& model = benchModel();
    const auto& features = windowFeatures();
    const auto [text, seen] = randomClasses(state.range(0));
    model->decode(features, text, seen, true); // untimed warm-up
    for (auto _ : state) {
        const auto d = model->decode(features, text, seen, true);
        benchmark::DoNotOptimize(d.scores.data_ptr());
    }
}

/// An NGA slider move: every window of a 500x375 image decoded again from the cache with new stage weights, for
/// range(0) classes (VOC 20, Context 59, COCO-Stuff 171). With `levels` (the level views open), the three stages'
/// averaged logit maps are formed as well.
void ngaRedecode(benchmark::State& state, bool levels)
{
    c10::InferenceMode guard;
    auto& model = benchModel();
    auto& cache = vocImageCache();
    const auto [text, seen] = randomClasses(state.range(0));
    pipeline::DecodeInputs inputs {text, seen, true, {}, {}};
    std::array<torch::Tensor, 3> stages;
    auto* stageMaps = levels ? &stages : nullptr;
    pipeline::decodeWindows(model, cache, inputs, {}, {}, stageMaps); // untimed warm-up
    int64_t step = 0;
    for (auto _ : state) {
        const double shift = 0.01 * static_cast<double>(++step % 50);
        inputs.weightsS1 = torch::tensor({0.3 + shift, 0.5, 0.9}, torch::kFloat32);
        inputs.weightsS2 = torch::tensor({0.2, 0.7 - shift, 1.1}, torch::kFloat32);
        const auto scores = pipeline::decodeWindows(model, cache, inputs, {}, {}, stageMaps);
        benchmark::DoNotOptimize(scores.data_ptr());
    }
    state.counters["windows"] = static_cast<double>(cache.windows.size());
}

/// Adding one class name: its prompts through the tokenizer and the CLIP text encoder (cache miss each time).
void textOneClass(benchmark::State& state, TemplateSet set)
{
    if (!fs::exists(g_settings.vocab)) {
        std::string why = "vocabulary not found at ";
        why += g_settings.vocab;
        state.SkipWithError(why.c_str());
        return;
    }
    c10::InferenceMode guard;
    static const auto tokenizer
        = std::make_shared<const text::BpeTokenizer>(text::BpeTokenizer::fromFile(g_settings.vocab));
    text::TextEmbedder embedder(benchModel()->text_encoder, tokenizer, "bench");
    embedder.embed({"warm-up"}, set); // untimed: first-use kernel generation is paid once per session
    int64_t k = 0;
    for (auto _ : state) {
        std::string name = "striped object ";
        name += std::to_string(++k); // a new name every time: never served by the cache
        const auto e = embedder.embed({name}, set);
        benchmark::DoNotOptimize(e.data_ptr());
    }
}

/// preprocess + encodeWindows + decodeWindows of a width x height image with 20 classes.
void endToEnd(benchmark::State& state)
{
    c10::InferenceMode guard;
    auto& model = benchModel();
    const cv::Mat bgr = randomImage(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
    const auto [text, seen] = randomClasses(kVocClasses);
    const pipeline::DecodeInputs inputs {text, seen, true, {}, {}};
    size_t windows = 0;
    for (auto _ : state) {
        const auto input = pipeline::preprocess(bgr, model->options.shortSide);
        auto cache = pipeline::encodeWindows(model, input, bgr.size(), {});
        const auto scores = pipeline::decodeWindows(model, cache, inputs, {});
        benchmark::DoNotOptimize(scores.data_ptr());
        windows = cache.windows.size();
    }
    state.counters["windows"] = static_cast<double>(windows);
}

/// weights::loadModel of a full-size safetensors file (written once to a temporary folder, so the page cache is
/// warm: this measures parsing, checking and copying, not the disk).
void loadModel(benchmark::State& state)
{
    static const fs::path file = [] {
        const fs::path dir = fs::temp_directory_path() / ("cascadeclip-bench-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        std::map<std::string, torch::Tensor> tensors;
        for (const auto& p : benchModel()->named_parameters())
            tensors[p.key()] = p.value().detach();
        for (const auto& b : benchModel()->named_buffers())
            tensors[b.key()] = b.value().detach();
        const std::map<std::string, std::string> meta {
            {weights::kOptionsMetadataKey, weights::optionsToJson(benchOptions()).dump()}};
        const fs::path path = dir / "model.safetensors";
        std::ofstream(path, std::ios::binary) << weights::safetensorsBytes(tensors, meta);
        return path;
    }();
    for (auto _ : state) {
        const auto loaded = weights::loadModel(file.string(), torch::kCPU);
        benchmark::DoNotOptimize(loaded.model.get());
    }
    state.counters["MB"] = static_cast<double>(fs::file_size(file)) / 1e6;
}

void removeLoadFile()
{
    const fs::path dir = fs::temp_directory_path() / ("cascadeclip-bench-" + std::to_string(::getpid()));
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

/// Not a timing: the process's peak resident set so far, as a counter in the report.
void peakRss(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(state.iterations());
    state.counters["peak_rss_MB"] = static_cast<double>(peakRssKiB()) / 1024.0;
}

/// Strips our own flags from argv, leaving Google Benchmark's.
void parseOwnFlags(int& argc, char** argv)
{
    int out = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--tiny")
            g_settings.tiny = true;
        else if (a == "--baseline-kernels")
            g_settings.baselineKernels = true;
        else if (a.rfind("--threads=", 0) == 0)
            g_settings.threads = std::stoi(a.substr(10));
        else if (a.rfind("--vocab=", 0) == 0)
            g_settings.vocab = a.substr(8);
        else
            argv[out++] = argv[i];
    }
    argc = out;
}

} // namespace

int main(int argc, char** argv)
{
    parseOwnFlags(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    // LibTorch keeps the intra-op thread count per thread; the benchmarks run on this one.
    setComputeThreads(g_settings.threads);
    model::setOneDnnKernels(!g_settings.baselineKernels);
    benchmark::AddCustomContext("kernels", g_settings.baselineKernels ? "baseline (LibTorch defaults)" : "oneDNN");
    benchmark::AddCustomContext("torch_threads", std::to_string(torch::get_num_threads()));
    benchmark::AddCustomContext("model", g_settings.tiny ? "tiny" : "official ViT-B/16, T=10");
    const RuntimeInfo rt = runtimeInfo();
    benchmark::AddCustomContext("blas", rt.blasDetail);
    benchmark::AddCustomContext("encoder_gflop_per_window", std::to_string(encoderFlops(benchOptions().vision) / 1e9));

    const int64_t gemmSide = g_settings.tiny ? 128 : 2048;
    const auto timed = [](benchmark::internal::Benchmark* b) {
        b->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
    };
    // Registration order is run order: the GEMM peak first, so that the encoder can report its fraction.
    // Wall time is what the budget is about; process CPU time (all intra-op threads) shows contention from
    // other work on a shared machine: on an idle one it is about threads x wall time.
    benchmark::RegisterBenchmark("Gemm/mm_fp32", gemmPeak)->Arg(gemmSide)->Apply(timed);
    benchmark::RegisterBenchmark("Gemm/onednn_fp32", gemmOneDnn)->Arg(gemmSide)->Apply(timed);
    benchmark::RegisterBenchmark("Encoder/window", encoder)->Arg(1)->Apply(timed);
    benchmark::RegisterBenchmark("Encoder/batched_windows", encoder)->Arg(2)->Apply(timed);
    benchmark::RegisterBenchmark("HeadDecode/classes", headDecode)->Arg(20)->Arg(59)->Arg(171)->Apply(timed);
    benchmark::RegisterBenchmark("NgaRedecode/500x375", ngaRedecode, false)->Arg(20)->Arg(59)->Arg(171)->Apply(timed);
    benchmark::RegisterBenchmark("NgaRedecode/500x375_levels", ngaRedecode, true)->Arg(20)->Apply(timed);
    benchmark::RegisterBenchmark("TextOneClass/single", textOneClass, TemplateSet::Single)->Apply(timed);
    benchmark::RegisterBenchmark("TextOneClass/multi", textOneClass, TemplateSet::Multi)->Apply(timed);
    benchmark::RegisterBenchmark("EndToEnd/image", endToEnd)->Args({500, 375})->Args({2048, 1024})->Apply(timed);
    // Peak RSS before the load benchmark, which holds the serialised file in memory once.
    benchmark::RegisterBenchmark("PeakRss/before_load", peakRss)->Iterations(1);
    benchmark::RegisterBenchmark("LoadModel/safetensors", loadModel)->Apply(timed);
    benchmark::RegisterBenchmark("PeakRss/end", peakRss)->Iterations(1);

    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    removeLoadFile();
    std::printf("peak RSS: %.1f MB\n", static_cast<double>(peakRssKiB()) / 1024.0);
    return 0;
}
