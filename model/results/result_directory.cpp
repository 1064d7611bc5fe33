#include "results/result_directory.hpp"

#include <stdexcept>
#include <system_error>
#include <vector>

namespace plasticore {

namespace fs = std::filesystem;

result_directory::result_directory(const fs::path& dir): dir_(dir), staging_(dir / ".partial") {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw std::runtime_error("cannot create output directory '" + dir_.string() + "': " + ec.message());
    fs::remove_all(staging_, ec);
    fs::create_directories(staging_, ec);
    if (ec) throw std::runtime_error("cannot create '" + staging_.string() + "': " + ec.message());
}

result_directory::~result_directory() {
    std::error_code ec;
    fs::remove_all(staging_, ec);  // nothing to report from a destructor
}

fs::path result_directory::staged(const std::string& name) const { return staging_ / name; }

void result_directory::commit() {
    std::vector<fs::path> files;
    fs::path summary;
    for (const auto& entry: fs::directory_iterator(staging_)) {
        if (entry.path().filename() == "summary.json") summary = entry.path();
        else files.push_back(entry.path());
    }
    if (!summary.empty()) files.push_back(summary);
    for (const auto& f: files) fs::rename(f, dir_ / f.filename());
    committed_ = true;
}

}  // namespace plasticore
