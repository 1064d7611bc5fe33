#pragma once
// SystemC turns an exception thrown inside a process into its own report, "E549 uncaught
// exception", and throws that out of sc_start(). The core's callers expect our exceptions:
// std::bad_alloc stays std::bad_alloc (the command line says "out of memory"), anything else
// becomes std::runtime_error with SystemC's text.

#include <functional>
#include <mutex>

namespace plasticore::core {

// Runs `simulate` (which calls sc_start) and rethrows a SystemC report as described above.
void run_translating_systemc_errors(const std::function<void()>& simulate);

// SystemC's kernel is global: every SystemC run (core, chip) holds this while it elaborates
// and simulates, so runs from several threads (plasticore sweep -j) take turns.
std::mutex& systemc_kernel_mutex();

}  // namespace plasticore::core
