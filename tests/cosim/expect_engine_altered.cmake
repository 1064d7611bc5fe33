# The engine's differential testbench can fail: the engine verilated with PLASTICORE_ALTER_TERM
# (term 0's first product rounds nearest_even as floor) must be reported. This passes only if
# engine_diff --altered exits non-zero with a MISMATCH report naming the rule, an update
# operation, the differing weight and term 0.
execute_process(COMMAND ${DIFF} --altered --rule pair-additive --transactions 20000 --max-mismatches 3
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("--- engine_diff --altered\n${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "engine_diff exited 0 on the altered engine: the checker cannot fail")
endif()
set(want "MISMATCH rule=stdp_pair \\(additive, [a-z_]+\\) config=reference [^\n]* op=(potentiate|depress)[^\n]*\n[^\n]*\n[^\n]*\n  differ:[a-z ]*weight[a-z ]*; term: 0 ")
if(NOT out MATCHES "${want}")
  message(FATAL_ERROR "engine_diff failed (exit ${rc}) without a MISMATCH report naming rule, operation, weight and term 0")
endif()
message("expected failure seen (exit ${rc})")
