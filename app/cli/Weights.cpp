// SPDX-License-Identifier: MIT
#include "Weights.h"

#include "weights/Sha256.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/ModelImport.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace cascadeclip::cli {

namespace {

namespace fs = std::filesystem;

fs::path cacheFolder()
{
    const auto env = [](const char* name) {
        const char* value = std::getenv(name);
        return std::string(value != nullptr ? value : "");
    };
    if (const std::string dir = env("CASCADECLIP_CACHE_DIR"); !dir.empty())
        return dir;
    if (const std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty())
        return fs::path(xdg) / "cascadeclip";
    if (const std::string home = env("HOME"); !home.empty())
        return fs::path(home) / ".cache" / "cascadeclip";
    return fs::temp_directory_path() / "cascadeclip-cache";
}

/// What identifies a source file without reading it: where it is, its size and its modification time.
std::string stamp(const std::string& path)
{
    std::error_code ec;
    const fs::path canonical = fs::canonical(path, ec);
    if (ec)
        throw Error(ErrorCode::WeightsNotFound, path + ": cannot open: " + ec.message());
    const auto size = fs::file_size(canonical, ec);
    if (ec)
        throw Error(ErrorCode::WeightsNotFound, path + ": cannot read: " + ec.message());
    const auto modified = fs::last_write_time(canonical, ec).time_since_epoch().count();
    return canonical.string() + "\n" + std::to_string(size) + "\n" + std::to_string(modified) + "\n";
}

} // namespace

std::string weightsPathFrom(const Args& args)
{
    const auto weights = args.value("weights");
    const auto checkpoint = args.value("checkpoint");
    const auto clip = args.value("clip");
    if (weights && (checkpoint || clip))
        throw UsageError("give --weights FILE, or --checkpoint FILE.pth with --clip ViT-B-16.pt, not both");
    if (weights)
        return *weights;
    if (!checkpoint)
        throw UsageError(clip ? "--clip needs --checkpoint FILE.pth (the official Cascade-CLIP checkpoint)"
                              : "give --weights FILE (a model bundle) or --checkpoint FILE.pth [--clip ViT-B-16.pt]");

    ModelImportRequest request;
    request.checkpointPath = *checkpoint;
    request.clipPath = clip.value_or("");
    // Without a vocabulary the bundle still segments from --text-embeddings; text encoding then says what is
    // missing.
    try {
        request.vocabPath = findVocabulary(args.value("vocab").value_or(""), request.checkpointPath, request.clipPath);
    } catch (const Error&) {
        if (args.has("vocab"))
            throw;
    }
    std::string key = "cascadeclip bundle cache 1\n" + stamp(request.checkpointPath);
    for (const std::string& source : {request.clipPath, request.vocabPath})
        key += source.empty() ? "-\n" : stamp(source);
    weights::Sha256 hash;
    hash.update(key);
    const fs::path folder = cacheFolder() / "bundles";
    const std::string name = fs::path(request.checkpointPath).stem().string() + "-" + hash.hexDigest().substr(0, 16);
    const fs::path bundle = folder / (name + ".safetensors");
    std::error_code ec;
    if (fs::is_regular_file(bundle, ec)) {
        std::cerr << "cascadeclip: using " << bundle.string() << ", imported earlier from " << *checkpoint << "\n";
        return bundle.string();
    }
    fs::create_directories(folder, ec);
    if (ec)
        throw Error(ErrorCode::Io,
            folder.string() + ": cannot create the bundle cache folder: " + ec.message()
                + " (set CASCADECLIP_CACHE_DIR, or make a bundle with `cascadeclip import`)");
    request.outputPath = bundle.string();
    std::cerr << "cascadeclip: importing " << *checkpoint << (clip ? " and " + *clip : std::string()) << " into "
              << bundle.string() << " (once; later runs reuse it)\n";
    importModelBundle(request, [](const std::string& line) { std::cerr << "cascadeclip import: " << line << "\n"; });
    return bundle.string();
}

} // namespace cascadeclip::cli
