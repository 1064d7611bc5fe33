#include <experiment/load_with_overrides.hpp>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <experiment/experiment_error.hpp>
#include <experiment/input_limits.hpp>
#include <experiment/load_experiment.hpp>

namespace plasticore {

namespace {

struct segment {
    std::string key;
    std::optional<std::size_t> index;  // key[index]
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw experiment_error(fmt::format("override '{}': {}", path, what), path, what);
}

bool bare_key(std::string_view s) {
    if (s.empty()) return false;
    for (char c: s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}

std::vector<segment> split_path(const std::string& path) {
    std::vector<segment> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        segment s;
        const std::size_t bracket = part.find('[');
        if (bracket != std::string::npos) {
            if (part.back() != ']') fail(path, fmt::format("'{}' is not KEY or KEY[INDEX]", part));
            const std::string digits = part.substr(bracket + 1, part.size() - bracket - 2);
            std::size_t value = 0;
            const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), value);
            if (digits.empty() || res.ec != std::errc() || res.ptr != digits.data() + digits.size())
                fail(path, fmt::format("'{}' has an index that is not a non-negative integer", part));
            s.index = value;
            part = part.substr(0, bracket);
        }
        if (!bare_key(part)) fail(path, fmt::format("'{}' is not a bare TOML key", part));
        s.key = part;
        out.push_back(std::move(s));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return out;
}

std::optional<std::int64_t> as_integer(const std::string& v) {
    std::int64_t x = 0;
    const auto res = std::from_chars(v.data(), v.data() + v.size(), x);
    if (v.empty() || res.ec != std::errc() || res.ptr != v.data() + v.size()) return std::nullopt;
    return x;
}

std::optional<double> as_float(const std::string& v) {
    if (v.empty()) return std::nullopt;
    // strtod accepts hex floats, "inf" and "nan"; that is fine for values the loader checks.
    std::istringstream in(v);
    in.imbue(std::locale::classic());
    double x = 0;
    in >> x;
    if (!in || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return x;
}

bool quoted(const std::string& v) { return v.size() >= 2 && v.front() == '"' && v.back() == '"'; }

// The value to store, typed after `existing` if there is one.
void assign(toml::table& table, const std::string& key, const toml::node* existing, const std::string& value,
            const std::string& path) {
    if (quoted(value)) {
        table.insert_or_assign(key, value.substr(1, value.size() - 2));
        return;
    }
    if (existing) {
        if (existing->is_table() || existing->is_array())
            fail(path, "names a table or an array; only single values can be set");
        if (existing->is_string()) {
            table.insert_or_assign(key, value);
            return;
        }
        if (existing->is_boolean()) {
            if (value != "true" && value != "false") fail(path, fmt::format("expected true or false, got '{}'", value));
            table.insert_or_assign(key, value == "true");
            return;
        }
        if (existing->is_floating_point()) {
            const auto x = as_float(value);
            if (!x) fail(path, fmt::format("expected a number, got '{}'", value));
            table.insert_or_assign(key, *x);
            return;
        }
        if (existing->is_integer()) {
            if (const auto i = as_integer(value)) table.insert_or_assign(key, *i);
            else if (const auto x = as_float(value)) table.insert_or_assign(key, *x);  // the loader decides
            else fail(path, fmt::format("expected an integer, got '{}'", value));
            return;
        }
    }
    if (value == "true" || value == "false") table.insert_or_assign(key, value == "true");
    else if (const auto i = as_integer(value)) table.insert_or_assign(key, *i);
    else if (const auto x = as_float(value)) table.insert_or_assign(key, *x);
    else table.insert_or_assign(key, value);
}

std::string names_of(const toml::array& array) {
    std::string known;
    for (const auto& element: array) {
        if (const auto* t = element.as_table())
            if (const auto name = (*t)["name"].value<std::string>()) known += (known.empty() ? "" : ", ") + *name;
    }
    return known.empty() ? "none" : known;
}

void apply(toml::table& root, const std::string& path, const std::string& value) {
    const std::vector<segment> segments = split_path(path);
    toml::table* table = &root;
    std::string where;  // the path walked so far, for messages
    for (std::size_t k = 0; k < segments.size(); ++k) {
        const segment& s = segments[k];
        const bool last = k + 1 == segments.size();
        where += (where.empty() ? "" : ".") + s.key;
        toml::node* node = table->get(s.key);
        if (last && !s.index) {
            assign(*table, s.key, node, value, path);
            return;
        }
        if (!node) {
            if (s.index) fail(path, fmt::format("'{}' does not exist", where));
            table = &table->insert_or_assign(s.key, toml::table{}).first->second.as_table()[0];
            continue;
        }
        if (auto* array = node->as_array()) {
            std::size_t i = 0;
            if (s.index) {
                i = *s.index;
                where += fmt::format("[{}]", i);
                if (i >= array->size())
                    fail(path, fmt::format("'{}' is out of range ({} has {} entries)", where, s.key, array->size()));
            } else {
                // The next segment is the `name` of an element.
                if (last) fail(path, fmt::format("'{}' is an array of tables; add [INDEX] or .NAME", where));
                const std::string& name = segments[++k].key;
                bool found = false;
                for (std::size_t j = 0; j < array->size(); ++j) {
                    const auto* t = array->get(j)->as_table();
                    if (t && (*t)["name"].value<std::string>() == name) {
                        i = j;
                        found = true;
                        break;
                    }
                }
                if (!found) fail(path, fmt::format("no {} named '{}' (known: {})", s.key, name, names_of(*array)));
                where += "." + name;
                if (k + 1 == segments.size()) fail(path, fmt::format("'{}' names a table; add .KEY", where));
            }
            auto* element = array->get(i)->as_table();
            if (!element) fail(path, fmt::format("'{}' is not a table", where));
            if (last) fail(path, fmt::format("'{}' names a table; add .KEY", where));
            table = element;
            continue;
        }
        if (s.index) fail(path, fmt::format("'{}' is not an array of tables", where));
        if (auto* t = node->as_table()) {
            table = t;
            continue;
        }
        fail(path, fmt::format("'{}' is a value, not a table", where));
    }
}

}  // namespace

experiment load_experiment_from_string_with_overrides(std::string_view toml_text,
                                                      const std::string& path_for_messages,
                                                      const std::string& base_dir,
                                                      const experiment_overrides& overrides) {
    if (overrides.empty()) return load_experiment_from_string(toml_text, path_for_messages, base_dir);
    toml::table root = parse_toml_checked(toml_text, path_for_messages);
    for (const auto& [key, value]: overrides) apply(root, key, value);
    // toml++ prints floats in a form that reads back to the same double, so values not
    // overridden load exactly as from the file.
    std::ostringstream text;
    text << toml::toml_formatter{root};
    experiment e = load_experiment_from_string(text.str(), path_for_messages + " (with overrides)", base_dir);
    e.source_path = path_for_messages;
    return e;
}

experiment load_experiment_with_overrides(const std::string& path, const experiment_overrides& overrides) {
    if (overrides.empty()) return load_experiment(path);
    const std::string text = read_bounded_file(path, "experiment file");
    const auto dir = std::filesystem::path(path).parent_path();
    return load_experiment_from_string_with_overrides(text, path, dir.empty() ? "." : dir.string(), overrides);
}

}  // namespace plasticore
