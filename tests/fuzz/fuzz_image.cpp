// SPDX-License-Identifier: MIT
// Image files as the CLI and the GUI open them: the header checks (empty, GIF, truncated PNG/JPEG, the size
// and the pixel limit) in front of OpenCV's decoders.
#include <cascadeclip/Error.h>
#include <cascadeclip/ImageFile.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    // A small limit keeps a header that claims a huge size from reaching the decoders' allocations.
    ImageReadOptions options;
    options.maxPixels = 1u << 20;
    try {
        const ImageReadResult image = decodeImage(bytes, "fuzz.img", options);
        if (image.bgr.type() != CV_8UC3 || image.bgr.total() > options.maxPixels)
            __builtin_trap();
    } catch (const Error&) {
    }
    return 0;
}
