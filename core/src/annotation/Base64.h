// SPDX-License-Identifier: MIT
#pragma once
// RFC 4648 base64 for the PNG patches inside labelme JSON. Internal to core.

#include <string>
#include <string_view>

namespace cascadeclip::annotation::base64 {

/// Standard alphabet with '=' padding, no line breaks (Python's base64.b64encode).
std::string encode(std::string_view bytes);

/// Decodes standard base64; whitespace is skipped (Python's encodebytes inserts line breaks).
/// @throws Error(ErrorCode::InvalidInput) on another character or a bad length/padding
std::string decode(std::string_view text);

} // namespace cascadeclip::annotation::base64
