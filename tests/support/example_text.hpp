#pragma once
// Example files as text, edited before loading: the tests of every layer start from the same
// examples/ and change one key, so the helpers live here once.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace plasticore::test {

// The text of examples/NAME.
inline std::string read_example(const std::string& name) {
    std::ifstream in(std::string(PLASTICORE_SOURCE_DIR) + "/examples/" + name, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Replaces the first "key = ..." line of `text`.
inline std::string with_value(std::string text, const std::string& key, const std::string& value) {
    const auto at = text.find("\n" + key + " =");
    REQUIRE(at != std::string::npos);
    const auto end = text.find('\n', at + 1);
    return text.substr(0, at + 1) + key + " = " + value + text.substr(end);
}

}  // namespace plasticore::test
