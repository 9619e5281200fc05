// SPDX-License-Identifier: MIT
#pragma once
// The model of a command: --weights FILE (a bundle, or a .safetensors with the official checkpoint keys), or
// the files people have, --checkpoint FILE.pth [--clip ViT-B-16.pt], imported once into a bundle in the user's
// cache folder and reused while those files are unchanged.

#include "Args.h"

#include <string>

namespace cascadeclip::cli {

/**
 * The bundle to load. With --checkpoint, the first run imports it (and --clip, and the vocabulary as `import`
 * finds it) into $CASCADECLIP_CACHE_DIR, else $XDG_CACHE_HOME/cascadeclip, else ~/.cache/cascadeclip, saying so
 * on stderr; later runs reuse that bundle while the sources keep their path, size and modification time.
 * @throws UsageError for a missing or contradictory choice; Error naming the file for a source that cannot be
 *         read or imported
 */
std::string weightsPathFrom(const Args& args);

} // namespace cascadeclip::cli
