// Coverage-guided fuzzing of the experiment loader with clang's libFuzzer (Debian's clang and
// libclang-rt-dev). Not part of CI: a long-running search for inputs that crash the loader, hang
// it or make it throw anything but an experiment_error with a position. Build and run:
//   cmake -S . -B build-libfuzzer -DCMAKE_CXX_COMPILER=clang++ -DPLASTICORE_LIBFUZZER=ON \
//         -DPLASTICORE_SANITIZE=ON -DPLASTICORE_BUILD_BENCH=OFF
//   cmake --build build-libfuzzer --target fuzz_loader_libfuzzer
//   build-libfuzzer/tests/fuzz/fuzz_loader_libfuzzer -max_total_time=600 -timeout=10 \
//         /tmp/corpus examples tests/fuzz/seeds
// Files the inputs name (spikes.csv, conn.csv) are resolved against tests/fuzz/seeds/.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>

#include "experiment/experiment_error.hpp"
#include "experiment/load_experiment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::regex positioned(R"(^[^\n]+:[0-9]+:[0-9]+: )");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        (void)plasticore::load_experiment_from_string(text, "fuzz.toml", PLASTICORE_FUZZ_SEEDS_DIR);
    }
    catch (const plasticore::experiment_error& e) {
        // Every loader error has a position; anything else is a finding.
        if (!std::regex_search(std::string(e.what()), positioned)) std::abort();
    }
    return 0;
}
