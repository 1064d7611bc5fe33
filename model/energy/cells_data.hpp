#pragma once
// Internal: rtl/synth/cells.csv, embedded at configure time (model/energy/CMakeLists.txt).

#include <string_view>

namespace plasticore::energy::detail {
extern const std::string_view cells_csv;
}  // namespace plasticore::energy::detail
