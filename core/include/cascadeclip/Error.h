// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

namespace cascadeclip {

/// What went wrong, coarse enough for the UI to pick a sentence and for the CLI to pick an exit code.
enum class ErrorCode {
    WeightsNotFound,
    WeightsMalformed,
    ImageUnreadable,
    InvalidInput,
    OutOfMemory,
    DeviceUnavailable,
    Io,
    Internal,
};

/// Human-readable English name of an error code ("weights malformed").
const char* toString(ErrorCode code);

/// The one exception type that leaves core. `what()` is English, technical, and names the file and the reason.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& detail)
        : std::runtime_error(detail)
        , m_code(code)
    {
    }
    ErrorCode code() const noexcept { return m_code; }

private:
    ErrorCode m_code;
};

/// Thrown when a caller's cancel check returned true; not a failure.
class Canceled : public std::exception {
public:
    const char* what() const noexcept override { return "canceled"; }
};

} // namespace cascadeclip
