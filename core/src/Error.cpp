// SPDX-License-Identifier: MIT
#include <cascadeclip/Error.h>

namespace cascadeclip {

const char* toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::WeightsNotFound:
        return "weights not found";
    case ErrorCode::WeightsMalformed:
        return "weights malformed";
    case ErrorCode::ImageUnreadable:
        return "image unreadable";
    case ErrorCode::InvalidInput:
        return "invalid input";
    case ErrorCode::OutOfMemory:
        return "out of memory";
    case ErrorCode::DeviceUnavailable:
        return "device unavailable";
    case ErrorCode::Io:
        return "i/o error";
    case ErrorCode::Internal:
        return "internal error";
    }
    return "unknown error";
}

} // namespace cascadeclip
