#include <cmath>

#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

// [scale]: parsed before [[population]], which it resizes; the projections scale their
// synapse numbers and weights as they are read (parse_projections.cpp, scaling.hpp).
void parse_scale(const load_context& ctx, const toml::node& node, experiment& e) {
    table_reader r(ctx, to_table(ctx, node, "scale"), "scale");
    r.allow_only({"neurons", "in_degrees"});
    auto factor = [&](const char* key) {
        const double v = r.number_or(key, 1.0);
        r.check(std::isfinite(v) && v > 0 && v <= 1, key,
                "must be in (0, 1]: the fraction of the full-size network written in this file to simulate");
        return v;
    };
    e.scale.neurons = factor("neurons");
    e.scale.in_degrees = factor("in_degrees");
}

}  // namespace detail
}  // namespace plasticore
