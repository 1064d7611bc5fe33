// One step of the stochastic-rounding generator (docs/fixed-point.md, "Generator"):
// Marsaglia's xorshift32 with shifts 13, 17, 5 on 32 bits; the output is the new state.
// Purely combinational: the owner holds the state register and chains instances to take
// several steps in one cycle.
module xorshift32 (
  input  logic [31:0] state_i,
  output logic [31:0] state_o
);

  logic [31:0] a, b;

  assign a       = state_i ^ {state_i[18:0], 13'b0};
  assign b       = a ^ {17'b0, a[31:17]};
  assign state_o = b ^ {b[26:0], 5'b0};

endmodule
