// The cost of a fixed-point multiply-round-saturate with formats chosen at run time
// (SpiNNaker's s16.15 state times a u0.32 decay into s16.15), next to a plain double
// multiply-add over the same array size, measured in the same run. Prints, at the end, each
// fixed-point figure as a ratio to the double one (goal: within 4x for deterministic modes).

#include <cstdint>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "fixed_point/array_ops.hpp"
#include "fixed_point/ops.hpp"

namespace fx = plasticore::fixed_point;

namespace {

constexpr std::size_t n = 1024;

struct operands {
    // Parsed at run time: nothing about the formats is known to the compiler.
    fx::format state = fx::format::parse("s16.15");
    fx::format decay = fx::format::parse("u0.32");
    std::vector<std::int64_t> v, d, out;
    std::vector<double> x, y, z, w;

    operands(): v(n), d(n), out(n), x(n), y(n), z(n), w(n) {
        fx::xorshift32 g(12345);
        for (std::size_t i = 0; i < n; ++i) {
            v[i] = static_cast<std::int32_t>(g.next());  // any s16.15 value
            d[i] = g.next();                             // any u0.32 decay
            x[i] = fx::to_double({v[i], state});
            y[i] = fx::to_double({d[i], decay});
            z[i] = 0.25 * static_cast<double>(i);
        }
    }
};

operands& data() {
    static operands o;
    return o;
}

void double_multiply_add(benchmark::State& state) {
    auto& o = data();
    for (auto _: state) {
        for (std::size_t i = 0; i < n; ++i) o.w[i] = o.x[i] * o.y[i] + o.z[i];
        benchmark::DoNotOptimize(o.w.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// One call of the scalar API per element, as a model's inner loop would write it.
void fixed_multiply(benchmark::State& state, fx::rounding mode) {
    auto& o = data();
    const fx::result_spec spec{o.state, mode, fx::overflow_mode::saturate};
    fx::overflow_counter counter;
    fx::xorshift32 rng(fx::stream_seed(1, 0));
    for (auto _: state) {
        for (std::size_t i = 0; i < n; ++i) {
            o.out[i] = fx::multiply({o.v[i], o.state}, {o.d[i], o.decay}, spec, counter, &rng).raw;
        }
        benchmark::DoNotOptimize(o.out.data());
        benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(counter);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// The array API: formats and modes dispatched once per call.
void fixed_multiply_n(benchmark::State& state, fx::rounding mode) {
    auto& o = data();
    const fx::result_spec spec{o.state, mode, fx::overflow_mode::saturate};
    fx::overflow_counter counter;
    fx::xorshift32 rng(fx::stream_seed(1, 0));
    for (auto _: state) {
        fx::multiply_n(o.v.data(), o.state, o.d.data(), o.decay, o.out.data(), n, spec, counter, &rng);
        benchmark::DoNotOptimize(o.out.data());
        benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(counter);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// Passes every run to the console and remembers its time, to print ratios at the end.
class ratio_reporter: public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        // With --benchmark_repetitions the median is kept, else the single run.
        for (const auto& run: runs) {
            if (run.run_type == Run::RT_Iteration && times_.count(run.run_name.str()) == 0) {
                times_[run.run_name.str()] = run.GetAdjustedRealTime();
            }
            if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median") {
                times_[run.run_name.str()] = run.GetAdjustedRealTime();
            }
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void print_ratios() const {
        const auto reference = times_.find("double_multiply_add");
        if (reference == times_.end()) return;
        std::cout << "\nns per element; ratio to the double multiply-add (" << reference->second / n
                  << " ns per element):\n";
        for (const auto& [name, time]: times_) {
            if (name == reference->first) continue;
            std::cout << "  " << name << ": " << time / n << " ns, ratio " << time / reference->second << "\n";
        }
    }

private:
    std::map<std::string, double> times_;
};

}  // namespace

BENCHMARK(double_multiply_add);
BENCHMARK_CAPTURE(fixed_multiply, floor, fx::rounding::floor);
BENCHMARK_CAPTURE(fixed_multiply, toward_zero, fx::rounding::toward_zero);
BENCHMARK_CAPTURE(fixed_multiply, nearest_even, fx::rounding::nearest_even);
BENCHMARK_CAPTURE(fixed_multiply, nearest_up, fx::rounding::nearest_up);
BENCHMARK_CAPTURE(fixed_multiply, stochastic, fx::rounding::stochastic);
BENCHMARK_CAPTURE(fixed_multiply_n, floor, fx::rounding::floor);
BENCHMARK_CAPTURE(fixed_multiply_n, nearest_even, fx::rounding::nearest_even);
BENCHMARK_CAPTURE(fixed_multiply_n, nearest_up, fx::rounding::nearest_up);
BENCHMARK_CAPTURE(fixed_multiply_n, stochastic, fx::rounding::stochastic);

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_ratios();
    benchmark::Shutdown();
    return 0;
}
