# SPDX-License-Identifier: MIT
# Warnings for the project's own targets only; third-party headers come in as SYSTEM includes.
function(cascadeclip_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(CASCADECLIP_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
