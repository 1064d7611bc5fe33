#include "results/result_directory.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace plasticore {

namespace fs = std::filesystem;

namespace {
const char* lock_name = ".plasticore.lock";

std::string read_holder(int fd) {
    char buf[32] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return pid.empty() ? std::string() : " (pid " + pid + ")";
}
}  // namespace

const std::vector<std::string>& result_directory::result_file_names() {
    static const std::vector<std::string> names{
        "summary.json", "spikes.csv", "weights.csv", "state.csv", "stdp_window.csv", "stimulus.csv",
        "network.csv", "plasticity.json", "core_ticks.csv", "compare.json", "distributions.csv", "sweep.csv", "sweep_summary.csv",
        "sweep.json"};
    return names;
}

result_directory::result_directory(const fs::path& dir, when_busy busy, std::string marker):
    dir_(dir), staging_(dir / ".partial"), marker_(std::move(marker)) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw output_directory_error("cannot create output directory '" + dir_.string() + "': " + ec.message());
    const fs::path lock_path = dir_ / lock_name;
    lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) {
        throw output_directory_error("cannot write into output directory '" + dir_.string() +
                                     "': " + std::strerror(errno));
    }
    if (::flock(lock_fd_, LOCK_EX | (busy == when_busy::refuse ? LOCK_NB : 0)) != 0) {
        const std::string holder = read_holder(lock_fd_);
        ::close(lock_fd_);
        lock_fd_ = -1;
        throw output_directory_error("output directory '" + dir_.string() + "' is in use by another plasticore run" +
                                     holder + "; wait for it to finish or choose another --out");
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(lock_fd_, 0) == 0 && ::pwrite(lock_fd_, pid.data(), pid.size(), 0) < 0) {
        // The pid is only for the message of a refused second run.
    }
    // Under the lock, .partial can only be the leftover of a run that was killed.
    fs::remove_all(staging_, ec);
    fs::create_directories(staging_, ec);
    if (ec) throw output_directory_error("cannot create '" + staging_.string() + "': " + ec.message());
}

result_directory::~result_directory() {
    std::error_code ec;
    fs::remove_all(staging_, ec);  // nothing to report from a destructor
    if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

fs::path result_directory::staged(const std::string& name) const { return staging_ / name; }

void result_directory::commit(const std::function<void(int step)>& after_step) {
    int step = 0;
    auto done = [&] {
        if (after_step) after_step(++step);
    };
    std::vector<std::string> files;
    bool has_marker = false;
    for (const auto& entry: fs::directory_iterator(staging_)) {
        const std::string name = entry.path().filename().string();
        if (name == marker_) has_marker = true;
        else files.push_back(name);
    }
    std::sort(files.begin(), files.end());
    try {
        // 1. The directory stops claiming to hold a complete result.
        if (fs::remove(dir_ / marker_)) done();
        // 2. Files of the previous run that this run does not write.
        for (const auto& name: result_file_names()) {
            if (name == marker_ || std::find(files.begin(), files.end(), name) != files.end()) continue;
            if (fs::remove(dir_ / name)) done();
        }
        // 3. The new files, the marker last.
        for (const auto& name: files) {
            fs::rename(staging_ / name, dir_ / name);
            done();
        }
        if (has_marker) {
            fs::rename(staging_ / marker_, dir_ / marker_);
            done();
        }
    }
    catch (const fs::filesystem_error& e) {
        throw output_directory_error("cannot write results into '" + dir_.string() + "': " + e.what());
    }
}

}  // namespace plasticore
