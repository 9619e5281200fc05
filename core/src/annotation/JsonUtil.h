// SPDX-License-Identifier: MIT
#pragma once
// Strict JSON reading for the importers: every type or key problem becomes Error(InvalidInput) naming the file
// and the JSON location ("a.json: annotations[3].bbox: expected an array"). Internal to core.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace cascadeclip::annotation::json {

using Json = nlohmann::json;

/// Reads and parses @p path. @throws Error(Io) when unreadable, Error(InvalidInput) when not JSON
Json readFile(const std::string& path);

/// Serialises @p value (UTF-8, no ASCII escaping) and writes it with writeFileAtomically.
void writeFile(const std::string& path, const Json& value, int indent = 2);

/// The location of a whole file in messages ("a.json: "); at() and fail() continue it without a dot or colon.
std::string root(const std::string& path);

[[noreturn]] void fail(const std::string& where, const std::string& reason);

/// `where` + "." + key (just key after a root), or `where` + "[i]".
std::string at(const std::string& where, const std::string& key);
std::string at(const std::string& where, std::size_t index);

const Json& member(const Json& object, const std::string& key, const std::string& where);
const Json& object(const Json& value, const std::string& where);
const Json& array(const Json& value, const std::string& where);
std::int64_t integer(const Json& value, const std::string& where);
double number(const Json& value, const std::string& where);
std::string string(const Json& value, const std::string& where);

} // namespace cascadeclip::annotation::json
