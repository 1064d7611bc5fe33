#include "core/systemc_errors.hpp"

#include <systemc>

#include <new>
#include <stdexcept>
#include <string>

namespace plasticore::core {

void run_translating_systemc_errors(const std::function<void()>& simulate) {
    try {
        simulate();
    }
    catch (const sc_core::sc_report& report) {
        const std::string text = report.what();
        if (text.find("bad_alloc") != std::string::npos) throw std::bad_alloc();
        throw std::runtime_error("SystemC stopped the core: " + text);
    }
}

std::mutex& systemc_kernel_mutex() {
    static std::mutex m;
    return m;
}

}  // namespace plasticore::core
