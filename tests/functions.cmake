# gazette_test(NAME PREFIX <ctest prefix> SOURCES <files...> LIBS <targets...>)
# One Catch2 binary per component: compiled with the project's flags and test
# definitions, every case registered with ctest under "<prefix>: <case>".
function(gazette_test name)
  cmake_parse_arguments(ARG "" "PREFIX" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_definitions(${name} PRIVATE ${GAZETTE_TEST_DEFINES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} gazette_options Catch2::Catch2WithMain)
  # --warn NoTests: a case name the runner cannot match fails instead of passing empty.
  # A case that prints "SKIPPED: <reason>" (e.g. the shared corpora are absent) is
  # reported by ctest as skipped, not passed.
  catch_discover_tests(${name} TEST_PREFIX "${ARG_PREFIX}: " EXTRA_ARGS --warn NoTests
                       PROPERTIES TIMEOUT 900 SKIP_REGULAR_EXPRESSION "SKIPPED: ")
endfunction()
