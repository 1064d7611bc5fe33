#include "slurm_scripts.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plasticore::cli {

namespace fs = std::filesystem;
using sweep::sweep_error;

namespace {

// The name of an sbatch option: "--time" of "--time=1:00", "-t" of "-t1:00".
std::string option_name(const std::string& option) {
    if (option.rfind("--", 0) == 0) return option.substr(0, option.find('='));
    return option.substr(0, 2);
}

bool has_option(const std::vector<std::string>& options, const char* long_name, const char* short_name) {
    return std::any_of(options.begin(), options.end(), [&](const std::string& o) {
        const std::string n = option_name(o);
        return n == long_name || n == short_name;
    });
}

// A path written into an #SBATCH line, which sbatch does not unquote; '%' would be a pattern.
std::string directive_path(const fs::path& p) {
    const std::string s = p.string();
    if (s.find_first_of(" \t\n\"'\\%") != std::string::npos)
        throw sweep_error(fmt::format("the Slurm scripts cannot name '{}' in an #SBATCH line (it holds a space, "
                                      "a quote, a backslash or '%'); use another directory",
                                      s));
    return s;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string s;
    for (const auto& w: words) s += (s.empty() ? "" : " ") + shell_quote(w);
    return s;
}

std::string directives(const slurm_job_options& o, const char* job_name, int cpus, const std::string& log_pattern) {
    std::string s;
    if (!has_option(o.sbatch, "--job-name", "-J")) s += fmt::format("#SBATCH --job-name={}\n", job_name);
    s += fmt::format("#SBATCH --cpus-per-task={}\n", cpus);
    s += fmt::format("#SBATCH --chdir={}\n", directive_path(o.working_dir));
    s += fmt::format("#SBATCH --output={}/{}\n", directive_path(o.out / "slurm" / "logs"), log_pattern);
    for (const auto& extra: o.sbatch) s += "#SBATCH " + extra + "\n";
    return s;
}

}  // namespace

std::string array_ranges(const std::vector<int>& ks) {
    if (ks.empty()) throw sweep_error("an array job needs at least one task");
    std::string s;
    for (std::size_t a = 0; a < ks.size();) {
        std::size_t b = a;
        while (b + 1 < ks.size() && ks[b + 1] == ks[b] + 1) ++b;
        s += (s.empty() ? "" : ",") + (a == b ? std::to_string(ks[a]) : fmt::format("{}-{}", ks[a], ks[b]));
        a = b + 1;
    }
    return s;
}

std::string shell_quote(const std::string& s) {
    const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
    });
    if (plain) return s;
    std::string q = "'";
    for (char c: s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

void check_sbatch_option(const std::string& option) {
    if (option.size() < 2 || option[0] != '-' || option.find('\n') != std::string::npos)
        throw sweep_error(fmt::format("--sbatch '{}' is not an sbatch option (write e.g. --sbatch=--time=00:30:00)", option));
    const std::string name = option_name(option);
    if (name == "--cpus-per-task" || name == "-c")
        throw sweep_error(fmt::format("--sbatch {}: use -j/--jobs, which sets each task's CPUs and its threads", option));
    for (const auto& [long_name, short_name]:
         std::vector<std::pair<std::string, std::string>>{{"--array", "-a"}, {"--output", "-o"}, {"--error", "-e"},
                                                          {"--chdir", "-D"}, {"--dependency", "-d"}, {"--wrap", ""},
                                                          {"--parsable", ""}})
        if (name == long_name || (!short_name.empty() && name == short_name))
            throw sweep_error(fmt::format("--sbatch {}: plasticore sets {} itself in the scripts it writes", option, long_name));
}

std::vector<std::string> sweep_arguments(const sweep::sweep_spec& spec) {
    std::vector<std::string> args{"sweep", spec.experiment_path};
    for (const auto& a: spec.axes) {
        std::string values;
        for (const auto& v: a.values) values += (values.empty() ? "" : ",") + v;
        args.push_back("--set");
        args.push_back(a.key + "=" + values);
    }
    if (spec.seeds_given) {
        args.push_back("--seeds");
        args.push_back(std::to_string(spec.seeds));
    }
    if (spec.seed_base) {
        args.push_back("--seed-base");
        args.push_back(std::to_string(*spec.seed_base));
    }
    for (const auto& a: std::vector<std::string>{"--reference", spec.reference, "--candidate", spec.candidate,
                                                 "--van-rossum-tau", fmt::format("{}", spec.compare.van_rossum_tau)})
        args.push_back(a);
    for (const auto& [flag, value]: sweep::statistics_arguments(spec.compare.statistics)) {
        args.push_back(flag);
        args.push_back(value);
    }
    if (spec.capacity) {
        args.push_back("--capacity");
        args.push_back("--capacity-tolerance");
        args.push_back(fmt::format("{}", spec.capacity_tolerance));
    }
    for (const auto& a: args)
        if (a.find('\n') != std::string::npos)
            throw sweep_error(fmt::format("a Slurm script line cannot hold the argument '{}' (a newline)", a));
    return args;
}

std::string regenerate_command(const sweep::sweep_spec& spec, const slurm_job_options& o) {
    std::vector<std::string> words{o.plasticore.string()};
    for (const auto& a: sweep_arguments(spec)) words.push_back(a);
    words.push_back(o.submit ? "--slurm" : "--emit-slurm");
    words.push_back(std::to_string(o.shards));
    if (o.cpus_per_task != 1) {
        words.push_back("--jobs");
        words.push_back(std::to_string(o.cpus_per_task));
    }
    for (const auto& extra: o.sbatch) words.push_back("--sbatch=" + extra);
    words.push_back("--out");
    words.push_back(o.out.string());
    return "cd " + shell_quote(o.working_dir.string()) + " && " + join_words(words);
}

std::string shard_array_script(const sweep::sweep_spec& spec, const slurm_job_options& o, const std::vector<int>& shards) {
    std::vector<std::string> command{o.plasticore.string()};
    for (const auto& a: sweep_arguments(spec)) command.push_back(a);
    std::string s = "#!/bin/bash\n";
    s += fmt::format("# plasticore sweep as a Slurm array job (docs/sweep.md): array task K runs shard K of {}\n"
                     "# into {}/shards/K, its log in {}/slurm/logs/. Written by plasticore with the shards\n"
                     "# that were incomplete then; after a failed task, this resubmits only the incomplete ones:\n"
                     "#   {}\n",
                     o.shards, o.out.string(), o.out.string(), regenerate_command(spec, o));
    s += "#SBATCH --array=" + array_ranges(shards) + "\n";
    s += directives(o, "plasticore-sweep", o.cpus_per_task, "shard-%a-job-%A.out");
    s += "set -euo pipefail\n";
    s += "k=${SLURM_ARRAY_TASK_ID:?run this script as a Slurm array task (sbatch), or set SLURM_ARRAY_TASK_ID=K}\n";
    s += "cd " + shell_quote(o.working_dir.string()) + "\n";
    s += fmt::format("exec {} --jobs \"${{SLURM_CPUS_PER_TASK:-{}}}\" --shard \"$k/{}\" --out {}/\"$k\"\n",
                     join_words(command), o.cpus_per_task, o.shards, shell_quote((o.out / "shards").string()));
    return s;
}

std::string merge_script(const sweep::sweep_spec& spec, const slurm_job_options& o) {
    std::string s = "#!/bin/bash\n";
    s += fmt::format("# plasticore sweep: joins the shards in {0}/shards/ into {0} (sweep.csv, sweep.json,\n"
                     "# sweep_summary.csv) once the array job has ended (submitted with --dependency=afterany on it).\n"
                     "# Written by plasticore (docs/sweep.md).\n",
                     o.out.string());
    s += directives(o, "plasticore-merge", 1, "merge-job-%j.out");
    s += "set -uo pipefail\n";
    s += "cd " + shell_quote(o.working_dir.string()) + "\n";
    // The trailing slash globs directories only; a shard that never started has none.
    s += fmt::format("if {} sweep --merge {}/*/ --out {}; then exit 0; fi\n", shell_quote(o.plasticore.string()),
                     shell_quote((o.out / "shards").string()), shell_quote(o.out.string()));
    s += "cat >&2 <<'END_OF_HINT'\n";
    s += fmt::format("plasticore: the merge failed. If shards are incomplete (a task failed, was cancelled or ran\n"
                     "out of time: see {}/slurm/logs/), resubmit only those with\n"
                     "  {}\n",
                     o.out.string(), regenerate_command(spec, o));
    s += "END_OF_HINT\nexit 1\n";
    return s;
}

}  // namespace plasticore::cli
