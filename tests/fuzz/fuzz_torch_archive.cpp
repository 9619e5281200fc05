// SPDX-License-Identifier: MIT
// A PyTorch zip archive as the importer reads it: OpenAI's CLIP file and an mmcv checkpoint (zip directory,
// data.pkl, storages), and the config text an mmcv checkpoint carries.
#include "FuzzSupport.h"
#include "weights/Import.h"

#include <cascadeclip/Error.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    const std::string path = fuzz::writeScratch("input.pth", data, size);
    try {
        const weights::Checkpoint checkpoint = weights::readCheckpoint(path);
        (void)weights::parseMmcvConfig(checkpoint.config);
    } catch (const Error&) {
    }
    try {
        // A small grid keeps the positional-embedding resize cheap; the parsing is the same.
        (void)weights::readOpenAiClip(path, 2);
    } catch (const Error&) {
    }
    return 0;
}
