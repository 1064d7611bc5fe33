// Rounds a signed value n * 2^-Shift to an integer by one of the five rounding modes of
// model/fixed_point (modes.hpp, requantize.hpp: round_shift_right) and fits it into an
// OutWidth-bit signed or unsigned result by saturation or wrap-around (requantize.hpp: fit,
// shift_left_fit). Shift <= 0 shifts left exactly (no rounding). Purely combinational.
//
// mode_i: 0 floor, 1 toward_zero, 2 nearest_up, 3 nearest_even, 4 stochastic (the order of
// fixed_point::rounding). rand_i is the generator output drawn for this operation.
module round_shift #(
  parameter int InWidth   = 32,
  parameter int Shift     = 8,
  parameter int OutWidth  = 16,
  parameter bit OutSigned = 1'b1
) (
  input  logic [InWidth-1:0]  value_i,   // two's complement
  input  logic [2:0]          mode_i,
  input  logic [31:0]         rand_i,
  input  logic                wrap_i,    // 1: wrap, 0: saturate
  output logic [OutWidth-1:0] value_o,
  output logic                overflow_o // the rounded value did not fit (saturated or wrapped)
);

  // Width of the rounded value before fitting: wide enough for every input, for the +1 of
  // rounding up, and for one bit more than the output so the fit test is uniform.
  localparam int ShiftL   = (Shift < 0) ? -Shift : 0;
  localparam int ShiftR   = (Shift > 0) ? Shift : 0;
  localparam int NatWidth = InWidth + ShiftL + 1;
  localparam int QWidth   = (NatWidth > OutWidth + 1) ? NatWidth : OutWidth + 1;

  logic [QWidth-1:0] q;

  if (Shift > 0) begin : g_right
    // Sign-extend so that the discarded bits are those of the exact 64-bit C++ value even
    // when Shift >= InWidth.
    localparam int EWidth = (InWidth > ShiftR) ? InWidth + 1 : ShiftR + 1;
    logic [EWidth-1:0] ext;
    logic [EWidth-1:0] floor_q;
    logic [ShiftR-1:0] rem;
    logic [ShiftR-1:0] half;
    logic              neg, up, stoch_up, floor_lsb;

    assign ext     = {{(EWidth - InWidth){value_i[InWidth-1]}}, value_i};
    assign floor_q = $unsigned($signed(ext) >>> ShiftR);
    assign rem     = ext[ShiftR-1:0];
    if (ShiftR > 1) begin : g_half_wide
      assign half = {1'b1, {(ShiftR - 1){1'b0}}};
    end else begin : g_half_one
      assign half = 1'b1;
    end
    assign floor_lsb = floor_q[0];
    assign neg     = value_i[InWidth-1];

    if (ShiftR < 32) begin : g_stoch_narrow
      // k <= 32: up iff the top k bits of r are below the k discarded bits.
      logic [31-ShiftR:0] unused_rand_low;  // only the top k bits are compared
      assign stoch_up        = rand_i[31:32-ShiftR] < rem;
      assign unused_rand_low = rand_i[31-ShiftR:0];
    end else if (ShiftR == 32) begin : g_stoch_32
      assign stoch_up = rand_i < rem;
    end else begin : g_stoch_wide
      // k > 32: up iff r is below the top 32 of the discarded bits.
      assign stoch_up = rand_i < rem[ShiftR-1:ShiftR-32];
    end

    always_comb begin
      case (mode_i)
        3'd1:    up = neg && (rem != '0);
        3'd2:    up = rem >= half;
        3'd3:    up = (rem > half) || ((rem == half) && floor_lsb);
        3'd4:    up = stoch_up;
        default: up = 1'b0;
      endcase
    end

    if (QWidth > EWidth) begin : g_q_ext
      assign q = {{(QWidth - EWidth){floor_q[EWidth-1]}}, floor_q} + {{(QWidth - 1){1'b0}}, up};
    end else begin : g_q_same
      assign q = floor_q[QWidth-1:0] + {{(QWidth - 1){1'b0}}, up};
    end
  end else begin : g_left
    // Nothing discarded: rounding and the generator output play no part.
    logic [2:0]  unused_mode;
    logic [31:0] unused_rand;
    assign unused_mode = mode_i;
    assign unused_rand = rand_i;
    if (ShiftL > 0) begin : g_shift
      assign q = {{(QWidth - NatWidth + 1){value_i[InWidth-1]}}, value_i, {ShiftL{1'b0}}};
    end else begin : g_none
      assign q = {{(QWidth - InWidth){value_i[InWidth-1]}}, value_i};
    end
  end

  // Fit into the output format.
  logic fits, q_neg;
  assign q_neg = q[QWidth-1];
  if (OutSigned) begin : g_fit_signed
    // All bits from the output sign bit up are copies of it.
    assign fits = (q[QWidth-1:OutWidth-1] == '0) || (q[QWidth-1:OutWidth-1] == '1);
  end else begin : g_fit_unsigned
    assign fits = q[QWidth-1:OutWidth] == '0;
  end

  logic [OutWidth-1:0] sat;
  if (OutSigned) begin : g_sat_signed
    assign sat = q_neg ? {1'b1, {(OutWidth - 1){1'b0}}} : {1'b0, {(OutWidth - 1){1'b1}}};
  end else begin : g_sat_unsigned
    assign sat = q_neg ? '0 : '1;
  end

  assign value_o    = (fits || wrap_i) ? q[OutWidth-1:0] : sat;
  assign overflow_o = !fits;

endmodule
