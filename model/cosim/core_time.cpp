// SystemC's current time, in a translation unit of its own: verilated.h compiles in SystemC
// mode when it sees SystemC's headers, and rtl_socket.cpp uses the plain C++ models.
#include <systemc>

namespace plasticore::cosim::detail {

double core_time_seconds() { return sc_core::sc_time_stamp().to_seconds(); }

}  // namespace plasticore::cosim::detail
