# The engine's handshake assertions are live in the verilated engine (--assert): engine_diff
# --drop-stalled-request withdraws a request the engine has not accepted ("valid held until
# ready" broken), which must stop the simulation with the assertion's report.
execute_process(COMMAND ${DIFF} --drop-stalled-request --config reference --rule pair-additive --transactions 2000
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("--- engine_diff --drop-stalled-request\n${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "engine_diff exited 0 with a withdrawn request: the handshake assertions did not fire")
endif()
if(NOT "${out}${err}" MATCHES "learning_engine.sv:[0-9]+: Assertion failed in TOP.learning_engine")
  message(FATAL_ERROR "engine_diff failed (${rc}) without the engine's assertion report")
endif()
message("expected assertion seen (${rc})")
