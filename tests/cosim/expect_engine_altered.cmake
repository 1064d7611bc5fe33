# The engine's differential testbench can fail: the engine verilated with PLASTICORE_ALTER_TERM
# (term 0's first product rounds nearest_even as floor) must be reported. This passes only if
# engine_diff --altered --rule RULE exits non-zero with a MISMATCH report naming the rule, an
# operation whose term 0 starts with a rounded product, the differing field and term 0:
#   pair-additive  potentiate or depress, weight (the amplitude x trace product)
#   triplet        gain, value (the A3 x trace product; the updates' first step is exact)
#   reward         eligibility_add or modulator_at, value (A x trace, tau_cd x d)
if(NOT DEFINED RULE)
  set(RULE pair-additive)
endif()
execute_process(COMMAND ${DIFF} --altered --rule ${RULE} --transactions 20000 --max-mismatches 3
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("--- engine_diff --altered --rule ${RULE}\n${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "engine_diff exited 0 on the altered engine: the checker cannot fail")
endif()
if(RULE STREQUAL "reward")
  set(want "MISMATCH rule=stdp_reward \\([a-z_]+\\) config=reference [^\n]* op=(eligibility_add|modulator_at) [^\n]*\n[^\n]*\n[^\n]*\n  differ:[a-z ]*value[a-z ]*; term: 0 ")
elseif(RULE STREQUAL "triplet")
  set(want "MISMATCH rule=stdp_triplet \\([a-z_]+\\) config=reference [^\n]* op=gain table=[01] [^\n]*\n[^\n]*\n[^\n]*\n  differ:[a-z ]*value[a-z ]*; term: 0 ")
else()
  set(want "MISMATCH rule=stdp_pair \\(additive, [a-z_]+\\) config=reference [^\n]* op=(potentiate|depress)[^\n]*\n[^\n]*\n[^\n]*\n  differ:[a-z ]*weight[a-z ]*; term: 0 ")
endif()
if(NOT out MATCHES "${want}")
  message(FATAL_ERROR "engine_diff failed (exit ${rc}) without a MISMATCH report naming rule, operation, field and term 0")
endif()
message("expected failure seen (exit ${rc})")
