// SPDX-License-Identifier: MIT
#pragma once
// Seeded structural mutations of JSON documents for the robustness tests: every importer must either accept a
// mutated document or throw cascadeclip::Error, never another exception type and never crash.

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace cascadeclip::test {

/// @p doc with 1..3 leaf values replaced by values of other types or out-of-range numbers, or removed.
inline nlohmann::json mutateJson(const nlohmann::json& doc, cv::RNG& rng)
{
    nlohmann::json flat = doc.flatten();
    std::vector<std::string> keys;
    for (const auto& item : flat.items())
        keys.push_back(item.key());
    const int edits = rng.uniform(1, 4);
    for (int e = 0; e < edits && !keys.empty(); ++e) {
        const std::string& key = keys[static_cast<std::size_t>(rng.uniform(0, static_cast<int>(keys.size())))];
        switch (rng.uniform(0, 9)) {
        case 0:
            flat.erase(key);
            break;
        case 1:
            flat[key] = nullptr;
            break;
        case 2:
            flat[key] = "x";
            break;
        case 3:
            flat[key] = -1;
            break;
        case 4:
            flat[key] = 4294967296.0;
            break;
        case 5:
            flat[key] = 1.5;
            break;
        case 6:
            flat[key] = true;
            break;
        case 7:
            flat[key] = 0;
            break;
        default:
            flat[key] = std::string(1, static_cast<char>(rng.uniform(48, 112)));
            break;
        }
    }
    try {
        return flat.unflatten();
    } catch (const nlohmann::json::exception&) {
        return doc; // a mutation that flatten cannot express: test the original again
    }
}

} // namespace cascadeclip::test
