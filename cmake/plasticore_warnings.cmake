# Project code (not third-party or generated code) links this target: warnings are errors.
# -Wconversion matters here: a silent narrowing in a datapath is a silent overflow.
add_library(plasticore_warnings INTERFACE)
target_compile_options(plasticore_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough -Wconversion)
if(PLASTICORE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 with -fsanitize=address reports -Wmaybe-uninitialized inside libstdc++'s <regex>
  # (std::function moves in regex_automaton.h, reached through Catch2): false positives in
  # system headers that -Werror would make fatal. The normal build keeps the warning.
  target_compile_options(plasticore_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
