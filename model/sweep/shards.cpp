#include "sweep/shards.hpp"

#include <fmt/format.h>

namespace plasticore::sweep {

namespace fs = std::filesystem;

bool in_shard(std::size_t point_index, const shard_spec& shard) {
    return point_index % static_cast<std::size_t>(shard.n) == static_cast<std::size_t>(shard.k - 1);
}

std::string point_file_name(std::size_t point_index, std::size_t seed_index) {
    return fmt::format("p{:06}-k{}.json", point_index, seed_index);
}

std::size_t missing_runs(const fs::path& dir, const sweep_size& size, const shard_spec& shard) {
    std::size_t missing = 0;
    for (std::size_t i = 0; i < size.points; ++i) {
        if (!in_shard(i, shard)) continue;
        for (std::size_t k = 0; k < size.seeds; ++k)
            if (!fs::exists(dir / "points" / point_file_name(i, k))) ++missing;
    }
    return missing;
}

fs::path shard_directory(const fs::path& out, int k) { return out / "shards" / std::to_string(k); }

std::vector<int> incomplete_shards(const fs::path& out, const sweep_size& size, int n) {
    if (n < 1) throw sweep_error(fmt::format("a sweep needs at least one shard, not {}", n));
    std::vector<int> v;
    for (int k = 1; k <= n; ++k)
        if (missing_runs(shard_directory(out, k), size, {k, n}) > 0) v.push_back(k);
    return v;
}

}  // namespace plasticore::sweep
