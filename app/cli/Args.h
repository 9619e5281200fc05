// SPDX-License-Identifier: MIT
#pragma once
// A small command-line parser for the subcommands: `--name value`, `--name=value`, `--flag`, positionals.

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace cascadeclip::cli {

/// Thrown for a usage error; the CLI prints it with the command's help and exits 1.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    /// `valued` are the options that take a value, `flags` those that do not; anything else is a usage error.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& valued, const std::set<std::string>& flags);

    bool has(const std::string& name) const { return m_values.count(name) > 0 || m_flags.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }
    int intValue(const std::string& name, int fallback) const;
    float floatValue(const std::string& name, float fallback) const;

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positionals;
};

} // namespace cascadeclip::cli
