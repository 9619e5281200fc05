// SPDX-License-Identifier: MIT
#include "Args.h"

namespace cascadeclip::cli {

Args::Args(
    const std::vector<std::string>& argv, const std::set<std::string>& valued, const std::set<std::string>& flags)
{
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::optional<std::string> inlineValue;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (valued.count(name)) {
                if (inlineValue) {
                    m_values[name] = *inlineValue;
                } else {
                    if (i + 1 >= argv.size())
                        throw UsageError("option --" + name + " needs a value");
                    m_values[name] = argv[++i];
                }
            } else if (flags.count(name)) {
                if (inlineValue)
                    throw UsageError("option --" + name + " takes no value");
                m_flags.insert(name);
            } else {
                throw UsageError("unknown option --" + name);
            }
        } else if (a == "-h") {
            m_flags.insert("help");
        } else {
            m_positionals.push_back(a);
        }
    }
}

std::optional<std::string> Args::value(const std::string& name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::string Args::required(const std::string& name) const
{
    auto v = value(name);
    if (!v)
        throw UsageError("missing required option --" + name);
    return *v;
}

int Args::intValue(const std::string& name, int fallback) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        const int n = std::stoi(*v, &used);
        if (used != v->size())
            throw std::invalid_argument(*v);
        return n;
    } catch (const std::exception&) {
        throw UsageError("option --" + name + " expects an integer, got '" + *v + "'");
    }
}

float Args::floatValue(const std::string& name, float fallback) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        const float f = std::stof(*v, &used);
        if (used != v->size())
            throw std::invalid_argument(*v);
        return f;
    } catch (const std::exception&) {
        throw UsageError("option --" + name + " expects a number, got '" + *v + "'");
    }
}

} // namespace cascadeclip::cli
