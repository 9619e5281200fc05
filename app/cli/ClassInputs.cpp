// SPDX-License-Identifier: MIT
#include "ClassInputs.h"

#include "text/Templates.h"

#include <cascadeclip/Error.h>

#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace cascadeclip::cli {

namespace {

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

/// The first name that appears twice, if any: two classes with one name cannot be told apart in any export.
std::optional<std::string> duplicateOf(const std::vector<std::string>& names)
{
    std::set<std::string> seen;
    for (const auto& n : names)
        if (!seen.insert(n).second)
            return n;
    return std::nullopt;
}

} // namespace

std::vector<std::string> readNameLines(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(ErrorCode::InvalidInput, path + ": cannot open the class names file: " + std::strerror(errno));
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") != std::string::npos)
            lines.push_back(trimmed(line));
    }
    if (lines.empty())
        throw Error(ErrorCode::InvalidInput, path + ": holds no class name");
    if (const auto twice = duplicateOf(lines))
        throw Error(ErrorCode::InvalidInput,
            path + ": class name \"" + *twice + "\" appears twice; class names must be unique");
    return lines;
}

std::vector<std::string> classNamesFrom(const Args& args)
{
    const auto inline_ = args.value("classes");
    const auto file = args.value("class-names");
    if (inline_ && file)
        throw UsageError("--classes and --class-names exclude each other");
    if (file)
        return readNameLines(*file);
    if (!inline_)
        throw UsageError("give the classes with --classes \"a,b\" or --class-names FILE");
    std::vector<std::string> names;
    std::stringstream s(*inline_);
    std::string name;
    while (std::getline(s, name, ','))
        if (name.find_first_not_of(" \t") != std::string::npos)
            names.push_back(trimmed(name));
    if (names.empty())
        throw UsageError("--classes holds no class name");
    if (const auto twice = duplicateOf(names))
        throw UsageError("--classes: class name \"" + *twice + "\" appears twice; class names must be unique");
    return names;
}

TemplateSet templateSetFrom(const Args& args, const std::map<std::string, std::string>& metadata)
{
    if (const auto t = args.value("template")) {
        if (const auto set = text::parseTemplateSet(*t))
            return *set;
        throw UsageError("--template must be single or multi, got '" + *t + "'");
    }
    if (const auto it = metadata.find("cascadeclip.template_set"); it != metadata.end())
        if (const auto set = text::parseTemplateSet(it->second))
            return *set;
    return TemplateSet::Single;
}

} // namespace cascadeclip::cli
