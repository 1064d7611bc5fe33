#include <experiment/csv_files.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

#include <fmt/format.h>

#include <experiment/experiment_error.hpp>
#include <experiment/input_limits.hpp>

namespace plasticore {
namespace detail {

std::string resolve_path(const load_context& ctx, const std::string& file) {
    std::filesystem::path p(file);
    if (p.is_absolute()) return p.lexically_normal().string();
    return (std::filesystem::path(ctx.base_dir) / p).lexically_normal().string();
}

namespace {
struct field {
    std::string text;
    std::size_t column = 1;  // 1-based
};

// One CSV file being read line by line, with positions for messages.
class csv_reader {
public:
    csv_reader(const load_context& ctx, const toml::node& file_node, const std::string& key,
               const char* what):
        key_(key) {
        std::string file = to_string(ctx, file_node, key);
        path_ = resolve_path(ctx, file);
        // /dev/zero would be read for ever: only regular files of bounded size.
        std::error_code ec;
        const auto status = std::filesystem::status(path_, ec);
        if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
            fail_at(ctx, file_node, key, fmt::format("{} '{}' is not a regular file", what, path_));
        }
        if (!ec && std::filesystem::exists(status)) {
            const auto bytes = std::filesystem::file_size(path_, ec);
            if (!ec && bytes > input_limits::max_file_bytes) {
                fail_at(ctx, file_node, key, fmt::format("{} '{}' is larger than the limit of {} MiB", what, path_,
                                                         input_limits::max_file_bytes >> 20));
            }
        }
        in_.open(path_);
        if (!in_) fail_at(ctx, file_node, key, fmt::format("cannot open {} '{}'", what, path_));
    }

    // Next non-blank, non-comment line split at commas; false at end of file.
    bool next(std::vector<field>& fields) {
        std::string line;
        while (std::getline(in_, line)) {
            ++line_;
            if (line.size() > input_limits::max_csv_line) {
                fail_line(fmt::format("line longer than the limit of {} characters", input_limits::max_csv_line));
            }
            if (!line.empty() && line.back() == '\r') line.pop_back();
            auto first = line.find_first_not_of(" \t");
            if (first == std::string::npos || line[first] == '#') continue;
            fields.clear();
            std::size_t start = 0;
            while (true) {
                auto comma = line.find(',', start);
                auto end = comma == std::string::npos? line.size(): comma;
                auto b = line.find_first_not_of(" \t", start);
                if (b == std::string::npos || b > end) b = end;
                auto e = end;
                while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
                fields.push_back({line.substr(b, e - b), b + 1});
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            return true;
        }
        return false;
    }

    [[noreturn]] void fail(const field& f, const std::string& what) const {
        throw experiment_error(fmt::format("{}:{}:{}: {}: {} (got '{}')", path_, line_, f.column,
                                           key_, what, f.text));
    }
    [[noreturn]] void fail_line(const std::string& what) const {
        throw experiment_error(fmt::format("{}:{}:1: {}: {}", path_, line_, key_, what));
    }

    double number(const field& f) const {
        errno = 0;
        char* end = nullptr;
        double v = std::strtod(f.text.c_str(), &end);
        if (f.text.empty() || *end != '\0' || errno != 0 || !std::isfinite(v)) {
            fail(f, "expected a finite number");
        }
        return v;
    }

    int integer(const field& f) const {
        errno = 0;
        char* end = nullptr;
        long long v = std::strtoll(f.text.c_str(), &end, 10);
        if (f.text.empty() || *end != '\0' || errno != 0 ||
            v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
            fail(f, "expected an integer");
        }
        return static_cast<int>(v);
    }

private:
    std::string key_;
    std::string path_;
    std::ifstream in_;
    int line_ = 0;
};

std::string index_range(int size) { return fmt::format("valid 0..{}", size - 1); }
}  // namespace

std::vector<std::vector<double>> read_spike_csv(const load_context& ctx,
                                                const toml::node& file_node,
                                                const std::string& key, int size,
                                                const spike_time_check& check) {
    csv_reader csv(ctx, file_node, key, "spike file");
    std::vector<field> fields;
    if (!csv.next(fields)) csv.fail_line("empty file; expected the header 'channel,time_ms'");
    if (fields.size() != 2 || fields[0].text != "channel" || fields[1].text != "time_ms") {
        csv.fail(fields[0], "the header must be 'channel,time_ms'");
    }
    std::vector<std::vector<double>> times(static_cast<std::size_t>(size));
    while (csv.next(fields)) {
        if (fields.size() != 2) {
            csv.fail_line(fmt::format("expected 2 fields (channel,time_ms), found {}",
                                      fields.size()));
        }
        int channel = csv.integer(fields[0]);
        if (channel < 0 || channel >= size) {
            csv.fail(fields[0], "channel out of range for size " + std::to_string(size) + " (" +
                                    index_range(size) + ")");
        }
        double t = csv.number(fields[1]);
        auto& channel_times = times[static_cast<std::size_t>(channel)];
        std::optional<double> previous;
        if (!channel_times.empty()) previous = channel_times.back();
        auto problem = check(previous, t);
        if (!problem.empty()) csv.fail(fields[1], fmt::format("channel {}: {}", channel, problem));
        channel_times.push_back(t);
    }
    return times;
}

std::vector<list_connector::entry> read_connection_csv(const load_context& ctx,
                                                       const toml::node& file_node,
                                                       const std::string& key,
                                                       const connection_checks& checks) {
    csv_reader csv(ctx, file_node, key, "connection file");
    std::vector<field> header;
    if (!csv.next(header)) csv.fail_line("empty file; expected a header such as 'pre,post'");
    const std::vector<std::string_view> known = {"pre", "post", "weight_na", "delay_ms"};
    int column_of[4] = {-1, -1, -1, -1};
    for (std::size_t c = 0; c < header.size(); ++c) {
        auto it = std::find(known.begin(), known.end(), header[c].text);
        if (it == known.end()) {
            auto near = nearest_word(header[c].text, known);
            csv.fail(header[c], near.empty()
                                    ? "unknown column; allowed are pre, post, weight_na, delay_ms"
                                    : fmt::format("unknown column; did you mean '{}'?", near));
        }
        auto k = static_cast<std::size_t>(it - known.begin());
        if (column_of[k] >= 0) csv.fail(header[c], "duplicate column");
        column_of[k] = static_cast<int>(c);
    }
    if (column_of[0] < 0 || column_of[1] < 0) {
        csv.fail(header[0], "the header must name the columns 'pre' and 'post'");
    }

    std::vector<list_connector::entry> entries;
    std::vector<field> fields;
    while (csv.next(fields)) {
        if (fields.size() != header.size()) {
            csv.fail_line(fmt::format("expected {} fields as in the header, found {}",
                                      header.size(), fields.size()));
        }
        auto at = [&](int k) -> const field& {
            return fields[static_cast<std::size_t>(column_of[k])];
        };
        list_connector::entry entry;
        entry.pre = csv.integer(at(0));
        if (entry.pre < 0 || entry.pre >= checks.pre_size) {
            csv.fail(at(0), "pre index out of range (" + index_range(checks.pre_size) + ")");
        }
        entry.post = csv.integer(at(1));
        if (entry.post < 0 || entry.post >= checks.post_size) {
            csv.fail(at(1), "post index out of range (" + index_range(checks.post_size) + ")");
        }
        if (column_of[2] >= 0) {
            entry.weight = csv.number(at(2));
            auto problem = checks.weight(*entry.weight);
            if (!problem.empty()) csv.fail(at(2), problem);
        }
        if (column_of[3] >= 0) {
            entry.delay = csv.number(at(3));
            auto problem = checks.delay(*entry.delay);
            if (!problem.empty()) csv.fail(at(3), problem);
        }
        entries.push_back(entry);
    }
    return entries;
}

}  // namespace detail
}  // namespace plasticore
