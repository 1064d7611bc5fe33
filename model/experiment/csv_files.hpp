#pragma once
// Internal to the loader: spike-time and connection-list CSV files named by an experiment.
// Errors point into the CSV file ("spikes.csv:LINE:COL: source 'x'.file: ..."), since that is
// where the problem is; a missing file is reported at the `file` key of the experiment.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include <experiment/experiment.hpp>
#include <experiment/toml_reader.hpp>

namespace plasticore {
namespace detail {

// `file` relative to the experiment's directory, unless absolute.
std::string resolve_path(const load_context& ctx, const std::string& file);

// Checks one spike time given the channel's previous one (none for its first): returns an
// error text, or "" if the time is fine. The same check serves inline times and files.
using spike_time_check = std::function<std::string(std::optional<double> previous, double t)>;

// Header "channel,time_ms"; one spike per row, in any channel order.
std::vector<std::vector<double>> read_spike_csv(const load_context& ctx,
                                                const toml::node& file_node,
                                                const std::string& key, int size,
                                                const spike_time_check& check);

// Checks applied to every connection, inline or from a file: each returns "" if fine.
struct connection_checks {
    int pre_size = 0;
    int post_size = 0;
    std::function<std::string(double)> weight;
    std::function<std::string(double)> delay;
};

// Header "pre,post" plus optionally "weight_na" and "delay_ms", in any order.
std::vector<list_connector::entry> read_connection_csv(const load_context& ctx,
                                                       const toml::node& file_node,
                                                       const std::string& key,
                                                       const connection_checks& checks);

}  // namespace detail
}  // namespace plasticore
