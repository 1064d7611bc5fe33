#include "mutator.hpp"

#include <algorithm>
#include <regex>
#include <sstream>

#include "experiment/section_keys.hpp"

namespace plasticore::fuzz {

namespace {

using rng_t = std::mt19937_64;

std::size_t pick(rng_t& rng, std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); }

template <class T>
const T& pick_of(rng_t& rng, const std::vector<T>& items) {
    return items[pick(rng, items.size())];
}

// A key the loader accepts in a table (model/experiment/section_keys.hpp), as a string.
std::string pick_key(rng_t& rng, const std::vector<std::string_view>& keys) { return std::string(pick_of(rng, keys)); }

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l: lines) out += l + "\n";
    return out;
}

// Values that have broken parsers and models before: extremes, non-finite, off-by-one sizes,
// binary-unfriendly decimals, wrong types.
const std::vector<std::string> extreme_numbers = {
    "0", "-1", "1", "0.0", "-0.0", "1e300", "-1e300", "1e-300", "5e-324", "1e18", "1e9", "1e8", "1e-7",
    "1e-5", "0.35", "0.15", "0.05", "2147483647", "2147483648", "-2147483648", "4294967296",
    "9223372036854775807", "-9223372036854775808", "9007199254740993", "nan", "inf", "-inf", "3.5",
    "100000", "65536", "1.0e6", "0.0001", "2.5", "1000000000"};
const std::vector<std::string> wrong_values = {
    "\"x\"", "true", "[]", "{}", "[1, 2]", "[[1.0]]", "{ a = 1 }", "\"\"", "\"s1.0\"", "1979-05-27",
    "\"all_to_all\"", "[\"post\"]", "-5", "\"inputs\"", "\"post\""};
const std::vector<std::string> formats = {"\"s1.0\"",   "\"u1.0\"",   "\"s63.0\"", "\"s64.0\"", "\"s32.32\"",
                                          "\"u0.64\"",  "\"u0.0\"",   "\"s0.31\"", "\"s16.15\"", "\"u0.32\"",
                                          "\"s4.11\"",  "\"s2.60\"",  "\"u8.24\"", "\"x1.2\"",  "\"s\""};
const std::vector<std::string> hardware_words = {"\"reference\"", "\"spinnaker\"", "\"spinnaker-sr\"",
                                                 "\"saturate\"",  "\"wrap\"",      "\"floor\"",
                                                 "\"nearest\"",   "\"stochastic\"", "\"lut\"",
                                                 "\"multiply\"",  "\"toward_zero\"", "\"bogus\""};
const std::vector<std::string> core_words = {"\"realtime\"", "\"accelerated\"", "\"backpressure\"", "\"drop\"",
                                             "0", "1", "2", "1024", "1025", "1048576", "1e5", "0.001", "-1"};
const std::vector<std::string> headers = {
    "[simulation]", "[[population]]", "[[source]]", "[[projection]]", "[projection.plasticity]", "[record]",
    "[[record.state]]", "[[record.weights]]", "[[stimulation]]", "[[analysis.stdp_window]]", "[hardware]",
    "[core]", "[bogus]", "[a.b.c.d.e.f.g.h]", "[[population.x]]", "[simulation.dt_ms]"};

std::string random_number(rng_t& rng) {
    switch (pick(rng, 3)) {
    case 0: return pick_of(rng, extreme_numbers);
    case 1: return std::to_string(static_cast<long long>(rng() % 2000001) - 1000000);
    default: {
        std::ostringstream s;
        s << std::uniform_real_distribution<double>(-1e3, 1e3)(rng);
        return s.str();
    }
    }
}

// A line that holds `key = value`, or -1.
std::ptrdiff_t random_key_line(const std::vector<std::string>& lines, rng_t& rng) {
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto eq = lines[i].find('=');
        if (eq != std::string::npos && lines[i][0] != '#' && lines[i][0] != '[') candidates.push_back(i);
    }
    if (candidates.empty()) return -1;
    return static_cast<std::ptrdiff_t>(pick_of(rng, candidates));
}

void replace_value(std::vector<std::string>& lines, std::size_t i, const std::string& value) {
    const auto eq = lines[i].find('=');
    lines[i] = lines[i].substr(0, eq + 1) + " " + value;
}

std::string random_garbage(rng_t& rng) {
    const std::string alphabet = "[]{}\"'=.,#\\\n\t abcxyz019_-+eE\x01\xff\xc3\x28";
    std::string g;
    const std::size_t n = 1 + pick(rng, 12);
    for (std::size_t k = 0; k < n; ++k) g += alphabet[pick(rng, alphabet.size())];
    if (pick(rng, 20) == 0) g += std::string(1, '\0');
    return g;
}

// Line-level mutations shared by TOML and CSV text; returns a description.
std::string mutate_lines(std::vector<std::string>& lines, rng_t& rng, bool csv) {
    if (lines.empty()) {
        lines.push_back(random_garbage(rng));
        return "garbage into an empty file";
    }
    const std::size_t i = pick(rng, lines.size());
    switch (pick(rng, csv ? 7 : 5)) {
    case 0:
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
        return "delete line " + std::to_string(i + 1);
    case 1:
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), lines[i]);
        return "duplicate line " + std::to_string(i + 1);
    case 2: {
        const std::size_t j = pick(rng, lines.size());
        std::swap(lines[i], lines[j]);
        return "swap lines " + std::to_string(i + 1) + " and " + std::to_string(j + 1);
    }
    case 3: {
        const std::size_t at = pick(rng, lines[i].size() + 1);
        const std::string g = random_garbage(rng);
        lines[i].insert(at, g);
        return "garbage into line " + std::to_string(i + 1);
    }
    case 4: {
        // A number in the line becomes an extreme one.
        static const std::regex number(R"([-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
        std::vector<std::pair<std::size_t, std::size_t>> spans;
        for (auto it = std::sregex_iterator(lines[i].begin(), lines[i].end(), number); it != std::sregex_iterator(); ++it)
            spans.emplace_back(static_cast<std::size_t>(it->position()), static_cast<std::size_t>(it->length()));
        if (spans.empty()) return "no number on line " + std::to_string(i + 1);
        const auto [at, len] = pick_of(rng, spans);
        const std::string n = random_number(rng);
        lines[i].replace(at, len, n);
        return "number on line " + std::to_string(i + 1) + " -> " + n;
    }
    case 5:
        lines[i] += std::string(70000 + pick(rng, 1000), 'x');
        return "line " + std::to_string(i + 1) + " made 70,000 characters long";
    default:
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), pick(rng, 2) ? "channel,time_ms" : "pre,post,weight_na");
        return "a header inserted at line " + std::to_string(i + 1);
    }
}

std::string mutate_experiment(input_files& in, rng_t& rng) {
    std::vector<std::string> lines = split_lines(in.experiment);
    std::string what;
    switch (pick(rng, 16)) {
    case 0:
    case 1: what = mutate_lines(lines, rng, false); break;
    case 2: {  // a value of another type or an extreme number
        const auto i = random_key_line(lines, rng);
        if (i < 0) return "no key line";
        const std::string v = pick(rng, 2) ? random_number(rng) : pick_of(rng, wrong_values);
        replace_value(lines, static_cast<std::size_t>(i), v);
        what = "value on line " + std::to_string(i + 1) + " -> " + v;
        break;
    }
    case 3: {  // a typo or upper-case in a key
        const auto i = random_key_line(lines, rng);
        if (i < 0) return "no key line";
        std::string& l = lines[static_cast<std::size_t>(i)];
        const auto eq = l.find('=');
        if (eq < 2) return "key too short";
        const std::size_t at = pick(rng, eq - 1);
        if (pick(rng, 2)) {
            for (std::size_t k = 0; k < eq; ++k) l[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(l[k])));
            what = "key upper-cased on line " + std::to_string(i + 1);
        }
        else {
            l.erase(at, 1);
            what = "character deleted from key on line " + std::to_string(i + 1);
        }
        break;
    }
    case 4: {  // sizes and counts
        const std::vector<std::string> keys = {"size", "n_pairs", "pulses", "n_bursts", "rate_hz", "delay_ms",
                                               "dt_ms", "duration_ms", "interval_ms", "t_ref_ms", "p"};
        const std::string key = pick_of(rng, keys);
        const std::string v = pick_of(rng, extreme_numbers);
        bool done = false;
        for (auto& l: lines) {
            if (l.rfind(key + " ", 0) == 0 || l.rfind(key + "=", 0) == 0) {
                l = key + " = " + v;
                done = true;
                break;
            }
        }
        what = done ? key + " -> " + v : "no " + key;
        break;
    }
    case 5: {  // a table header inserted
        const std::size_t at = pick(rng, lines.size() + 1);
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), pick_of(rng, headers));
        what = "header inserted at line " + std::to_string(at + 1);
        break;
    }
    case 6: {  // deep nesting
        const std::size_t depth = 10 + pick(rng, 3000);
        std::string h = "[t";
        for (std::size_t k = 0; k < depth; ++k) h += ".t";
        lines.push_back(pick(rng, 2) ? h + "]" : "x = " + std::string(depth, '[') + std::string(depth, ']'));
        what = "nesting of depth " + std::to_string(depth);
        break;
    }
    case 7: {  // truncation
        std::string text = join_lines(lines);
        text.resize(pick(rng, text.size()));
        in.experiment = text;
        return "truncated to " + std::to_string(text.size()) + " bytes";
    }
    case 8:
    case 9: {  // [hardware]
        std::string section = "\n[hardware]\n";
        const std::size_t n = 1 + pick(rng, 4);
        for (std::size_t k = 0; k < n; ++k) {
            const std::string key = pick_key(rng, hardware_keys());
            std::string v;
            if (key.find("format") != std::string::npos) v = pick_of(rng, formats);
            else if (key.find("bits") != std::string::npos || key.find("history") != std::string::npos ||
                     key == "lut_size" || key == "seed_unit")
                v = pick(rng, 3) ? std::to_string(pick(rng, 70)) : random_number(rng);
            else v = pick_of(rng, hardware_words);
            section += key + " = " + v + "\n";
        }
        lines.push_back(section);
        what = "[hardware]:" + section;
        break;
    }
    case 10: {  // [core]
        std::string section = "\n[core]\n";
        const std::size_t n = 1 + pick(rng, 4);
        for (std::size_t k = 0; k < n; ++k) section += pick_key(rng, core_keys()) + " = " + pick_of(rng, core_words) + "\n";
        lines.push_back(section);
        what = "[core]:" + section;
        break;
    }
    case 11: {  // a file key pointing somewhere hostile
        const std::vector<std::string> targets = {"\"/dev/zero\"", "\"/dev/null\"", "\"missing.csv\"", "\".\"",
                                                  "\"/proc/self/status\"", "\"experiment.toml\""};
        bool done = false;
        for (auto& l: lines) {
            if (l.rfind("file", 0) == 0) {
                l = "file = " + pick_of(rng, targets);
                what = l;
                done = true;
                break;
            }
        }
        if (!done) what = "no file key";
        break;
    }
    case 12: {  // a recording or stimulation with extreme numbers
        const std::vector<std::string> blocks = {
            "\n[[record.weights]]\nprojection = \"PROJ\"\ninterval_ms = VALUE\n",
            "\n[[record.state]]\npopulation = \"POP\"\ninterval_ms = VALUE\n",
            "\n[[stimulation]]\nname = \"s\"\npopulation = \"POP\"\namplitude_na = VALUE\nstart_ms = VALUE\n",
            "\n[[stimulation]]\nname = \"s\"\npopulation = \"POP\"\namplitude_na = VALUE\nfrequency_hz = VALUE\n"
            "phase_deg = VALUE\nstop_ms = VALUE\n"};
        std::string block = pick_of(rng, blocks);
        static const std::regex pop_name(R"(\[\[population\]\]\s*name\s*=\s*"([A-Za-z_0-9]+)\")");
        static const std::regex proj_name(R"(\[\[projection\]\]\s*name\s*=\s*"([A-Za-z_0-9]+)\")");
        std::smatch m;
        const std::string text = join_lines(lines);
        const std::string pop = std::regex_search(text, m, pop_name) ? m[1].str() : "post";
        const std::string proj = std::regex_search(text, m, proj_name) ? m[1].str() : "p";
        block = std::regex_replace(block, std::regex("POP"), pop);
        block = std::regex_replace(block, std::regex("PROJ"), proj);
        while (block.find("VALUE") != std::string::npos) block.replace(block.find("VALUE"), 5, pick_of(rng, extreme_numbers));
        // Tables of arrays must come after [record]'s plain keys: append at the end.
        lines.push_back(block);
        what = "appended:" + block;
        break;
    }
    case 13: {  // a key of [[population]] (adaptation, adaptive threshold, intrinsic plasticity...)
        std::vector<std::size_t> tables;
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (lines[i].rfind("[[population]]", 0) == 0) tables.push_back(i);
        if (tables.empty()) return "no [[population]]";
        const std::size_t at = pick_of(rng, tables) + 1;
        const std::string key = pick_key(rng, population_keys());
        const std::string v = pick(rng, 4) ? random_number(rng) : pick_of(rng, wrong_values);
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), key + " = " + v);
        what = "population key at line " + std::to_string(at + 1) + ": " + key + " = " + v;
        break;
    }
    case 14: {  // a [[stimulation]] of random keys, constant or oscillating, onto the first population
        static const std::regex pop_name(R"(\[\[population\]\]\s*name\s*=\s*"([A-Za-z_0-9]+)\")");
        std::smatch m;
        const std::string text = join_lines(lines);
        const std::string pop = std::regex_search(text, m, pop_name) ? m[1].str() : "post";
        std::string block = "\n[[stimulation]]\nname = \"fuzz\"\npopulation = \"" + pop + "\"\namplitude_na = 0.1\n";
        const std::size_t n = 1 + pick(rng, 4);
        for (std::size_t k = 0; k < n; ++k) {
            const std::string key = pick_key(rng, stimulation_keys());
            const std::string v = key == "neurons" ? (pick(rng, 2) ? "[0, 1]" : "[4294967296]")
                                  : pick(rng, 4) ? random_number(rng)
                                                 : pick_of(rng, wrong_values);
            block += key + " = " + v + "\n";
        }
        lines.push_back(block);
        what = "appended:" + block;
        break;
    }
    default: {  // a CSV file mutated
        if (in.files.empty()) return mutate_lines(lines, rng, false);
        auto it = in.files.begin();
        std::advance(it, static_cast<std::ptrdiff_t>(pick(rng, in.files.size())));
        std::vector<std::string> csv = split_lines(it->second);
        what = it->first + ": " + mutate_lines(csv, rng, true);
        it->second = join_lines(csv);
        break;
    }
    }
    in.experiment = join_lines(lines);
    return what;
}

}  // namespace

input_files mutate(const input_files& base, std::mt19937_64& rng) {
    input_files out = base;
    // Mostly one mutation, so that many inputs still load and run.
    const std::size_t roll = pick(rng, 10);
    const std::size_t n = roll < 6 ? 1 : roll < 9 ? 2 : 3;
    for (std::size_t k = 0; k < n; ++k) out.mutations.push_back(mutate_experiment(out, rng));
    return out;
}

}  // namespace plasticore::fuzz
