// plasticore compare: both layers on one stimulus and one network, each run's usual result
// files in DIR/reference/ and DIR/candidate/, then DIR/compare.json (docs/compare.md).

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "commands.hpp"
#include "compare/compare.hpp"
#include "experiment/load_experiment.hpp"
#include "experiment/time_steps.hpp"
#include "layers/run_model.hpp"
#include "network/network.hpp"
#include "progress_bar.hpp"
#include "resources/memory_estimate.hpp"
#include "results/result_directory.hpp"
#include "results/write_results.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::cli {

namespace {

// Checked here rather than by CLI11 so that the default candidate ("fixed") is accepted as soon
// as the layer exists, and refused with the list of known layers until then.
void check_model_name(const std::string& role, const std::string& name) {
    const auto& known = model_names();
    if (std::find(known.begin(), known.end(), name) != known.end()) return;
    std::string list;
    for (const auto& n: known) list += (list.empty() ? "" : ", ") + n;
    throw std::invalid_argument(fmt::format("--{}: unknown model '{}' (known: {})", role, name, list));
}

run_result run_one(const std::string& role, const std::string& model, const compare_command_options& options,
                   const experiment& ex, const stimulus& stim, const network& net) {
    progress_bar bar(fmt::format("{} {} {}", role, model, options.experiment_path));
    model_options run_opts;
    if (!options.quiet) run_opts.progress = [&](std::int64_t done, std::int64_t total) { bar.update(done, total); };
    run_result res = run_model(model, ex, stim, net, run_opts);
    bar.finish();
    return res;
}

}  // namespace

int compare_command(const compare_command_options& options) {
    check_model_name("reference", options.reference);
    check_model_name("candidate", options.candidate);
    const experiment ex = load_for_command(options.experiment_path, options.overrides);
    check_memory(ex, {options.reference, options.candidate}, options.allow_memory);
    // Bad statistics options fail here, before the runs, not after them.
    check_statistics_options(options.statistics, ex.simulation.dt, step_count(ex.simulation));
    // compare.json marks a complete comparison (result_directory.hpp).
    const std::filesystem::path dir(options.out_dir);
    result_directory out(dir, result_directory::when_busy::refuse, "compare.json");
    compare_options cmp;
    cmp.van_rossum_tau = options.van_rossum_tau_ms;
    cmp.statistics = options.statistics;

    stimulus stim;
    network net;
    blame_input(ex, [&] {
        stim = generate_stimulus(ex);
        net = build_network(ex);
    });

    run_result reference, candidate;
    blame_input(ex, [&] {
        reference = run_one("reference", options.reference, options, ex, stim, net);
        candidate = run_one("candidate", options.candidate, options, ex, stim, net);
    });
    const compare_report report = compare_runs(ex, reference, candidate, cmp);
    write_compare_files(out, ex, net, reference, candidate, report);
    out.commit();
    print_warnings(reference);
    print_warnings(candidate);

    if (!options.quiet) {
        fmt::print("{}", format_table(report));
        fmt::print("\nresults written to {}/\n", options.out_dir);
    }
    return 0;
}

}  // namespace plasticore::cli
