// SPDX-License-Identifier: MIT
#include "annotation/JsonUtil.h"

#include <cascadeclip/AtomicFile.h>
#include <cascadeclip/Error.h>

#include <cmath>

namespace cascadeclip::annotation::json {

Json readFile(const std::string& path)
{
    const std::string bytes = readFileBytes(path);
    try {
        return Json::parse(bytes);
    } catch (const nlohmann::json::exception& e) {
        // A syntax error (parse_error) or a number too large for any C++ type (out_of_range.406, found by
        // fuzzing: it escaped as an uncaught exception). e.what() reads "[json.exception.parse_error.101] parse
        // error at line 1, column 2: ..."
        std::string reason = e.what();
        if (const auto p = reason.find("] "); p != std::string::npos)
            reason = reason.substr(p + 2);
        throw Error(ErrorCode::InvalidInput, path + ": not valid JSON: " + reason);
    }
}

void writeFile(const std::string& path, const Json& value, int indent)
{
    std::string text;
    try {
        text = value.dump(indent, ' ', false, nlohmann::json::error_handler_t::strict);
    } catch (const nlohmann::json::type_error&) {
        throw Error(ErrorCode::InvalidInput, path + ": a class name or file name is not valid UTF-8");
    }
    writeFileAtomically(path, text + "\n");
}

namespace {

bool isRoot(const std::string& where)
{
    return where.size() >= 2 && where.compare(where.size() - 2, 2, ": ") == 0;
}

} // namespace

std::string root(const std::string& path)
{
    return path + ": ";
}

void fail(const std::string& where, const std::string& reason)
{
    throw Error(ErrorCode::InvalidInput, isRoot(where) ? where + reason : where + ": " + reason);
}

std::string at(const std::string& where, const std::string& key)
{
    return isRoot(where) ? where + key : where + "." + key;
}

std::string at(const std::string& where, std::size_t index)
{
    return where + "[" + std::to_string(index) + "]";
}

const Json& member(const Json& obj, const std::string& key, const std::string& where)
{
    object(obj, where);
    const auto it = obj.find(key);
    if (it == obj.end())
        fail(where, "missing key \"" + key + "\"");
    return *it;
}

const Json& object(const Json& value, const std::string& where)
{
    if (!value.is_object())
        fail(where, std::string("expected an object, found ") + value.type_name());
    return value;
}

const Json& array(const Json& value, const std::string& where)
{
    if (!value.is_array())
        fail(where, std::string("expected an array, found ") + value.type_name());
    return value;
}

std::int64_t integer(const Json& value, const std::string& where)
{
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    // Python writers sometimes emit 3.0 for 3; accept integral floats.
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
            return static_cast<std::int64_t>(d);
    }
    fail(where, std::string("expected an integer, found ") + (value.is_number() ? value.dump() : value.type_name()));
}

double number(const Json& value, const std::string& where)
{
    if (!value.is_number())
        fail(where, std::string("expected a number, found ") + value.type_name());
    const double d = value.get<double>();
    if (!std::isfinite(d))
        fail(where, "expected a finite number");
    return d;
}

std::string string(const Json& value, const std::string& where)
{
    if (!value.is_string())
        fail(where, std::string("expected a string, found ") + value.type_name());
    return value.get<std::string>();
}

} // namespace cascadeclip::annotation::json
