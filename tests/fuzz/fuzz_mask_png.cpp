// SPDX-License-Identifier: MIT
// Index (palette or 16-bit) PNG import, with and without a class count to check against.
#include <cascadeclip/Error.h>
#include <cascadeclip/annotation/MaskPng.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    if (size == 0)
        return 0;
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if ((data[0] & 1) != 0)
            (void)annotation::decodeIndexPng(bytes, "fuzz.png", std::size_t {data[0]} / 2);
        else
            (void)annotation::decodeIndexPng(bytes, "fuzz.png", std::nullopt);
    } catch (const Error&) {
    }
    return 0;
}
