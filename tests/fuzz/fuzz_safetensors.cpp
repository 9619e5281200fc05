// SPDX-License-Identifier: MIT
// A model bundle's header: the safetensors framing and JSON header, then what the loader reads from the
// metadata (the architecture, the bundle facts). Anything malformed must be a cascadeclip::Error.
#include "weights/Architecture.h"
#include "weights/Bundle.h"
#include "weights/Safetensors.h"

#include <cascadeclip/Error.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    try {
        const weights::SafetensorsFile file = weights::parseSafetensors(data, size, "fuzz.safetensors");
        try {
            (void)weights::inferOptions(file.tensors, file.metadata, "fuzz.safetensors");
        } catch (const Error&) {
        }
        (void)weights::readBundleInfo(file.metadata, "fuzz.safetensors");
    } catch (const Error&) {
    }
    return 0;
}
