#pragma once
// A one-line progress bar with the time left, on stderr, only when stderr is a terminal:
// logs and pipes stay clean.

#include <chrono>
#include <cstdint>
#include <string>

namespace plasticore::cli {

class progress_bar {
public:
    explicit progress_bar(std::string label);
    ~progress_bar();
    void update(std::int64_t done, std::int64_t total);
    // Also show "done/total" and the rate in `unit`s per second (e.g. "points").
    void show_counts(std::string unit) { count_unit_ = std::move(unit); }
    void finish();
    bool enabled() const { return enabled_; }

private:
    std::string label_;
    std::string count_unit_;  // empty: percentage and time left only
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace plasticore::cli
