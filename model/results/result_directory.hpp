#pragma once
// An output directory that never holds a half-written result: files are written into a
// hidden staging directory inside it and moved into place only by commit(), summary.json
// last, so a result set with a summary.json is complete. An abandoned staging directory
// (a run that failed or was killed) is removed by the destructor or by the next run.

#include <filesystem>
#include <string>

namespace plasticore {

class result_directory {
public:
    explicit result_directory(const std::filesystem::path& dir);
    ~result_directory();
    result_directory(const result_directory&) = delete;
    result_directory& operator=(const result_directory&) = delete;

    // Where to write file `name` before commit().
    std::filesystem::path staged(const std::string& name) const;

    // Moves every staged file into the directory, summary.json last.
    void commit();

    const std::filesystem::path& path() const { return dir_; }

private:
    std::filesystem::path dir_;
    std::filesystem::path staging_;
    bool committed_ = false;
};

}  // namespace plasticore
