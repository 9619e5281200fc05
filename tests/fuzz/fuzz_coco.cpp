// SPDX-License-Identifier: MIT
// COCO JSON import (RLE strings and lists, polygons, categories, images) from a file.
#include "FuzzSupport.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/annotation/Coco.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    const std::string path = fuzz::writeScratch("input.json", data, size);
    try {
        (void)annotation::readCoco(path);
    } catch (const Error&) {
    }
    return 0;
}
