# Project code (not third-party or generated code) links this target: warnings are errors.
# -Wconversion matters here: a silent narrowing in a datapath is a silent overflow.
add_library(plasticore_warnings INTERFACE)
target_compile_options(plasticore_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough -Wconversion)
