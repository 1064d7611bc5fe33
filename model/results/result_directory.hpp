#pragma once
// An output directory that never holds a mixed or half-written result.
//
// - One writer at a time: the constructor takes an exclusive lock (flock on DIR/.plasticore.lock,
//   released by the kernel when the process ends, however it ends). A second run into the same
//   directory is refused with output_directory_error (or waits, for callers that ask to).
// - Files are written into a staging directory DIR/.partial and moved into place by commit():
//   first the marker (summary.json) of the previous result is removed, then every result file
//   of the previous run that this run does not write, then the new files are moved in, the
//   marker last. So a directory with a marker holds exactly one run's files; a kill at any
//   point leaves the previous result or a directory without marker, which the next run
//   cleans. Files that plasticore does not write (a user's notes) are never touched.

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace plasticore {

// The output directory cannot be used: another run holds it, or it cannot be created or written.
struct output_directory_error: std::runtime_error {
    using std::runtime_error::runtime_error;
};

class result_directory {
public:
    enum class when_busy { refuse, wait };

    explicit result_directory(const std::filesystem::path& dir, when_busy busy = when_busy::refuse,
                              std::string marker = "summary.json");
    ~result_directory();
    result_directory(const result_directory&) = delete;
    result_directory& operator=(const result_directory&) = delete;

    // Where to write file `name` before commit().
    std::filesystem::path staged(const std::string& name) const;

    // Replaces the previous result with the staged files (see above). `after_step`, if given,
    // is called after each file-system operation with its 1-based number: tests use it to kill
    // the process at every step.
    void commit(const std::function<void(int step)>& after_step = {});

    const std::filesystem::path& path() const { return dir_; }

    // Every file name a plasticore command writes into a result directory: what commit()
    // removes when the new run does not write it again.
    static const std::vector<std::string>& result_file_names();

private:
    std::filesystem::path dir_;
    std::filesystem::path staging_;
    std::string marker_;
    int lock_fd_ = -1;
};

}  // namespace plasticore
