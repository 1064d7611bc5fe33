#pragma once
// The command-line reading both differential testbenches share (stdp_diff, engine_diff): an
// option's value and an unsigned number, each refused with exit status 2 and a message naming
// the program and the option.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace plasticore::testbench {

class command_line {
public:
    command_line(const char* program, int argc, char** argv): program_(program), argc_(argc), argv_(argv) {}

    // Steps to the next argument; false past the last. current() is then the option.
    bool next() { return ++i_ < argc_; }
    std::string current() const { return argv_[i_]; }

    // The value after the current option.
    const char* value() {
        if (i_ + 1 >= argc_) {
            std::fprintf(stderr, "%s: %s needs a value\n", program_, argv_[i_]);
            std::exit(2);
        }
        return argv_[++i_];
    }
    // The value after the current option as an unsigned number (decimal, 0x hex or 0 octal).
    std::uint64_t number() {
        const char* option = argv_[i_];
        const char* s = value();
        char* end = nullptr;
        const unsigned long long v = std::strtoull(s, &end, 0);
        if (end == s || *end != '\0') {
            std::fprintf(stderr, "%s: %s expects a number, got \"%s\"\n", program_, option, s);
            std::exit(2);
        }
        return v;
    }

private:
    const char* program_;
    int argc_;
    char** argv_;
    int i_ = 0;
};

}  // namespace plasticore::testbench
