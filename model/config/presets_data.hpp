#pragma once
// Internal: the preset table generated at build time from presets/*.toml.

#include <cstddef>
#include <string_view>

namespace plasticore::fixed::detail {

struct preset_entry {
    std::string_view name;
    std::string_view text;  // TOML keys of a [hardware] table
};

extern const preset_entry preset_table[];
extern const std::size_t preset_count;

}  // namespace plasticore::fixed::detail
