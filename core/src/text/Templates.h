// SPDX-License-Identifier: MIT
#pragma once
// Prompt templates that turn a class name into the texts whose CLIP embeddings represent the class, as the
// official embedding notebook (HVision-NKU/Cascade-CLIP configs/_base_/datasets/text_embedding/
// get_embedding.ipynb) wrote them. Pure functions: any thread.

#include <cascadeclip/Segmenter.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cascadeclip::text {

/**
 * The templates of a set, each with one `{}` where the class name goes.
 * Single: `a photo of a {}` (no period; the VOC embeddings). Multi: the notebook's 15 templates, in its order
 * (the Context and COCO-Stuff embeddings average them).
 */
const std::vector<std::string>& templates(TemplateSet set);

/**
 * The prompts for one class: every template of `set` with `{}` replaced by `className` (verbatim, like
 * Python's str.format; the tokenizer lower-cases later).
 */
std::vector<std::string> promptsFor(const std::string& className, TemplateSet set);

/// "single" -> Single, "multi" -> Multi (exact, lower-case); anything else -> nullopt.
std::optional<TemplateSet> parseTemplateSet(std::string_view name);

/// Single -> "single", Multi -> "multi".
const char* toString(TemplateSet set);

} // namespace cascadeclip::text
