# SPDX-License-Identifier: MIT
# cascadeclip_add_test(NAME SOURCES a.cpp ... [LIBS ...] [LABELS ...] [GUI] [TIMEOUT s])
# One executable per tested thing, registered with CTest. Core tests use GoogleTest; GUI tests use Qt Test
# and run offscreen.
function(cascadeclip_add_test name)
    cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS})
    if(ARG_GUI)
        target_link_libraries(${name} PRIVATE Qt6::Test)
        set_target_properties(${name} PROPERTIES AUTOMOC ON)
    else()
        target_link_libraries(${name} PRIVATE GTest::gtest GTest::gtest_main)
    endif()
    target_compile_definitions(${name} PRIVATE
        CASCADECLIP_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        CASCADECLIP_BINARY_DIR="${PROJECT_BINARY_DIR}"
        CASCADECLIP_SHARED_DIR="${CASCADECLIP_SHARED_DIR}"
        CASCADECLIP_PYTHON="${CASCADECLIP_PYTHON}")
    cascadeclip_set_warnings(${name})
    add_test(NAME ${name} COMMAND ${name})
    set(env "LANG=C.UTF-8;LC_ALL=C.UTF-8;QT_QPA_PLATFORM=offscreen;CASCADECLIP_ARTIFACTS=${PROJECT_BINARY_DIR}/test-artifacts")
    if(CASCADECLIP_SANITIZE)
        list(APPEND env "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp:print_suppressions=0"
            "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "${env}" TIMEOUT ${ARG_TIMEOUT})
endfunction()
