#include "chip/mapper.hpp"

#include <algorithm>
#include <string>

namespace plasticore::chip {

namespace {

std::string plural(std::uint64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

int bits_for(std::uint64_t values) {  // bits to index `values` distinct values (>= 1)
    int b = 1;
    while (b < 32 && (std::uint64_t{1} << b) < values) ++b;
    return b;
}

}  // namespace

const slice& placement::slice_of(std::uint32_t group, std::uint32_t neuron) const {
    const auto& list = group_slices.at(group);
    // The last slice whose first neuron is <= neuron.
    auto it = std::upper_bound(list.begin(), list.end(), neuron,
                               [&](std::uint32_t n, std::uint32_t s) { return n < slices[s].first; });
    if (it == list.begin()) throw std::out_of_range("chip: neuron not placed");
    return slices[*(it - 1)];
}

std::uint32_t placement::cores_used() const {
    std::uint32_t n = 0;
    for (const auto& c: cores) n += c.slices.empty() ? 0 : 1;
    return n;
}

std::vector<std::string> placement::describe() const {
    std::vector<std::string> lines;
    for (std::size_t c = 0; c < cores.size(); ++c) {
        if (cores[c].slices.empty()) continue;
        std::string line = "core " + std::to_string(c) + ":";
        for (std::uint32_t s: cores[c].slices) {
            const slice& sl = slices[s];
            line += " " + group_names[sl.group] + "[" + std::to_string(sl.first) + ", " +
                    std::to_string(sl.first + sl.size) + ")";
        }
        line += " | " + plural(cores[c].neurons, "neuron") + ", " + plural(cores[c].synapse_words, "synapse word");
        lines.push_back(line);
    }
    return lines;
}

placement map_network(const experiment& ex, const network& net, const chip_config& cfg) {
    const std::size_t n_pop = ex.populations.size(), n_groups = n_pop + ex.sources.size();
    std::vector<std::uint32_t> group_size;
    placement pl;
    for (const auto& p: ex.populations) {
        group_size.push_back(static_cast<std::uint32_t>(p.size));
        pl.group_names.push_back(p.name);
    }
    for (const auto& s: ex.sources) {
        group_size.push_back(static_cast<std::uint32_t>(s.size));
        pl.group_names.push_back(s.name);
    }
    auto group_of = [&](const std::string& name) -> std::uint32_t {
        for (std::size_t g = 0; g < n_groups; ++g)
            if (pl.group_names[g] == name) return static_cast<std::uint32_t>(g);
        throw std::logic_error("chip mapper: unknown group " + name);
    };
    // Synapse words each post neuron needs: its incoming synapses over every projection.
    std::vector<std::vector<std::uint64_t>> in_words(n_pop);
    for (std::size_t p = 0; p < n_pop; ++p) in_words[p].assign(group_size[p], 0);
    std::vector<std::uint32_t> pre_group(ex.projections.size()), post_group(ex.projections.size());
    for (std::size_t k = 0; k < ex.projections.size(); ++k) {
        pre_group[k] = group_of(ex.projections[k].pre);
        post_group[k] = group_of(ex.projections[k].post);
        for (std::uint32_t j: net.projections[k].post) ++in_words[post_group[k]][j];
    }

    // Placement: groups in order onto cores in order, a group cut where the core is full.
    pl.cores.resize(static_cast<std::size_t>(cfg.cores));
    pl.group_slices.resize(n_groups);
    const auto cap_neurons = static_cast<std::uint32_t>(cfg.neurons_per_core);
    const auto cap_words = static_cast<std::uint64_t>(cfg.synapse_words_per_core);
    std::size_t core = 0;
    for (std::uint32_t g = 0; g < n_groups; ++g) {
        const bool is_pop = g < n_pop;
        const std::string kind = is_pop ? "population" : "source";
        std::uint32_t j = 0;
        while (j < group_size[g]) {
            if (core >= pl.cores.size()) {
                // Nothing left: say how much of this group and of the later groups is homeless.
                std::uint64_t words = 0, later_neurons = 0, later_words = 0;
                if (is_pop)
                    for (std::uint32_t i = j; i < group_size[g]; ++i) words += in_words[g][i];
                for (std::uint32_t h = g + 1; h < n_groups; ++h) {
                    later_neurons += group_size[h];
                    if (h < n_pop)
                        for (auto w: in_words[h]) later_words += w;
                }
                throw mapping_error("chip: " + kind + " '" + pl.group_names[g] + "' does not fit: " +
                                    plural(group_size[g] - j, "neuron") + " of its " + std::to_string(group_size[g]) +
                                    " (" + plural(words, "synapse word") + ") and " + plural(later_neurons, "neuron") +
                                    " (" + plural(later_words, "synapse word") + ") of later groups are missing a core; the " +
                                    plural(pl.cores.size(), "core") + " ([chip] cores) hold " +
                                    std::to_string(cap_neurons) + " neurons (neurons_per_core) and " +
                                    std::to_string(cap_words) + " synapse words (synapse_words_per_core) each");
            }
            core_load& cl = pl.cores[core];
            std::uint32_t take = 0;
            std::uint64_t words = 0;
            while (j + take < group_size[g] && cl.neurons + take < cap_neurons) {
                const std::uint64_t w = is_pop ? in_words[g][j + take] : 0;
                if (cl.synapse_words + words + w > cap_words) break;
                words += w;
                ++take;
            }
            if (take == 0) {
                if (cl.neurons == 0)  // an empty core cannot hold this one neuron's synapses
                    throw mapping_error("chip: population '" + pl.group_names[g] + "' neuron " + std::to_string(j) +
                                        " has " + plural(in_words[g][j], "incoming synapse") +
                                        ", more than a core's synapse_words_per_core = " + std::to_string(cap_words) +
                                        " (missing " + std::to_string(in_words[g][j] - cap_words) + ")");
                ++core;
                continue;
            }
            slice s;
            s.group = g;
            s.first = j;
            s.size = take;
            s.core = static_cast<std::uint32_t>(core);
            cl.slices.push_back(static_cast<std::uint32_t>(pl.slices.size()));
            pl.group_slices[g].push_back(static_cast<std::uint32_t>(pl.slices.size()));
            pl.slices.push_back(s);
            cl.neurons += take;
            cl.synapse_words += words;
            j += take;
        }
    }

    // Routes: the cores holding a post neuron of a synapse that leaves each slice.
    std::vector<std::vector<char>> reaches(pl.slices.size(), std::vector<char>(pl.cores.size(), 0));
    std::vector<std::uint32_t> slice_index(pl.slices.size());
    for (std::size_t k = 0; k < ex.projections.size(); ++k) {
        const synapse_table& t = net.projections[k];
        t.for_each_synapse([&](std::uint32_t pre, std::uint32_t, std::uint32_t s) {
            const slice& from = pl.slice_of(pre_group[k], pre);
            const slice& to = pl.slice_of(post_group[k], t.post[s]);
            reaches[static_cast<std::size_t>(&from - pl.slices.data())][to.core] = 1;
        });
    }
    std::uint32_t max_size = 1;
    for (const auto& s: pl.slices) max_size = std::max(max_size, s.size);
    pl.neuron_bits = bits_for(max_size);
    const std::uint64_t key_space = std::uint64_t{1} << (32 - pl.neuron_bits);
    if (pl.slices.size() > key_space)
        throw mapping_error("chip: " + plural(pl.slices.size(), "slice") + " need more routing keys than the " +
                            std::to_string(32 - pl.neuron_bits) + " key bits left by " + std::to_string(pl.neuron_bits) +
                            " neuron bits hold");
    const std::uint32_t mask = ~((std::uint32_t{1} << pl.neuron_bits) - 1);
    for (std::size_t i = 0; i < pl.slices.size(); ++i) {
        slice& s = pl.slices[i];
        s.key = static_cast<std::uint32_t>(i) << pl.neuron_bits;
        route_entry e;
        e.key = s.key;
        e.mask = mask;
        for (std::size_t c = 0; c < pl.cores.size(); ++c)
            if (reaches[i][c]) e.targets.push_back(static_cast<std::uint32_t>(c));
        if (e.targets.empty()) continue;  // nothing leaves this slice: no entry, no packets
        s.routed = true;
        pl.table.push_back(std::move(e));
    }
    if (pl.table.size() > static_cast<std::size_t>(cfg.router_table_entries))
        throw mapping_error("chip: the routing table needs " + std::to_string(pl.table.size()) + " entries" +
                            " (one per routed slice), router_table_entries = " + std::to_string(cfg.router_table_entries) +
                            " (missing " + std::to_string(pl.table.size() - static_cast<std::size_t>(cfg.router_table_entries)) + ")");
    return pl;
}

}  // namespace plasticore::chip
