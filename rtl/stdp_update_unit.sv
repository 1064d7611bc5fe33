// Pair-STDP synapse-update unit: the RTL of plasticore::fixed::stdp_unit
// (model/fixed/stdp_unit.hpp), bit for bit, including the xorshift32 stochastic-rounding
// stream. docs/rtl.md describes the interface, the pipeline and the configuration.
//
// One request per cycle; the response to a request accepted at clock edge t is valid after
// edge t + 5 (five register stages). The whole pipeline stalls while a response is not taken.
//
// Operations (req_op_i):
//   0 potentiate  w += A+ f+(w) x_pre(delta)   (decay table "plus")  -> weight, flags
//   1 depress     w -= A- f-(w) x_post(delta)  (decay table "minus") -> weight, flags
//   2 write_back  working weight -> stored WeightBits weight, weight rounding -> weight
//   3 bump_pre    pre_trace_after_arrival(trace, delta)              -> trace, flags[2]
//   4 bump_post   post_trace_after_spike(trace, delta)               -> trace, flags[2]
// Generator draws per operation, in this order (stdp_unit.hpp): the decay product (only
// within the table), then the amplitude product(s) (one additive, two multiplicative); a
// write-back draws once when GuardBits > 0; deterministic modes never draw.
module stdp_update_unit #(
  parameter int WeightBits = 16,   // stored weight bits n
  parameter int GuardBits  = 8,    // working weight extra fraction bits g
  parameter int TraceInt   = 4,    // trace format s<TraceInt>.<TraceFrac>
  parameter int TraceFrac  = 15,
  parameter int LutDepth   = 4096, // entries per decay table (hardware lut_size)
  parameter int DeltaWidth = 32,   // steps since the trace's last update
  parameter int TagWidth   = 8,    // request tag, returned with the response
  // Derived: leave at their defaults.
  parameter int TraceWidth  = 1 + TraceInt + TraceFrac,
  parameter int WorkWidth   = WeightBits + GuardBits,   // working weight u<n>.<g>
  parameter int AmpFrac     = (TraceFrac < 63 - WeightBits) ? TraceFrac : 63 - WeightBits,
  parameter int AmpWidth    = (WeightBits + AmpFrac + 1 > TraceWidth) ? WeightBits + AmpFrac + 1
                                                                      : TraceWidth,
  parameter int LutIdxWidth = $clog2(LutDepth)
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,

  // Configuration: hold stable while requests are in flight.
  input  logic [2:0]             cfg_product_round_i,  // fixed_point::rounding of the products
  input  logic [2:0]             cfg_weight_round_i,   // rounding of the write-back
  input  logic                   cfg_trace_wrap_i,     // trace overflow: 1 wrap, 0 saturate
  input  logic                   cfg_multiplicative_i, // weight dependence: 1 multiplicative
  input  logic                   cfg_nearest_i,        // pairing: 1 nearest, 0 all-to-all
  input  logic [AmpWidth-1:0]    cfg_amp_plus_i,       // additive u<n>.<AmpFrac>; mult. trace fmt
  input  logic [AmpWidth-1:0]    cfg_amp_minus_i,      //   (two's complement, sign-extended)
  input  logic [WorkWidth-1:0]   cfg_w_min_i,          // working bounds
  input  logic [WorkWidth-1:0]   cfg_w_max_i,
  input  logic [5:0]             cfg_lut_shift_plus_i, // table index = delta >> shift
  input  logic [5:0]             cfg_lut_shift_minus_i,
  input  logic [LutIdxWidth:0]   cfg_lut_len_plus_i,   // entries in use; beyond them: 0
  input  logic [LutIdxWidth:0]   cfg_lut_len_minus_i,

  // Generator seed: loaded (zero replaced by 0x9E3779B9) when seed_we_i is high.
  input  logic                   seed_we_i,
  input  logic [31:0]            seed_i,
  output logic [31:0]            rng_state_o,

  // Decay-table write port: lut_sel_i 0 = plus (tau_plus), 1 = minus (tau_minus).
  input  logic                   lut_we_i,
  input  logic                   lut_sel_i,
  input  logic [LutIdxWidth-1:0] lut_addr_i,
  input  logic [TraceFrac:0]     lut_wdata_i,          // u1.<TraceFrac>

  // Requests.
  input  logic                   req_valid_i,
  output logic                   req_ready_o,
  input  logic [2:0]             req_op_i,
  input  logic [WorkWidth-1:0]   req_weight_i,         // working weight
  input  logic [TraceWidth-1:0]  req_trace_i,          // trace raw at its last update
  input  logic [DeltaWidth-1:0]  req_delta_i,
  input  logic [TagWidth-1:0]    req_tag_i,

  // Responses, in request order.
  output logic                   resp_valid_o,
  input  logic                   resp_ready_i,
  output logic [2:0]             resp_op_o,
  output logic [WorkWidth-1:0]   resp_weight_o,        // updated / written-back weight
  output logic [TraceWidth-1:0]  resp_trace_o,         // bumped trace; decayed trace of updates
  output logic [2:0]             resp_flags_o,         // stdp_flag: 1 max, 2 min, 4 saturated
  output logic [TagWidth-1:0]    resp_tag_o
);

  localparam logic [2:0] OpPotentiate = 3'd0;
  localparam logic [2:0] OpDepress    = 3'd1;
  localparam logic [2:0] OpWriteBack  = 3'd2;
  localparam logic [2:0] OpBumpPre    = 3'd3;
  localparam logic [2:0] OpBumpPost   = 3'd4;
  localparam logic [2:0] RoundStochastic = 3'd4;

  localparam int UpdWidth   = WeightBits + 7 + GuardBits;    // weight change s<n+6>.<g>
  localparam int RangeWidth = WorkWidth + 2;                 // w_max - w, w - w_min
  localparam int DecWidth   = TraceWidth + TraceFrac + 2;    // trace x table entry
  localparam int P1Width    = AmpWidth + TraceWidth;         // amplitude x trace
  localparam int P2Width    = TraceWidth + RangeWidth;       // y x range
  localparam int SumWidth   = UpdWidth + 1;                  // weight +- change
  localparam int AddShift   = AmpFrac + TraceFrac - GuardBits;
  localparam bit HasGuard   = GuardBits > 0;

  localparam logic [TraceWidth-1:0] Impulse = {{TraceInt{1'b0}}, 1'b1, {TraceFrac{1'b0}}};

  // ---------------------------------------------------------------------------------------
  // Flow control: everything advances together unless a response is waiting.
  logic adv, accept;
  logic out_valid_q;
  assign adv         = !out_valid_q || resp_ready_i;
  assign req_ready_o = adv;
  assign accept      = req_valid_i && adv;

  // ---------------------------------------------------------------------------------------
  // Stage 0: table index, draws, generator.
  logic                   use_plus, in_table, prod_stoch, wb_stoch, is_update;
  logic [5:0]             lut_shift;
  logic [LutIdxWidth:0]   lut_len;
  logic [DeltaWidth-1:0]  lut_index;
  logic [1:0]             n_draws;
  logic [31:0]            rng_q, rng_d, r1, r2, r3;

  assign use_plus   = (req_op_i == OpPotentiate) || (req_op_i == OpBumpPre);
  assign is_update  = (req_op_i == OpPotentiate) || (req_op_i == OpDepress);
  assign lut_shift  = use_plus ? cfg_lut_shift_plus_i : cfg_lut_shift_minus_i;
  assign lut_len    = use_plus ? cfg_lut_len_plus_i : cfg_lut_len_minus_i;
  assign lut_index  = req_delta_i >> lut_shift;
  assign in_table   = lut_index < {{(DeltaWidth - LutIdxWidth - 1){1'b0}}, lut_len};
  assign prod_stoch = cfg_product_round_i == RoundStochastic;
  assign wb_stoch   = cfg_weight_round_i == RoundStochastic;

  always_comb begin
    n_draws = 2'd0;
    if (is_update) begin
      if (prod_stoch) begin
        n_draws = {1'b0, in_table} + (cfg_multiplicative_i ? 2'd2 : 2'd1);
      end
    end else if (req_op_i == OpWriteBack) begin
      n_draws = {1'b0, wb_stoch && HasGuard};
    end else if ((req_op_i == OpBumpPre) || (req_op_i == OpBumpPost)) begin
      n_draws = {1'b0, prod_stoch && !cfg_nearest_i && in_table};
    end
  end

  xorshift32 u_step1 (.state_i(rng_q), .state_o(r1));
  xorshift32 u_step2 (.state_i(r1),    .state_o(r2));
  xorshift32 u_step3 (.state_i(r2),    .state_o(r3));

  always_comb begin
    rng_d = rng_q;
    if (seed_we_i) begin
      rng_d = (seed_i != 32'd0) ? seed_i : 32'h9E37_79B9;
    end else if (accept) begin
      case (n_draws)
        2'd1:    rng_d = r1;
        2'd2:    rng_d = r2;
        2'd3:    rng_d = r3;
        default: rng_d = rng_q;
      endcase
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rng_q <= 32'h9E37_79B9;  // nonzero_seed(0)
    end else begin
      rng_q <= rng_d;
    end
  end
  assign rng_state_o = rng_q;

  // Which draw each product uses: the decay product takes the first when it happens.
  logic [31:0] r_amp1, r_amp2;
  assign r_amp1 = in_table ? r2 : r1;
  assign r_amp2 = in_table ? r3 : r2;

  // Decay tables (read in stage 0, data in stage 1).
  logic [TraceFrac:0] lut_rdata;
  stdp_lut_mem #(
    .Depth (LutDepth),
    .Width (TraceFrac + 1)
  ) u_lut (
    .clk_i   (clk_i),
    .we_i    (lut_we_i),
    .waddr_i ({lut_sel_i, lut_addr_i}),
    .wdata_i (lut_wdata_i),
    .re_i    (adv),
    .raddr_i ({!use_plus, lut_index[LutIdxWidth-1:0]}),
    .rdata_o (lut_rdata)
  );

  // Stage 1 registers.
  logic                  s1_valid_q, s1_in_table_q;
  logic [2:0]            s1_op_q;
  logic [WorkWidth-1:0]  s1_weight_q;
  logic [TraceWidth-1:0] s1_trace_q;
  logic [TagWidth-1:0]   s1_tag_q;
  logic [31:0]           s1_r0_q, s1_r1_q, s1_r2_q;

  // ---------------------------------------------------------------------------------------
  // Stage 1: trace decay, trace bump, write-back.
  logic [DecWidth-1:0]   dec_prod;
  logic [TraceWidth-1:0] x_rounded, x_dec, bump_fit, bump_trace;
  logic [TraceWidth:0]   bump_sum;
  logic [WeightBits-1:0] wb_weight;
  logic [WorkWidth-1:0]  wb_weight_ext;
  logic                  ovf_dec, ovf_bump, bump_sat, s1_bump, unused_ovf_wb;

  assign dec_prod = {{(TraceFrac + 2){s1_trace_q[TraceWidth-1]}}, s1_trace_q} *
                    {{(TraceWidth + 1){1'b0}}, lut_rdata};

  round_shift #(
    .InWidth (DecWidth), .Shift (TraceFrac), .OutWidth (TraceWidth), .OutSigned (1'b1)
  ) u_round_decay (
    .value_i (dec_prod), .mode_i (cfg_product_round_i), .rand_i (s1_r0_q),
    .wrap_i (cfg_trace_wrap_i), .value_o (x_rounded), .overflow_o (ovf_dec)
  );
  assign x_dec = s1_in_table_q ? x_rounded : '0;

  assign bump_sum = {x_dec[TraceWidth-1], x_dec} + {1'b0, Impulse};
  round_shift #(
    .InWidth (TraceWidth + 1), .Shift (0), .OutWidth (TraceWidth), .OutSigned (1'b1)
  ) u_fit_bump (
    .value_i (bump_sum), .mode_i (3'd0), .rand_i (32'd0),
    .wrap_i (cfg_trace_wrap_i), .value_o (bump_fit), .overflow_o (ovf_bump)
  );
  assign s1_bump    = (s1_op_q == OpBumpPre) || (s1_op_q == OpBumpPost);
  assign bump_trace = cfg_nearest_i ? Impulse : bump_fit;
  assign bump_sat   = !cfg_nearest_i && (ovf_bump || (s1_in_table_q && ovf_dec));

  round_shift #(
    .InWidth (WorkWidth + 1), .Shift (GuardBits), .OutWidth (WeightBits), .OutSigned (1'b0)
  ) u_round_wb (
    .value_i ({1'b0, s1_weight_q}), .mode_i (cfg_weight_round_i), .rand_i (s1_r0_q),
    .wrap_i (1'b0), .value_o (wb_weight), .overflow_o (unused_ovf_wb)
  );
  if (GuardBits > 0) begin : g_wb_ext
    assign wb_weight_ext = {{GuardBits{1'b0}}, wb_weight};
  end else begin : g_wb_same
    assign wb_weight_ext = wb_weight;
  end

  // Stage 2 registers.
  logic                  s2_valid_q, s2_sat_q;
  logic [2:0]            s2_op_q;
  logic [WorkWidth-1:0]  s2_weight_q;
  logic [TraceWidth-1:0] s2_trace_q;
  logic [TagWidth-1:0]   s2_tag_q;
  logic [31:0]           s2_r1_q, s2_r2_q;

  // ---------------------------------------------------------------------------------------
  // Stage 2: amplitude x trace; the range of the multiplicative dependence.
  logic [AmpWidth-1:0]   amp;
  logic [P1Width-1:0]    p1;
  logic [UpdWidth-1:0]   dw_add;
  logic [TraceWidth-1:0] y;
  logic [RangeWidth-1:0] range;
  logic                  ovf_add, ovf_y, s2_pot;

  assign s2_pot = s2_op_q == OpPotentiate;
  assign amp    = s2_pot ? cfg_amp_plus_i : cfg_amp_minus_i;
  assign p1     = {{TraceWidth{amp[AmpWidth-1]}}, amp} *
                  {{AmpWidth{s2_trace_q[TraceWidth-1]}}, s2_trace_q};

  round_shift #(
    .InWidth (P1Width), .Shift (AddShift), .OutWidth (UpdWidth), .OutSigned (1'b1)
  ) u_round_add (
    .value_i (p1), .mode_i (cfg_product_round_i), .rand_i (s2_r1_q),
    .wrap_i (1'b0), .value_o (dw_add), .overflow_o (ovf_add)
  );
  round_shift #(
    .InWidth (P1Width), .Shift (TraceFrac), .OutWidth (TraceWidth), .OutSigned (1'b1)
  ) u_round_y (
    .value_i (p1), .mode_i (cfg_product_round_i), .rand_i (s2_r1_q),
    .wrap_i (cfg_trace_wrap_i), .value_o (y), .overflow_o (ovf_y)
  );
  assign range = s2_pot ? {2'b00, cfg_w_max_i} - {2'b00, s2_weight_q}
                        : {2'b00, s2_weight_q} - {2'b00, cfg_w_min_i};

  // Stage 3 registers.
  logic                  s3_valid_q, s3_sat_q, s3_ovf_add_q, s3_ovf_y_q;
  logic [2:0]            s3_op_q;
  logic [WorkWidth-1:0]  s3_weight_q;
  logic [TraceWidth-1:0] s3_trace_q, s3_y_q;
  logic [TagWidth-1:0]   s3_tag_q;
  logic [31:0]           s3_r2_q;
  logic [UpdWidth-1:0]   s3_dw_add_q;
  logic [RangeWidth-1:0] s3_range_q;

  // ---------------------------------------------------------------------------------------
  // Stage 3: multiplicative y x range.
  logic [P2Width-1:0]  p2;
  logic [UpdWidth-1:0] dw_mul, dw;
  logic                ovf_mul, s3_update, sat3;

  assign p2 = {{RangeWidth{s3_y_q[TraceWidth-1]}}, s3_y_q} *
              {{TraceWidth{s3_range_q[RangeWidth-1]}}, s3_range_q};
  round_shift #(
    .InWidth (P2Width), .Shift (TraceFrac), .OutWidth (UpdWidth), .OutSigned (1'b1)
  ) u_round_mul (
    .value_i (p2), .mode_i (cfg_product_round_i), .rand_i (s3_r2_q),
    .wrap_i (1'b0), .value_o (dw_mul), .overflow_o (ovf_mul)
  );
  assign s3_update = (s3_op_q == OpPotentiate) || (s3_op_q == OpDepress);
  assign dw        = cfg_multiplicative_i ? dw_mul : s3_dw_add_q;
  assign sat3      = !s3_update ? s3_sat_q :
                     cfg_multiplicative_i ? (s3_ovf_y_q || ovf_mul) : s3_ovf_add_q;

  // Stage 4 registers.
  logic                  s4_valid_q, s4_sat_q;
  logic [2:0]            s4_op_q;
  logic [WorkWidth-1:0]  s4_weight_q;
  logic [TraceWidth-1:0] s4_trace_q;
  logic [TagWidth-1:0]   s4_tag_q;
  logic [UpdWidth-1:0]   s4_dw_q;

  // ---------------------------------------------------------------------------------------
  // Stage 4: weight +- change, clip to [w_min, w_max].
  logic [SumWidth-1:0]  w_ext, dw_ext, w_new, w_max_ext, w_min_ext;
  logic                 s4_update, above, below;
  logic [WorkWidth-1:0] weight_out, w_new_low;
  logic [2:0]           flags_out;

  assign w_ext     = {{(SumWidth - WorkWidth){1'b0}}, s4_weight_q};
  assign w_max_ext = {{(SumWidth - WorkWidth){1'b0}}, cfg_w_max_i};
  assign w_min_ext = {{(SumWidth - WorkWidth){1'b0}}, cfg_w_min_i};
  assign dw_ext    = {s4_dw_q[UpdWidth-1], s4_dw_q};
  assign w_new     = (s4_op_q == OpPotentiate) ? w_ext + dw_ext : w_ext - dw_ext;
  assign w_new_low = w_new[WorkWidth-1:0];
  assign s4_update = (s4_op_q == OpPotentiate) || (s4_op_q == OpDepress);
  assign above     = $signed(w_new) > $signed(w_max_ext);
  assign below     = $signed(w_new) < $signed(w_min_ext);

  always_comb begin
    weight_out = s4_weight_q;
    flags_out  = {s4_sat_q, 2'b00};
    if (s4_update) begin
      if (above) begin
        weight_out = cfg_w_max_i;
        flags_out  = {s4_sat_q, 2'b01};
      end else if (below) begin
        weight_out = cfg_w_min_i;
        flags_out  = {s4_sat_q, 2'b10};
      end else begin
        weight_out = w_new_low;
      end
    end
  end

  // Output registers.
  logic [2:0]            out_op_q, out_flags_q;
  logic [WorkWidth-1:0]  out_weight_q;
  logic [TraceWidth-1:0] out_trace_q;
  logic [TagWidth-1:0]   out_tag_q;

  // ---------------------------------------------------------------------------------------
  // Pipeline registers: valid bits reset, data registers do not.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_valid_q  <= 1'b0;
      s2_valid_q  <= 1'b0;
      s3_valid_q  <= 1'b0;
      s4_valid_q  <= 1'b0;
      out_valid_q <= 1'b0;
    end else if (adv) begin
      s1_valid_q  <= req_valid_i;
      s2_valid_q  <= s1_valid_q;
      s3_valid_q  <= s2_valid_q;
      s4_valid_q  <= s3_valid_q;
      out_valid_q <= s4_valid_q;
    end
  end

  always_ff @(posedge clk_i) begin
    if (adv) begin
      s1_op_q       <= req_op_i;
      s1_weight_q   <= req_weight_i;
      s1_trace_q    <= req_trace_i;
      s1_tag_q      <= req_tag_i;
      s1_in_table_q <= in_table;
      s1_r0_q       <= r1;
      s1_r1_q       <= r_amp1;
      s1_r2_q       <= r_amp2;

      s2_op_q     <= s1_op_q;
      s2_weight_q <= (s1_op_q == OpWriteBack) ? wb_weight_ext : s1_weight_q;
      s2_trace_q  <= s1_bump ? bump_trace : x_dec;
      s2_sat_q    <= s1_bump && bump_sat;
      s2_tag_q    <= s1_tag_q;
      s2_r1_q     <= s1_r1_q;
      s2_r2_q     <= s1_r2_q;

      s3_op_q      <= s2_op_q;
      s3_weight_q  <= s2_weight_q;
      s3_trace_q   <= s2_trace_q;
      s3_sat_q     <= s2_sat_q;
      s3_tag_q     <= s2_tag_q;
      s3_r2_q      <= s2_r2_q;
      s3_dw_add_q  <= dw_add;
      s3_ovf_add_q <= ovf_add;
      s3_y_q       <= y;
      s3_ovf_y_q   <= ovf_y;
      s3_range_q   <= range;

      s4_op_q     <= s3_op_q;
      s4_weight_q <= s3_weight_q;
      s4_trace_q  <= s3_trace_q;
      s4_sat_q    <= sat3;
      s4_tag_q    <= s3_tag_q;
      s4_dw_q     <= dw;

      out_op_q     <= s4_op_q;
      out_weight_q <= weight_out;
      out_trace_q  <= s4_trace_q;
      out_flags_q  <= flags_out;
      out_tag_q    <= s4_tag_q;
    end
  end

  assign resp_valid_o  = out_valid_q;
  assign resp_op_o     = out_op_q;
  assign resp_weight_o = out_weight_q;
  assign resp_trace_o  = out_trace_q;
  assign resp_flags_o  = out_flags_q;
  assign resp_tag_o    = out_tag_q;

endmodule
