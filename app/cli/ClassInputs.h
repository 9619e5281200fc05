// SPDX-License-Identifier: MIT
#pragma once
// The class list of a command: --classes "a,b" or --class-names FILE (one per line), and the template set.

#include "Args.h"

#include <cascadeclip/Segmenter.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cascadeclip::cli {

/// Names from --classes (comma-separated) or --class-names (a file, one per line); throws UsageError when neither
/// or both are given, Error(InvalidInput) naming the file when it cannot be read or holds no name.
std::vector<std::string> classNamesFrom(const Args& args);

/// --template single|multi, else the bundle's `cascadeclip.template_set`, else single.
TemplateSet templateSetFrom(const Args& args, const std::map<std::string, std::string>& metadata);

/// Reads non-empty lines (CR stripped).
std::vector<std::string> readNameLines(const std::string& path);

} // namespace cascadeclip::cli
