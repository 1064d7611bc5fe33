#pragma once
// Internal to the loader. Typed access to TOML values that turns every problem into an
// experiment_error at the right place: the offending node's position, or, for a missing key,
// the position of the table that should hold it.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include <experiment/experiment.hpp>

namespace plasticore {
namespace detail {

// What every section parser shares: where messages point and where relative files live.
struct load_context {
    std::string file;      // FILE of messages
    std::string base_dir;  // directory relative file names are resolved against
};

// Short TOML rendering of a value for "(got VALUE)".
std::string show_value(const toml::node& node);

[[noreturn]] void fail_at(const load_context& ctx, const toml::source_region& where,
                          const std::string& key, const std::string& what,
                          const toml::node* got = nullptr);
[[noreturn]] void fail_at(const load_context& ctx, const toml::node& node, const std::string& key,
                          const std::string& what);

// The nearest of `candidates` to `word` if it is plausibly a typo of it, else empty.
std::string nearest_word(std::string_view word, const std::vector<std::string_view>& candidates);

// Conversions of a single node; `key` names it in messages.
double to_number(const load_context& ctx, const toml::node& node, const std::string& key);
std::int64_t to_integer(const load_context& ctx, const toml::node& node, const std::string& key);
int to_int(const load_context& ctx, const toml::node& node, const std::string& key);
std::string to_string(const load_context& ctx, const toml::node& node, const std::string& key);
const toml::array& to_array(const load_context& ctx, const toml::node& node, const std::string& key);
const toml::table& to_table(const load_context& ctx, const toml::node& node, const std::string& key);
// An array whose every element is a table ([[name]] in TOML).
std::vector<const toml::table*> to_tables(const load_context& ctx, const toml::node& node,
                                          const std::string& key);
// One of `allowed` (an enum spelled as a string); returns its index.
std::size_t to_choice(const load_context& ctx, const toml::node& node, const std::string& key,
                      const std::vector<std::string_view>& allowed);

// One TOML table being read; `path` is its KEY prefix, e.g. "projection 'in_to_post'".
class table_reader {
public:
    table_reader(const load_context& ctx, const toml::table& table, std::string path);

    // Rejects any key not in `allowed`, suggesting the nearest allowed one.
    void allow_only(const std::vector<std::string_view>& allowed, const char* noun = "key") const;

    bool has(std::string_view key) const;
    const toml::node* find(std::string_view key) const;
    const toml::node& required(std::string_view key) const;
    std::string key(std::string_view name) const;  // path + "." + name
    const std::string& path() const { return path_; }
    void set_path(std::string path) { path_ = std::move(path); }
    const load_context& ctx() const { return ctx_; }
    const toml::table& table() const { return table_; }

    double number(std::string_view key) const;
    double number_or(std::string_view key, double fallback) const;
    std::optional<double> optional_number(std::string_view key) const;
    int integer(std::string_view key) const;
    int integer_or(std::string_view key, int fallback) const;
    // Required integer in [lo, hi]; out of range: an error naming the key, value and range.
    int integer_in(std::string_view key, int lo, int hi) const;
    // The same for an optional key: absent leaves `value` (the default) unchanged.
    void optional_integer_in(std::string_view key, int& value, int lo, int hi) const;
    std::string string(std::string_view key) const;
    std::size_t choice(std::string_view key, const std::vector<std::string_view>& allowed) const;
    std::size_t choice_or(std::string_view key, const std::vector<std::string_view>& allowed,
                          std::size_t fallback) const;

    // Fails at `key` (its value if present, else this table) unless `ok`.
    void check(bool ok, std::string_view key, const std::string& what) const;
    [[noreturn]] void fail(std::string_view key, const std::string& what) const;

private:
    const load_context& ctx_;
    const toml::table& table_;
    std::string path_;
};

// Checks shared by several sections.
std::string read_name(const table_reader& r);  // required, [A-Za-z_][A-Za-z0-9_]*
std::vector<int> read_neuron_list(const table_reader& r, std::string_view key, int size,
                                  const std::string& owner);

}  // namespace detail
}  // namespace plasticore
