#include <experiment/toml_reader.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include <experiment/experiment_error.hpp>

namespace plasticore {
namespace detail {

namespace {
// Long arrays would drown the message; the position already says where the value is.
constexpr std::size_t max_shown = 80;

// TOML-like text of a value; floats in their shortest round-trip form, so that 0.1 shows as
// 0.1 and not as toml++'s 0.10000000000000001. Stops once `out` is longer than shown, so a
// huge or deeply nested value costs no more than its first few elements.
void append_value(std::string& out, const toml::node& node) {
    if (out.size() > max_shown) return;
    if (auto f = node.as_floating_point()) {
        std::string text = fmt::format("{}", f->get());
        if (text.find_first_of(".eEni") == std::string::npos) text += ".0";
        out += text;
    }
    else if (auto i = node.as_integer()) {
        out += std::to_string(i->get());
    }
    else if (auto a = node.as_array()) {
        out += '[';
        for (std::size_t k = 0; k < a->size() && out.size() <= max_shown; ++k) {
            if (k) out += ", ";
            append_value(out, *a->get(k));
        }
        out += ']';
    }
    else if (auto t = node.as_table()) {
        out += '{';
        bool first = true;
        for (auto&& [key, value]: *t) {
            if (out.size() > max_shown) break;
            out += first? " ": ", ";
            first = false;
            out += std::string(key.str().substr(0, max_shown)) + " = ";
            append_value(out, value);
        }
        out += first? "}": " }";
    }
    else if (auto s = node.as_string(); s && s->get().size() > max_shown) {
        out += '"' + s->get().substr(0, max_shown) + '"';
    }
    else {
        std::ostringstream text;
        node.visit([&](auto&& v) { text << toml::toml_formatter{v, toml::format_flags::none}; });
        out += text.str();
    }
}

// A key as shown in a message: a 10 MB key is cut like a long value.
std::string shown_key(const std::string& key) {
    constexpr std::size_t max_key = 200;
    return key.size() > max_key ? key.substr(0, max_key - 3) + "..." : key;
}
}  // namespace

std::string show_value(const toml::node& node) {
    std::string text;
    append_value(text, node);
    std::replace(text.begin(), text.end(), '\n', ' ');
    if (text.size() > max_shown) text = text.substr(0, max_shown - 3) + "...";
    return text;
}

void fail_at(const load_context& ctx, const toml::source_region& where, const std::string& key,
             const std::string& what, const toml::node* got) {
    std::string problem = what;
    if (got) problem += fmt::format(" (got {})", show_value(*got));
    throw experiment_error(fmt::format("{}:{}:{}: {}: {}", ctx.file, where.begin.line, where.begin.column,
                                       shown_key(key), problem),
                           key, problem);
}

void fail_at(const load_context& ctx, const toml::node& node, const std::string& key,
             const std::string& what) {
    fail_at(ctx, node.source(), key, what, &node);
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string join_quoted(const std::vector<std::string_view>& words) {
    std::string out;
    for (auto w: words) out += (out.empty()? "": ", ") + fmt::format("'{}'", w);
    return out;
}

std::string type_name(const toml::node& node) {
    std::ostringstream out;
    out << node.type();
    return out.str();
}
}  // namespace

std::string nearest_word(std::string_view word, const std::vector<std::string_view>& candidates) {
    // Edit distance costs |word| x |candidate|: a key far longer than any candidate cannot be a
    // typo of one, and a 10 MB key must not take seconds.
    constexpr std::size_t max_considered = 64;
    if (word.size() > max_considered) return {};
    // Case is a slip too: "TAU_M_MS" is "tau_m_ms".
    auto lower = [](std::string_view s) {
        std::string out(s);
        for (char& ch: out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return out;
    };
    const std::string low_word = lower(word);
    std::string best;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    for (auto c: candidates) {
        const std::string low_c = lower(c);
        std::size_t d = edit_distance(low_word, low_c);
        // A key missing only its unit suffix ("tau_m" for "tau_m_ms") is the commonest slip.
        bool unit_slip = low_c.size() > low_word.size() && low_c.compare(0, low_word.size(), low_word) == 0 &&
                         low_c[low_word.size()] == '_';
        if (unit_slip) d = std::min<std::size_t>(d, 1);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(c);
        }
    }
    // Short words are a distance or two from almost anything: suggest only near misses.
    std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    return best_distance <= limit && best_distance < word.size()? best: std::string();
}

double to_number(const load_context& ctx, const toml::node& node, const std::string& key) {
    double value = 0;
    if (auto f = node.as_floating_point()) {
        value = f->get();
    }
    else if (auto i = node.as_integer()) {
        value = static_cast<double>(i->get());
    }
    else {
        fail_at(ctx, node, key, "expected a number, found " + type_name(node));
    }
    if (!std::isfinite(value)) fail_at(ctx, node, key, "must be a finite number");
    return value;
}

std::int64_t to_integer(const load_context& ctx, const toml::node& node, const std::string& key) {
    if (auto i = node.as_integer()) return i->get();
    if (auto f = node.as_floating_point()) {
        double v = f->get();
        // 3.0 is fine where an integer is expected; 3.5 is not.
        if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9.0e15) {
            return static_cast<std::int64_t>(v);
        }
        // Beyond 2^53 a float no longer holds every integer: write such values as integers.
        if (std::isfinite(v) && v == std::floor(v)) fail_at(ctx, node, key, "integer out of range");
        fail_at(ctx, node, key, "expected an integer, found a non-integral number");
    }
    fail_at(ctx, node, key, "expected an integer, found " + type_name(node));
}

int to_int(const load_context& ctx, const toml::node& node, const std::string& key) {
    std::int64_t v = to_integer(ctx, node, key);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
        fail_at(ctx, node, key, "integer out of range");
    }
    return static_cast<int>(v);
}

std::string to_string(const load_context& ctx, const toml::node& node, const std::string& key) {
    if (auto s = node.as_string()) return s->get();
    fail_at(ctx, node, key, "expected a string, found " + type_name(node));
}

const toml::array& to_array(const load_context& ctx, const toml::node& node,
                            const std::string& key) {
    if (auto a = node.as_array()) return *a;
    fail_at(ctx, node, key, "expected an array, found " + type_name(node));
}

const toml::table& to_table(const load_context& ctx, const toml::node& node,
                            const std::string& key) {
    if (auto t = node.as_table()) return *t;
    fail_at(ctx, node, key, "expected a table, found " + type_name(node));
}

std::vector<const toml::table*> to_tables(const load_context& ctx, const toml::node& node,
                                          const std::string& key) {
    auto a = node.as_array();
    if (!a) {
        fail_at(ctx, node.source(), key,
                fmt::format("expected an array of tables (write [[{}]]), found {}", key,
                            type_name(node)));
    }
    std::vector<const toml::table*> tables;
    for (std::size_t i = 0; i < a->size(); ++i) {
        auto t = a->get(i)->as_table();
        if (!t) fail_at(ctx, *a->get(i), fmt::format("{}[{}]", key, i), "expected a table");
        tables.push_back(t);
    }
    return tables;
}

std::size_t to_choice(const load_context& ctx, const toml::node& node, const std::string& key,
                      const std::vector<std::string_view>& allowed) {
    std::string value = to_string(ctx, node, key);
    auto it = std::find(allowed.begin(), allowed.end(), value);
    if (it == allowed.end()) {
        fail_at(ctx, node, key, "must be one of " + join_quoted(allowed));
    }
    return static_cast<std::size_t>(it - allowed.begin());
}

table_reader::table_reader(const load_context& ctx, const toml::table& table, std::string path):
    ctx_(ctx), table_(table), path_(std::move(path)) {}

void table_reader::allow_only(const std::vector<std::string_view>& allowed,
                              const char* noun) const {
    for (auto&& [k, v]: table_) {
        if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
        std::string what = fmt::format("unknown {}", noun);
        std::string near = nearest_word(k.str(), allowed);
        if (!near.empty()) {
            what += fmt::format("; did you mean '{}'?", near);
        }
        else {
            what += fmt::format("; allowed {}s are {}", noun, join_quoted(allowed));
        }
        fail_at(ctx_, k.source(), key(k.str()), what, &v);
    }
}

bool table_reader::has(std::string_view k) const { return table_.contains(k); }

const toml::node* table_reader::find(std::string_view k) const { return table_.get(k); }

const toml::node& table_reader::required(std::string_view k) const {
    if (auto n = table_.get(k)) return *n;
    // A key present under a misspelt name ("rul", "Rule") is the likeliest cause: point at it.
    for (auto&& [present, value]: table_) {
        if (present.str() != k && nearest_word(present.str(), {k}) == k) {
            fail_at(ctx_, present.source(), key(k),
                    fmt::format("required key is missing; did you mean '{}' instead of '{}'?", k,
                                shown_key(std::string(present.str()))),
                    &value);
        }
    }
    fail_at(ctx_, table_.source(), key(k), "required key is missing");
}

std::string table_reader::key(std::string_view name) const {
    return path_.empty()? std::string(name): path_ + "." + std::string(name);
}

double table_reader::number(std::string_view k) const {
    return to_number(ctx_, required(k), key(k));
}

double table_reader::number_or(std::string_view k, double fallback) const {
    auto n = find(k);
    return n? to_number(ctx_, *n, key(k)): fallback;
}

std::optional<double> table_reader::optional_number(std::string_view k) const {
    auto n = find(k);
    if (!n) return std::nullopt;
    return to_number(ctx_, *n, key(k));
}

int table_reader::integer(std::string_view k) const { return to_int(ctx_, required(k), key(k)); }

int table_reader::integer_or(std::string_view k, int fallback) const {
    auto n = find(k);
    return n? to_int(ctx_, *n, key(k)): fallback;
}

int table_reader::integer_in(std::string_view k, int lo, int hi) const {
    const int v = integer(k);
    check(v >= lo && v <= hi, k, fmt::format("must be in [{}, {}]", lo, hi));
    return v;
}

void table_reader::optional_integer_in(std::string_view k, int& value, int lo, int hi) const {
    if (has(k)) value = integer_in(k, lo, hi);
}

std::string table_reader::string(std::string_view k) const {
    return to_string(ctx_, required(k), key(k));
}

std::size_t table_reader::choice(std::string_view k,
                                 const std::vector<std::string_view>& allowed) const {
    return to_choice(ctx_, required(k), key(k), allowed);
}

std::size_t table_reader::choice_or(std::string_view k,
                                    const std::vector<std::string_view>& allowed,
                                    std::size_t fallback) const {
    auto n = find(k);
    return n? to_choice(ctx_, *n, key(k), allowed): fallback;
}

void table_reader::check(bool ok, std::string_view k, const std::string& what) const {
    if (!ok) fail(k, what);
}

void table_reader::fail(std::string_view k, const std::string& what) const {
    if (auto n = find(k)) fail_at(ctx_, *n, key(k), what);
    fail_at(ctx_, table_.source(), key(k), what + " (by default)");
}

std::string read_name(const table_reader& r) {
    const toml::node& node = r.required("name");
    std::string name = to_string(r.ctx(), node, r.key("name"));
    auto head = [](char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    auto tail = [&](char c) { return head(c) || (c >= '0' && c <= '9'); };
    bool ok = !name.empty() && head(name[0]) && std::all_of(name.begin() + 1, name.end(), tail);
    if (!ok) {
        fail_at(r.ctx(), node, r.key("name"),
                "must be a letter or '_' followed by letters, digits or '_'");
    }
    return name;
}

std::vector<int> read_neuron_list(const table_reader& r, std::string_view k, int size,
                                  const std::string& owner) {
    std::vector<int> neurons;
    auto node = r.find(k);
    if (!node) return neurons;
    const auto& list = to_array(r.ctx(), *node, r.key(k));
    std::set<int> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string element_key = fmt::format("{}[{}]", r.key(k), i);
        int n = to_int(r.ctx(), *list.get(i), element_key);
        if (n < 0 || n >= size) {
            fail_at(r.ctx(), *list.get(i), element_key,
                    fmt::format("neuron index out of range for '{}' of size {} (valid 0..{})",
                                owner, size, size - 1));
        }
        if (!seen.insert(n).second) fail_at(r.ctx(), *list.get(i), element_key, "duplicate neuron");
        neurons.push_back(n);
    }
    return neurons;
}

}  // namespace detail
}  // namespace plasticore
