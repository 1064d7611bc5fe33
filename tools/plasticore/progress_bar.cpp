#include "progress_bar.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace plasticore::cli {

progress_bar::progress_bar(std::string label):
    label_(std::move(label)),
    enabled_(::isatty(STDERR_FILENO) != 0),
    start_(std::chrono::steady_clock::now()),
    last_draw_(start_) {}

progress_bar::~progress_bar() { finish(); }

void progress_bar::update(std::int64_t done, std::int64_t total) {
    if (!enabled_ || total <= 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double frac = static_cast<double>(done) / static_cast<double>(total);
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double left = frac > 0 ? elapsed * (1.0 - frac) / frac : 0.0;
    constexpr int width = 30;
    const int filled = static_cast<int>(frac * width);
    fmt::print(stderr, "\r{} [{}{}] {:5.1f}%  {:.0f} s left ", label_, std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(width - filled), '.'), 100.0 * frac, left);
    if (!count_unit_.empty())
        fmt::print(stderr, " {}/{} {}, {:.2f}/s ", done, total, count_unit_,
                   elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0);
    std::fflush(stderr);
    drawn_ = true;
}

void progress_bar::finish() {
    if (drawn_) {
        fmt::print(stderr, "\r\033[K");
        std::fflush(stderr);
        drawn_ = false;
    }
}

}  // namespace plasticore::cli
