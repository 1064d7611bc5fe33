#include <experiment/input_limits.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

#include <fmt/format.h>

#include <experiment/experiment_error.hpp>

namespace plasticore {

std::string read_bounded_file(const std::string& path, const char* what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        throw experiment_error(fmt::format("{}: cannot open {}: {}", path, what, std::strerror(errno)));
    }
    // /dev/zero or a FIFO would be read forever; a directory cannot be read at all.
    if (!S_ISREG(st.st_mode)) throw experiment_error(fmt::format("{}: {} is not a regular file", path, what));
    if (static_cast<std::size_t>(st.st_size) > input_limits::max_file_bytes) {
        throw experiment_error(fmt::format("{}: {} is larger than the limit of {} MiB ({} bytes)", path, what,
                                           input_limits::max_file_bytes >> 20, st.st_size));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw experiment_error(fmt::format("{}: cannot open {}", path, what));
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    // A file that grew while being read is cut at its size when it was opened; one that shrank
    // is what is left of it.
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

void check_toml_nesting(std::string_view text, const std::string& path_for_messages) {
    if (text.size() > input_limits::max_file_bytes) {
        throw experiment_error(fmt::format("{}: larger than the limit of {} MiB ({} bytes)", path_for_messages,
                                           input_limits::max_file_bytes >> 20, text.size()));
    }
    int depth = 0;     // open [ and {
    int dots = 0;      // dots since the last token that ends a key ('=', bracket, comma, newline)
    std::size_t line = 1, column = 0;
    const std::size_t n = text.size();
    auto fail = [&](const char* what) {
        throw experiment_error(fmt::format("{}:{}:{}: {} (the limit is {})", path_for_messages, line, column,
                                           what, input_limits::max_nesting));
    };
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[i];
        ++column;
        if (c == '\n') {
            ++line;
            column = 0;
            dots = 0;
            continue;
        }
        if (c == '#') {  // comment to the end of the line
            while (i + 1 < n && text[i + 1] != '\n') ++i;
            continue;
        }
        if (c == '"' || c == '\'') {
            const bool multi = i + 2 < n && text[i + 1] == c && text[i + 2] == c;
            const std::string_view close = multi ? std::string_view(&text[i], 3) : std::string_view(&text[i], 1);
            i += close.size();
            // Skip to the closing quote(s); an unterminated string is the parser's to report.
            while (i < n) {
                if (c == '"' && text[i] == '\\') {
                    i += 2;
                    continue;
                }
                if (text[i] == '\n') {
                    ++line;
                    column = 0;
                }
                if (text.substr(i, close.size()) == close) break;
                ++i;
            }
            i += close.size() - 1;
            continue;
        }
        switch (c) {
        case '[':
        case '{':
            dots = 0;
            if (++depth > input_limits::max_nesting) fail("arrays and tables nested too deeply");
            break;
        case ']':
        case '}':
            dots = 0;
            if (depth > 0) --depth;
            break;
        case '=':
        case ',':
            dots = 0;
            break;
        case '.':
            if (++dots >= input_limits::max_nesting) fail("a dotted key or table header with too many parts");
            break;
        default: break;
        }
    }
}

toml::table parse_toml_checked(std::string_view text, const std::string& path_for_messages) {
    check_toml_nesting(text, path_for_messages);
    try {
        return toml::parse(text, std::string_view(path_for_messages));
    }
    catch (const toml::parse_error& err) {
        throw experiment_error(fmt::format("{}:{}:{}: TOML syntax error: {}", path_for_messages,
                                           err.source().begin.line, err.source().begin.column,
                                           err.description()));
    }
}

}  // namespace plasticore
