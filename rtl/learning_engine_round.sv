// One rounding + fit of the learning engine with everything set at run time by the microcode:
// the bits discarded (shift_i, signed; < 0 an exact left shift), the rounding (the five modes
// of model/fixed_point, requantize.hpp: round_shift_right, or 5 exact) and the result format
// (signed or not, width) with saturation or wrap-around (requantize.hpp: fit, shift_left_fit).
// round_shift.sv is the same arithmetic with the shift and format fixed at elaboration.
// Purely combinational. The result is the fitted value as a DataWidth-bit two's complement
// number (an unsigned format is zero-extended).
module learning_engine_round #(
  parameter int InWidth      = 96,
  parameter int OutWidth     = 48,
  parameter int ShiftWidth   = 7,
  parameter int FmtBitsWidth = 7
) (
  input  logic [InWidth-1:0]      value_i,      // two's complement
  input  logic [ShiftWidth-1:0]   shift_i,      // two's complement
  input  logic [2:0]              mode_i,
  input  logic [31:0]             rand_i,       // this rounding's generator output
  input  logic                    out_signed_i,
  input  logic [FmtBitsWidth-1:0] out_width_i,  // 1 .. OutWidth - 1
  input  logic                    wrap_i,       // 1 wrap, 0 saturate
  output logic [OutWidth-1:0]     value_o,
  output logic                    overflow_o
);

  localparam int MaxShift = 2 ** (ShiftWidth - 1);
  localparam int QWidth   = InWidth + MaxShift + 2;

  logic [QWidth-1:0]     ext, floor_q, rem, half, low_mask, q, q_hi;
  logic [QWidth-1:0]     stoch_top;
  logic [ShiftWidth-1:0] left_amount;
  logic [5:0]            stoch_shift;
  logic                  right, left, neg, up, stoch_up, k_narrow, floor_lsb;

  assign ext         = {{(QWidth - InWidth){value_i[InWidth-1]}}, value_i};
  assign neg         = value_i[InWidth-1];
  assign right       = !shift_i[ShiftWidth-1] && (shift_i != '0);
  assign left        = shift_i[ShiftWidth-1];
  assign left_amount = -shift_i;

  // Right shift by k = shift_i >= 1.
  assign floor_q   = $unsigned($signed(ext) >>> shift_i);
  assign low_mask  = ({{(QWidth - 1){1'b0}}, 1'b1} << shift_i) - {{(QWidth - 1){1'b0}}, 1'b1};
  assign rem       = ext & low_mask;
  assign half      = {{(QWidth - 1){1'b0}}, 1'b1} << (shift_i - {{(ShiftWidth - 1){1'b0}}, 1'b1});
  // Stochastic: k <= 32: up iff the top k bits of r are below the k discarded bits; k > 32:
  // up iff r is below the top 32 of them.
  assign k_narrow    = shift_i <= ShiftWidth'(32);
  assign stoch_shift = k_narrow ? 6'(ShiftWidth'(32) - shift_i) : 6'd0;
  assign stoch_top   = $unsigned($signed(ext) >>> (shift_i - ShiftWidth'(32)));
  assign stoch_up    = k_narrow ? ({{(QWidth - 32){1'b0}}, rand_i >> stoch_shift} < rem)
                                : (rand_i < stoch_top[31:0]);

  assign floor_lsb = floor_q[0];
  always_comb begin
    case (mode_i)
      3'd1:    up = neg && (rem != '0);
      3'd2:    up = rem >= half;
      3'd3:    up = (rem > half) || ((rem == half) && floor_lsb);
      3'd4:    up = stoch_up;
      default: up = 1'b0;
    endcase
  end

  always_comb begin
    if (right) begin
      q = floor_q + {{(QWidth - 1){1'b0}}, up};
    end else if (left) begin
      q = ext << left_amount;
    end else begin
      q = ext;
    end
  end

  // Fit into the format: signed w: the bits from w - 1 up are copies of the sign; unsigned w:
  // the bits from w up are zero.
  logic [FmtBitsWidth-1:0] hi_from;
  logic [QWidth-1:0]       sat, width_mask, wrapped, sign_fill, q_at_sign;
  logic                    fits, q_neg;

  assign q_neg      = q[QWidth-1];
  assign hi_from    = out_signed_i ? out_width_i - {{(FmtBitsWidth - 1){1'b0}}, 1'b1} : out_width_i;
  assign q_hi       = $unsigned($signed(q) >>> hi_from);
  assign fits       = (q_hi == '0) || (out_signed_i && (q_hi == '1));
  assign width_mask = ({{(QWidth - 1){1'b0}}, 1'b1} << out_width_i) - {{(QWidth - 1){1'b0}}, 1'b1};
  assign q_at_sign  = q >> (out_width_i - {{(FmtBitsWidth - 1){1'b0}}, 1'b1});
  assign sign_fill  = (out_signed_i && q_at_sign[0]) ? ~width_mask : '0;
  assign wrapped    = (q & width_mask) | sign_fill;
  always_comb begin
    if (out_signed_i) begin
      sat = q_neg ? ~(width_mask >> 1) : (width_mask >> 1);
    end else begin
      sat = q_neg ? '0 : width_mask;
    end
  end

  logic [QWidth-1:0] result;
  assign result     = fits ? q : (wrap_i ? wrapped : sat);
  assign value_o    = result[OutWidth-1:0];
  assign overflow_o = !fits;

  logic unused_result_hi;
  assign unused_result_hi = ^{result[QWidth-1:OutWidth], stoch_top[QWidth-1:32], q_at_sign[QWidth-1:1]};

endmodule
