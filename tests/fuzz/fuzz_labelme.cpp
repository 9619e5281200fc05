// SPDX-License-Identifier: MIT
// labelme JSON import: shapes of every type, base64 PNG mask patches, known and unknown labels.
#include "FuzzSupport.h"

#include <cascadeclip/Error.h>
#include <cascadeclip/annotation/Labelme.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    if (size == 0)
        return 0;
    // The first byte chooses whether unknown labels become new classes, as the GUI's import offers.
    const bool addUnknown = (data[0] & 1) != 0;
    const std::string path = fuzz::writeScratch("input.json", data + 1, size - 1);
    try {
        const annotation::ClassList classes {
            {"background", std::nullopt}, {"cat", std::nullopt}, {"dog", std::nullopt}};
        (void)annotation::readLabelme(path, classes, addUnknown);
    } catch (const Error&) {
    }
    return 0;
}
