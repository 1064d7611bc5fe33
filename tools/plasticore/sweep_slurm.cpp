#include "sweep_slurm.hpp"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "slurm_scripts.hpp"
#include "subprocess.hpp"
#include "sweep/shards.hpp"

namespace plasticore::cli {

namespace fs = std::filesystem;
namespace sw = plasticore::sweep;
using json = nlohmann::ordered_json;

namespace {

// OUT/slurm/array.json: how the sweep is split, and the jobs submitted for it, oldest first.
fs::path state_path(const fs::path& out) { return out / "slurm" / "array.json"; }

json read_state(const fs::path& out) {
    const fs::path p = state_path(out);
    if (!fs::exists(p)) return json{{"shards", nullptr}, {"submissions", json::array()}};
    std::ifstream in(p);
    try {
        return json::parse(in);
    }
    catch (const json::exception& e) {
        throw sw::sweep_error(fmt::format("'{}' is not readable: {}", p.string(), e.what()));
    }
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// sbatch ARGS...; its --parsable output is "JOBID" or "JOBID;CLUSTER".
std::string submit(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"sbatch", "--parsable"};
    argv.insert(argv.end(), args.begin(), args.end());
    program_output r;
    try {
        r = run_program(argv);
    }
    catch (const std::runtime_error& e) {
        throw sw::sweep_error(fmt::format("{} (--slurm needs Slurm's sbatch on PATH; --emit-slurm only writes the scripts)",
                                          e.what()));
    }
    const std::string out = trimmed(r.out);
    std::size_t digits = 0;
    while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits]))) ++digits;
    if (r.status != 0 || digits == 0 || (digits < out.size() && out[digits] != ';'))
        throw sw::sweep_error(fmt::format("sbatch {} failed (status {}): {}", args.back(), r.status,
                                          trimmed(r.err + "\n" + r.out)));
    return out.substr(0, digits);
}

// A resubmission while the last submission's jobs are still queued would run a shard twice at
// once into the same directory.
void refuse_if_queued(const json& submission, const fs::path& out) {
    program_output r;
    try {
        r = run_program({"squeue", "--noheader", "--me", "--format=%F"});  // %F: the array's job id
    }
    catch (const std::runtime_error& e) {
        throw sw::sweep_error(fmt::format("{} (needed to check that the jobs of '{}' have ended)", e.what(), out.string()));
    }
    if (r.status != 0)
        throw sw::sweep_error(fmt::format("squeue failed (status {}): {}", r.status, trimmed(r.err)));
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        const std::string id = trimmed(line);
        for (const char* key: {"array_job", "merge_job"})
            if (submission.contains(key) && submission[key].is_string() && submission[key].get<std::string>() == id)
                throw sw::sweep_error(fmt::format(
                    "job {} of the sweep in '{}' is still queued or running (squeue); wait for it to end, or scancel "
                    "it, before resubmitting",
                    id, out.string()));
    }
}

}  // namespace

int sweep_on_slurm(const sw::sweep_spec& spec, const sweep_command_options& options) {
    const char* flag = options.slurm_submit ? "--slurm" : "--emit-slurm";
    if (!options.shard.empty())
        throw sw::sweep_error(fmt::format("--shard cannot be combined with {}: each array task runs one shard", flag));
    for (const auto& o: options.sbatch_options) check_sbatch_option(o);
    const int n = options.slurm_shards;
    const sw::sweep_size size = sw::check_sweep(spec);
    if (static_cast<std::size_t>(n) > size.points)
        throw sw::sweep_error(fmt::format("{} {}: the sweep has {} point{} and a shard holds whole points; use at most {} shards",
                                          flag, n, size.points, size.points == 1 ? "" : "s", size.points));

    slurm_job_options job;
    job.shards = n;
    job.cpus_per_task = options.jobs > 0 ? options.jobs : 1;
    job.sbatch = options.sbatch_options;
    job.plasticore = fs::canonical("/proc/self/exe");
    job.working_dir = fs::current_path();
    job.out = fs::absolute(options.out_dir).lexically_normal();
    if (!job.out.has_filename()) job.out = job.out.parent_path();  // "dir/" -> "dir"
    job.submit = options.slurm_submit;

    sw::claim_sweep_directory(spec, job.out);
    json state = read_state(job.out);
    if (!state["shards"].is_null() && state["shards"].get<int>() != n)
        throw sw::sweep_error(fmt::format("'{}' is split into {} shards; use {} {} (or another --out)", job.out.string(),
                                          state["shards"].get<int>(), flag, state["shards"].get<int>()));
    if (job.submit && !state["submissions"].empty()) refuse_if_queued(state["submissions"].back(), job.out);

    const std::vector<int> todo = sw::incomplete_shards(job.out, size, n);
    if (todo.empty()) {
        std::vector<fs::path> dirs;
        for (int k = 1; k <= n; ++k) dirs.push_back(sw::shard_directory(job.out, k));
        sw::merge_sweeps(dirs, job.out);
        if (!options.quiet)
            fmt::print("all {} shards are complete, nothing to submit; merged them into {}/sweep.csv\n", n, job.out.string());
        return 0;
    }
    std::size_t runs = 0;
    for (int k: todo) runs += sw::missing_runs(sw::shard_directory(job.out, k), size, {k, n});

    const fs::path slurm_dir = job.out / "slurm";
    fs::create_directories(slurm_dir / "logs");  // sbatch does not create the log directory
    const fs::path array_script = slurm_dir / "sweep.sbatch", merge = slurm_dir / "merge.sbatch";
    sw::write_file_atomically(array_script, shard_array_script(spec, job, todo));
    sw::write_file_atomically(merge, merge_script(spec, job));
    state["shards"] = n;
    const std::string tasks = array_ranges(todo);
    if (!job.submit) {
        sw::write_file_atomically(state_path(job.out), state.dump(2) + "\n");
        if (!options.quiet)
            fmt::print("wrote {} (array tasks {}: {} of {} shards incomplete, {} runs) and {}; submit them with\n"
                       "  job=$(sbatch --parsable {}) && sbatch --dependency=afterany:${{job%%;*}} {}\n",
                       array_script.string(), tasks, todo.size(), n, runs, merge.string(), shell_quote(array_script.string()),
                       shell_quote(merge.string()));
        return 0;
    }

    const std::string array_job = submit({array_script.string()});
    state["submissions"].push_back({{"array_job", array_job}, {"shards", tasks}, {"merge_job", nullptr}});
    sw::write_file_atomically(state_path(job.out), state.dump(2) + "\n");
    std::string merge_job;
    try {
        merge_job = submit({"--dependency=afterany:" + array_job, merge.string()});
    }
    catch (const sw::sweep_error& e) {
        throw sw::sweep_error(fmt::format("submitted array job {} but not the merge job: {}; submit it with 'sbatch "
                                          "--dependency=afterany:{} {}'",
                                          array_job, e.what(), array_job, shell_quote(merge.string())));
    }
    state["submissions"].back()["merge_job"] = merge_job;
    sw::write_file_atomically(state_path(job.out), state.dump(2) + "\n");
    if (!options.quiet)
        fmt::print("submitted array job {} (shards {} of {}, {} runs) and merge job {} after it\n"
                   "logs in {}/logs/; results in {}/sweep.csv when job {} has ended\n"
                   "a failed task leaves its shard incomplete: run this command again to resubmit only those\n",
                   array_job, tasks, n, runs, merge_job, slurm_dir.string(), job.out.string(), merge_job);
    return 0;
}

}  // namespace plasticore::cli
