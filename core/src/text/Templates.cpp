// SPDX-License-Identifier: MIT
#include "text/Templates.h"

#include <utility>

namespace cascadeclip::text {

const std::vector<std::string>& templates(TemplateSet set)
{
    // `single_templete` in the notebook: clip.tokenize(f"a photo of a {c}").
    static const std::vector<std::string> single {"a photo of a {}"};
    // `templates` in the notebook, used by `multi_templete`; the order matters only for reproducibility.
    static const std::vector<std::string> multi {
        "a photo of a {}.",
        "a photo of a small {}.",
        "a photo of a medium {}.",
        "a photo of a large {}.",
        "This is a photo of a {}.",
        "This is a photo of a small {}.",
        "This is a photo of a medium {}.",
        "This is a photo of a large {}.",
        "a {} in the scene.",
        "a photo of a {} in the scene.",
        "There is a {} in the scene.",
        "There is the {} in the scene.",
        "This is a {} in the scene.",
        "This is the {} in the scene.",
        "This is one {} in the scene.",
    };
    return set == TemplateSet::Multi ? multi : single;
}

std::vector<std::string> promptsFor(const std::string& className, TemplateSet set)
{
    std::vector<std::string> prompts;
    for (const std::string& t : templates(set)) {
        std::string p = t;
        p.replace(p.find("{}"), 2, className);
        prompts.push_back(std::move(p));
    }
    return prompts;
}

std::optional<TemplateSet> parseTemplateSet(std::string_view name)
{
    if (name == "single")
        return TemplateSet::Single;
    if (name == "multi")
        return TemplateSet::Multi;
    return std::nullopt;
}

const char* toString(TemplateSet set)
{
    switch (set) {
    case TemplateSet::Single:
        return "single";
    case TemplateSet::Multi:
        return "multi";
    }
    return "single";
}

} // namespace cascadeclip::text
