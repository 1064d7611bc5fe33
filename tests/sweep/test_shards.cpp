// Shards of a sweep (sweep/shards.hpp): membership, which shard directories are incomplete, and
// the checks a Slurm submission runs before anything is queued (check_sweep, claim_sweep_directory).

#include <catch2/catch.hpp>

#include "sweep/shards.hpp"
#include "sweep_fixtures.hpp"

namespace plasticore::sweep {
namespace {

TEST_CASE("a shard holds every Nth point and point files are named by index and seed", "[sweep]") {
    CHECK(in_shard(0, {1, 3}));
    CHECK(in_shard(3, {1, 3}));
    CHECK(!in_shard(1, {1, 3}));
    CHECK(in_shard(1, {2, 3}));
    CHECK(in_shard(5, {3, 3}));
    CHECK(in_shard(7, {1, 1}));
    CHECK(point_file_name(12, 3) == "p000012-k3.json");
    CHECK(shard_directory("/x/out", 4) == fs::path("/x/out/shards/4"));
}

TEST_CASE("check_sweep sizes a sweep and names a bad point without writing anything", "[sweep]") {
    temp_dir t;
    const sweep_size size = check_sweep(small_spec());
    CHECK(size.points == 6);
    CHECK(size.seeds == 2);
    auto bad = small_spec();
    bad.axes.push_back({"hardware.weight_rounding_mode", {"floor"}});
    bad.axes.erase(bad.axes.begin() + 3);
    CHECK_THROWS_WITH(check_sweep(bad), Catch::Contains("point 0") && Catch::Contains("weight_rounding_mode"));
    auto twice = small_spec();
    twice.axes.push_back(twice.axes[0]);
    CHECK_THROWS_WITH(check_sweep(twice), Catch::Contains("given twice"));
    CHECK(fs::is_empty(t.path));
}

TEST_CASE("a directory claimed by one sweep refuses another", "[sweep]") {
    temp_dir t;
    claim_sweep_directory(small_spec(), t.path / "out");
    CHECK(fs::exists(t.path / "out" / "sweep_spec.json"));
    claim_sweep_directory(small_spec(), t.path / "out");  // the same sweep: fine
    auto other = small_spec();
    other.seeds = 3;
    CHECK_THROWS_WITH(claim_sweep_directory(other, t.path / "out"), Catch::Contains("different sweep"));
}

TEST_CASE("incomplete shards are those with a missing run, found from the point files", "[sweep]") {
    temp_dir t;
    const auto spec = small_spec();
    const sweep_size size{6, 2};
    const fs::path out = t.path / "out";
    CHECK(incomplete_shards(out, size, 3) == std::vector<int>{1, 2, 3});
    CHECK(missing_runs(shard_directory(out, 2), size, {2, 3}) == 4);  // points 1 and 4, two seeds each
    for (int k: {1, 3}) {
        run_options o;
        o.jobs = 1;
        o.shard = {k, 3};
        run_sweep(spec, shard_directory(out, k), o);
    }
    CHECK(incomplete_shards(out, size, 3) == std::vector<int>{2});
    // A run lost from shard 3 (point 5, seed 1) makes it incomplete again, by one run.
    fs::remove(shard_directory(out, 3) / "points" / point_file_name(5, 1));
    CHECK(incomplete_shards(out, size, 3) == std::vector<int>{2, 3});
    CHECK(missing_runs(shard_directory(out, 3), size, {3, 3}) == 1);
    CHECK_THROWS_WITH(incomplete_shards(out, size, 0), Catch::Contains("at least one shard"));
}

TEST_CASE("write_file_atomically replaces a file whole and leaves no temporary file", "[sweep]") {
    temp_dir t;
    write_file_atomically(t.path / "a.txt", "first\n");
    write_file_atomically(t.path / "a.txt", "second\n");
    CHECK(read(t.path / "a.txt") == "second\n");
    CHECK(std::distance(fs::directory_iterator(t.path), fs::directory_iterator()) == 1);
}

}  // namespace
}  // namespace plasticore::sweep
