// SPDX-License-Identifier: MIT
// The tolerant unpickler on arbitrary bytes, with persistent ids resolved to small storages as the archive
// reader does, and the mmcv config scanner on the same bytes as text.
#include "weights/Import.h"
#include "weights/Pickle.h"

#include <cascadeclip/Error.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    using weights::pickle::Value;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto loader = [](const Value&) {
        auto storage = std::make_shared<Value>();
        storage->kind = Value::Kind::Storage;
        storage->tensor = torch::zeros({16}, torch::kFloat32);
        return storage;
    };
    try {
        const weights::pickle::ValuePtr root = weights::pickle::unpickle(bytes, "fuzz.pkl", loader);
        (void)root->describe();
    } catch (const Error&) {
    }
    (void)weights::parseMmcvConfig(std::string(bytes));
    return 0;
}
