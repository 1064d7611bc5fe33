#pragma once
// The time of a step as it appears in the result files: n * dt [ms] written as the decimal it
// stands for, "23.2" for step 232 at dt = 0.1 ms, not the binary product's
// "23.200000000000003". Only the text changes: it reads back as the nearest double to the
// exact time, and every layer writes the same text for the same step.

#include <cstdint>
#include <string>

namespace plasticore {

class step_time_format {
public:
    explicit step_time_format(double dt_ms);
    // n * dt with at most the decimals of dt, trailing zeros removed.
    std::string operator()(std::int64_t step) const;

private:
    double dt_;
    int decimals_;             // < 0: dt has too many digits; fall back to the shortest round-trip form
    std::int64_t dt_units_ = 0;  // dt in units of 10^-decimals_ ms (exact: dt has that many decimals)
    std::int64_t scale_ = 1;     // 10^decimals_
};

}  // namespace plasticore
