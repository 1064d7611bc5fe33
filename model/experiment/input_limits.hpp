#pragma once
// Limits on what the loader reads, checked before anything is parsed, so that no input can
// exhaust the stack or the memory of the parser: toml++ and the message renderer recurse once
// per nesting level, and a 28 KB header such as [t.t.t. ... .t] is 14,000 levels deep.
// Every violation is an experiment_error with the file and position of the offending place.

#include <cstddef>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace plasticore {

struct input_limits {
    static constexpr std::size_t max_file_bytes = 64u << 20;  // experiment and CSV files [bytes]
    static constexpr int max_nesting = 32;       // [ ] and { } nesting, and parts of one dotted key
    static constexpr std::size_t max_csv_line = 1u << 16;     // characters of one CSV line
};

// Reads a whole regular file of at most input_limits::max_file_bytes. `what` names it in
// messages ("experiment file", "spike file"). Throws experiment_error for a missing,
// non-regular (a device, a FIFO, a directory) or too large file.
std::string read_bounded_file(const std::string& path, const char* what);

// Throws experiment_error "FILE:LINE:COL: arrays and tables nested too deeply (the limit is N)",
// or the same for a dotted key or header of more than N parts, at the first place `text` exceeds
// input_limits::max_nesting; the scan understands strings and comments, so brackets and dots
// inside them do not count.
void check_toml_nesting(std::string_view text, const std::string& path_for_messages);

// toml::parse after check_toml_nesting and the size limit; a syntax error becomes
// "FILE:LINE:COL: TOML syntax error: ...".
toml::table parse_toml_checked(std::string_view text, const std::string& path_for_messages);

}  // namespace plasticore
