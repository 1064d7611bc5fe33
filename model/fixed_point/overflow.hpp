#pragma once

// Overflow counters. Every saturation or wrap an operation performs increments the counter it
// is given, so that no overflow goes unreported; a registry names the counters of a run.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace plasticore::fixed_point {

struct overflow_counter {
    std::uint64_t saturations = 0;
    std::uint64_t wraps = 0;

    std::uint64_t total() const noexcept { return saturations + wraps; }
    overflow_counter& operator+=(const overflow_counter& o) noexcept {
        saturations += o.saturations;
        wraps += o.wraps;
        return *this;
    }
};

// Maps a variable name ("v", "i_syn", "weight") to its counter, for reporting at the end of a
// run. Counters live in map nodes, so references handed out stay valid while the registry does.
class counter_registry {
public:
    // The counter of `variable`, created at zero on first use.
    overflow_counter& counter(std::string_view variable);
    // Null if no counter of that name exists.
    const overflow_counter* find(std::string_view variable) const;

    const std::map<std::string, overflow_counter, std::less<>>& counters() const noexcept {
        return counters_;
    }
    overflow_counter total() const noexcept;
    // Zeroes every counter and keeps the names (and the references handed out).
    void reset() noexcept;
    // One line per variable, sorted by name: "v: 3 saturations, 0 wraps".
    std::string report() const;

private:
    std::map<std::string, overflow_counter, std::less<>> counters_;
};

}  // namespace plasticore::fixed_point
