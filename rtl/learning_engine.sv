// The learning engine: a synapse-update unit that runs microcode (learning_engine_pkg.sv;
// docs/rtl.md, "The learning engine") instead of one rule. It is the RTL of
// model/fixed/learning_engine/engine_model.hpp, bit for bit, including the xorshift32 stream.
//
// Per request: the microprogram of its operation and table field (loaded through the
// microcode write port at address {table, op})
// says which decay table decays the trace, which factors each term multiplies, how every
// product rounds and into which format, what the sum starts from, and how it is finished
// (kept, fitted, or clipped to [w_min, w_max]).
//
// Pipeline (NumSteps + 3 register stages; 5 for the pair configuration): stage 0 reads the
// microprogram and the decay table, takes the generator steps; stage 1 the decay product;
// stages 2 .. NumSteps + 1 one product of every term each; the last stage the sum and the
// finish; then the output register. One request per cycle; the whole pipeline stalls while a
// response is not taken.
//
// Draw order (microcode.hpp): the decay product when it happens, then term 0's steps, term
// 1's, ...; one draw per stochastic rounding, none otherwise.
module learning_engine #(
  parameter int LutDepth    = 4096,  // entries per decay table
  parameter int DeltaWidth  = 32,    // steps since the trace's last update
  parameter int TagWidth    = 8,     // request tag, returned with the response
  // Derived: leave at the default.
  parameter int LutIdxWidth = $clog2(LutDepth)
) (
  input  logic                             clk_i,
  input  logic                             rst_ni,

  // Configuration: hold stable while requests are in flight.
  input  logic [learning_engine_pkg::DataWidth-1:0]             cfg_w_min_i,      // working bounds
  input  logic [learning_engine_pkg::DataWidth-1:0]             cfg_w_max_i,
  input  logic [learning_engine_pkg::NumTables*6-1:0]           cfg_lut_shift_i,  // per table: index = delta >> shift
  input  logic [learning_engine_pkg::NumTables*(LutIdxWidth+1)-1:0] cfg_lut_len_i, // per table: entries; beyond: 0

  // Generator seed: loaded (zero replaced by 0x9E3779B9) when seed_we_i is high.
  input  logic                             seed_we_i,
  input  logic [31:0]                      seed_i,
  output logic [31:0]                      rng_state_o,

  // Microcode write port: the microprogram of operation ucode_addr_i.
  input  logic                             ucode_we_i,
  input  logic [learning_engine_pkg::OpWidth+learning_engine_pkg::TableSelWidth-1:0] ucode_addr_i,  // {table, op}
  input  logic [learning_engine_pkg::UcWidth-1:0]               ucode_wdata_i,

  // Decay-table write port.
  input  logic                             lut_we_i,
  input  logic [learning_engine_pkg::TableWidth-1:0]            lut_sel_i,
  input  logic [LutIdxWidth-1:0]           lut_addr_i,
  input  logic [learning_engine_pkg::LutWidth-1:0]              lut_wdata_i,

  // Requests (model/fixed/plasticity/transaction.hpp: synapse_request).
  input  logic                             req_valid_i,
  output logic                             req_ready_o,
  input  logic [learning_engine_pkg::OpWidth-1:0]               req_op_i,
  input  logic [learning_engine_pkg::TableSelWidth-1:0]         req_table_i,      // selects the op's microprogram
  input  logic [learning_engine_pkg::DataWidth-1:0]             req_weight_i,     // two's complement, all three
  input  logic [learning_engine_pkg::DataWidth-1:0]             req_trace_i,
  input  logic [learning_engine_pkg::DataWidth-1:0]             req_operand_i,
  input  logic [DeltaWidth-1:0]            req_delta_i,
  input  logic [TagWidth-1:0]              req_tag_i,

  // Responses, in request order (synapse_response).
  output logic                             resp_valid_o,
  input  logic                             resp_ready_i,
  output logic [learning_engine_pkg::OpWidth-1:0]               resp_op_o,
  output logic [learning_engine_pkg::DataWidth-1:0]             resp_weight_o,
  output logic [learning_engine_pkg::DataWidth-1:0]             resp_value_o,
  output logic [learning_engine_pkg::FlagWidth-1:0]             resp_flags_o,
  // Every term's value (truncated to DataWidth), for the testbench's mismatch report.
  output logic [learning_engine_pkg::NumTerms*learning_engine_pkg::DataWidth-1:0] resp_terms_o,
  output logic [TagWidth-1:0]              resp_tag_o
);

  // The package's names used below (Yosys 0.23 reads no `import`).
  localparam int DataWidth       = learning_engine_pkg::DataWidth;
  localparam int OpWidth         = learning_engine_pkg::OpWidth;
  localparam int OpSlots         = learning_engine_pkg::OpSlots;
  localparam int TableSelWidth   = learning_engine_pkg::TableSelWidth;
  localparam int NumTables       = learning_engine_pkg::NumTables;
  localparam int LutWidth        = learning_engine_pkg::LutWidth;
  localparam int FlagWidth       = learning_engine_pkg::FlagWidth;
  localparam int NumTerms        = learning_engine_pkg::NumTerms;
  localparam int NumSteps        = learning_engine_pkg::NumSteps;
  localparam int NumDraws        = learning_engine_pkg::NumDraws;
  localparam int SourceWidth     = learning_engine_pkg::SourceWidth;
  localparam int RoundWidth      = learning_engine_pkg::RoundWidth;
  localparam int ShiftWidth      = learning_engine_pkg::ShiftWidth;
  localparam int FmtBitsWidth    = learning_engine_pkg::FmtBitsWidth;
  localparam int MantWidth       = learning_engine_pkg::MantWidth;
  localparam int FinishWidth     = learning_engine_pkg::FinishWidth;
  localparam int TableWidth      = learning_engine_pkg::TableWidth;
  localparam int SrcZero         = learning_engine_pkg::SrcZero;
  localparam int SrcDecayed      = learning_engine_pkg::SrcDecayed;
  localparam int SrcTrace        = learning_engine_pkg::SrcTrace;
  localparam int SrcWeight       = learning_engine_pkg::SrcWeight;
  localparam int SrcWMaxMinusW   = learning_engine_pkg::SrcWMaxMinusW;
  localparam int SrcWMinusWMin   = learning_engine_pkg::SrcWMinusWMin;
  localparam int SrcOperand      = learning_engine_pkg::SrcOperand;
  localparam int SrcXMinusOffset = learning_engine_pkg::SrcXMinusOffset;
  localparam int SrcOperandMinusTrace = learning_engine_pkg::SrcOperandMinusTrace;
  localparam int SrcTraceMinusDecayed = learning_engine_pkg::SrcTraceMinusDecayed;
  localparam int OffsetWidth     = learning_engine_pkg::OffsetWidth;
  localparam int RoundStochastic = learning_engine_pkg::RoundStochastic;
  localparam int RoundExact      = learning_engine_pkg::RoundExact;
  localparam int FinishKeep      = learning_engine_pkg::FinishKeep;
  localparam int FinishFit       = learning_engine_pkg::FinishFit;
  localparam int FinishClip      = learning_engine_pkg::FinishClip;
  localparam int ResultWeight    = learning_engine_pkg::ResultWeight;
  localparam int ResultValue     = learning_engine_pkg::ResultValue;
  localparam int StepEnLsb       = learning_engine_pkg::StepEnLsb;
  localparam int StepFactorLsb   = learning_engine_pkg::StepFactorLsb;
  localparam int StepShiftLsb    = learning_engine_pkg::StepShiftLsb;
  localparam int StepFmtLsb      = learning_engine_pkg::StepFmtLsb;
  localparam int StepWrapLsb     = learning_engine_pkg::StepWrapLsb;
  localparam int StepRoundLsb    = learning_engine_pkg::StepRoundLsb;
  localparam int StepFlagsLsb    = learning_engine_pkg::StepFlagsLsb;
  localparam int StepWidth       = learning_engine_pkg::StepWidth;
  localparam int TermEnLsb       = learning_engine_pkg::TermEnLsb;
  localparam int TermSubLsb      = learning_engine_pkg::TermSubLsb;
  localparam int TermMantLsb     = learning_engine_pkg::TermMantLsb;
  localparam int TermAlignLsb    = learning_engine_pkg::TermAlignLsb;
  localparam int TermStepsLsb    = learning_engine_pkg::TermStepsLsb;
  localparam int TermWidth       = learning_engine_pkg::TermWidth;
  localparam int DecayEnLsb      = learning_engine_pkg::DecayEnLsb;
  localparam int DecayTableLsb   = learning_engine_pkg::DecayTableLsb;
  localparam int DecayShiftLsb   = learning_engine_pkg::DecayShiftLsb;
  localparam int DecayFmtLsb     = learning_engine_pkg::DecayFmtLsb;
  localparam int DecayWrapLsb    = learning_engine_pkg::DecayWrapLsb;
  localparam int DecayRoundLsb   = learning_engine_pkg::DecayRoundLsb;
  localparam int DecayFlagsLsb   = learning_engine_pkg::DecayFlagsLsb;
  localparam int DecayWidth      = learning_engine_pkg::DecayWidth;
  localparam int UcDecayLsb      = learning_engine_pkg::UcDecayLsb;
  localparam int UcTargetLsb     = learning_engine_pkg::UcTargetLsb;
  localparam int UcOtherLsb      = learning_engine_pkg::UcOtherLsb;
  localparam int UcResultLsb     = learning_engine_pkg::UcResultLsb;
  localparam int UcFinishLsb     = learning_engine_pkg::UcFinishLsb;
  localparam int UcFinFmtLsb     = learning_engine_pkg::UcFinFmtLsb;
  localparam int UcFinWrapLsb    = learning_engine_pkg::UcFinWrapLsb;
  localparam int UcFinFlagsLsb   = learning_engine_pkg::UcFinFlagsLsb;
  localparam int UcOffsetLsb     = learning_engine_pkg::UcOffsetLsb;
  localparam int UcTermsLsb      = learning_engine_pkg::UcTermsLsb;
  localparam int UcWidth         = learning_engine_pkg::UcWidth;

  localparam int NStage    = NumSteps + 2;        // registered stages before the output
  localparam int ProdWidth = 2 * DataWidth;       // every product, exact
  localparam int SumWidth  = DataWidth + 4;       // target +/- NumTerms terms, exact
  localparam int CntWidth  = $clog2(NumDraws + 1);  // indexes chain[0 .. NumDraws]
  localparam int LenWidth  = LutIdxWidth + 1;
  localparam int RandWidth = NumDraws * 32;       // one generator output per consumer
  localparam int AccWidth  = NumTerms * DataWidth; // every term's accumulator

  // ---------------------------------------------------------------------------------------
  // Flow control: everything advances together unless a response is waiting.
  logic adv, accept, out_valid_q;
  assign adv         = !out_valid_q || resp_ready_i;
  assign req_ready_o = adv;
  assign accept      = req_valid_i && adv;

  // The factor a source selects; `offset` is the stage's microprogram's offset field.
  function automatic logic [DataWidth-1:0] pick(
    input logic [SourceWidth-1:0] src,
    input logic [DataWidth-1:0]   x,
    input logic [DataWidth-1:0]   trace,
    input logic [DataWidth-1:0]   weight,
    input logic [DataWidth-1:0]   operand,
    input logic [DataWidth-1:0]   w_min,
    input logic [DataWidth-1:0]   w_max,
    input logic [OffsetWidth-1:0] offset
  );
    case (src)
      SourceWidth'(SrcDecayed):    pick = x;
      SourceWidth'(SrcXMinusOffset): pick = x - {{(DataWidth - OffsetWidth){offset[OffsetWidth-1]}}, offset};
      SourceWidth'(SrcOperandMinusTrace): pick = operand - trace;
      SourceWidth'(SrcTraceMinusDecayed): pick = trace - x;
      SourceWidth'(SrcTrace):      pick = trace;
      SourceWidth'(SrcWeight):     pick = weight;
      SourceWidth'(SrcWMaxMinusW): pick = w_max - weight;
      SourceWidth'(SrcWMinusWMin): pick = weight - w_min;
      SourceWidth'(SrcOperand):    pick = operand;
      SourceWidth'(SrcZero):       pick = '0;
      default:                     pick = '0;
    endcase
  endfunction

  // ---------------------------------------------------------------------------------------
  // Microcode memory (configuration: no reset).
  logic [UcWidth-1:0] ucode_q [OpSlots];
  always_ff @(posedge clk_i) begin
    if (ucode_we_i) begin
      ucode_q[ucode_addr_i] <= ucode_wdata_i;
    end
  end

  // ---------------------------------------------------------------------------------------
  // Stage 0: microprogram, table index, draws.
  logic [UcWidth-1:0]    uc0;
  logic                  dec_en0, in_table0;
  logic [TableWidth-1:0] dec_table0;
  logic [5:0]            lut_shift0;
  logic [LenWidth-1:0]   lut_len0;
  logic [DeltaWidth-1:0] lut_index0;
  logic [NumDraws-1:0]   draws0;

  assign uc0        = ucode_q[{req_table_i, req_op_i}];
  assign dec_en0    = uc0[UcDecayLsb + DecayEnLsb];
  assign dec_table0 = uc0[UcDecayLsb + DecayTableLsb +: TableWidth];
  assign lut_shift0 = cfg_lut_shift_i[dec_table0 * 6 +: 6];
  assign lut_len0   = cfg_lut_len_i[dec_table0 * LenWidth +: LenWidth];
  assign lut_index0 = req_delta_i >> lut_shift0;
  assign in_table0  = lut_index0 < {{(DeltaWidth - LenWidth){1'b0}}, lut_len0};

  // Consumer 0 is the decay product, 1 + t * NumSteps + s step s of term t.
  logic [RoundWidth-1:0] dec_round0;
  assign dec_round0 = uc0[UcDecayLsb + DecayRoundLsb +: RoundWidth];
  assign draws0[0]  = dec_en0 && in_table0 && (dec_round0 == RoundWidth'(RoundStochastic));
  for (genvar t = 0; t < NumTerms; t++) begin : g_term_draws
    for (genvar s = 0; s < NumSteps; s++) begin : g_step_draws
      logic [StepWidth-1:0] step;
      assign step = uc0[UcTermsLsb + t * TermWidth + TermStepsLsb + s * StepWidth +: StepWidth];
      assign draws0[1 + t * NumSteps + s] = uc0[UcTermsLsb + t * TermWidth + TermEnLsb] && step[StepEnLsb] &&
                                            (step[StepRoundLsb +: RoundWidth] == RoundWidth'(RoundStochastic));
    end
  end

  // Generator: NumDraws chained steps; consumer i takes the step after those drawn before it.
  logic [(NumDraws+1)*32-1:0] chain;  // chain[i * 32 +: 32]: the state after i steps
  logic [31:0] rng_q, rng_d;
  assign chain[0 +: 32] = rng_q;
  for (genvar i = 0; i < NumDraws; i++) begin : g_chain
    xorshift32 u_step (.state_i(chain[i * 32 +: 32]), .state_o(chain[(i + 1) * 32 +: 32]));
  end

  // The draws of consumers 0 .. n - 1.
  function automatic logic [CntWidth-1:0] drawn_before(input logic [NumDraws-1:0] draws, input int n);
    drawn_before = '0;
    for (int j = 0; j < NumDraws; j++) begin
      if (j < n) drawn_before = drawn_before + CntWidth'(draws[j]);
    end
  endfunction

  logic [NumDraws*32-1:0] rand0;
  logic [CntWidth-1:0]    drawn0;
  for (genvar i = 0; i < NumDraws; i++) begin : g_rand
    logic [CntWidth-1:0] pos;  // the chain entry this consumer takes
    assign pos                 = drawn_before(draws0, i) + CntWidth'(1);
    assign rand0[i * 32 +: 32] = chain[pos * 32 +: 32];
  end
  assign drawn0 = drawn_before(draws0, NumDraws);

  always_comb begin
    rng_d = rng_q;
    if (seed_we_i) begin
      rng_d = (seed_i != 32'd0) ? seed_i : 32'h9E37_79B9;
    end else if (accept) begin
      rng_d = chain[drawn0 * 32 +: 32];
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

  // Decay tables (read in stage 0, data in stage 1).
  logic [LutWidth-1:0] lut_rdata;
  stdp_lut_mem #(
    .Depth  (LutDepth),
    .Width  (LutWidth),
    .Tables (NumTables)
  ) u_lut (
    .clk_i   (clk_i),
    .we_i    (lut_we_i),
    .waddr_i ({lut_sel_i, lut_addr_i}),
    .wdata_i (lut_wdata_i),
    .re_i    (adv),
    .raddr_i ({dec_table0, lut_index0[LutIdxWidth-1:0]}),
    .rdata_o (lut_rdata)
  );

  // ---------------------------------------------------------------------------------------
  // Stage registers: st_*_q[i] hold the request in stage i + 1.
  logic [NStage-1:0] st_valid_q;
  logic [NStage*OpWidth-1:0] st_op_q;
  logic [NStage*TagWidth-1:0] st_tag_q;
  logic [NStage*DataWidth-1:0] st_weight_q;
  logic [NStage*DataWidth-1:0] st_trace_q;
  logic [NStage*DataWidth-1:0] st_operand_q;
  logic [NStage*UcWidth-1:0] st_uc_q;
  logic [NStage*RandWidth-1:0] st_rand_q;
  logic [NStage-1:0] st_in_table_q;
  logic [NStage*DataWidth-1:0] st_x_q;
  logic [NStage*AccWidth-1:0] st_acc_q;
  logic [NStage-1:0] st_sat_q;

  // What each stage hands to the next.
  logic [NStage*DataWidth-1:0] nx_x;
  logic [NStage*AccWidth-1:0] nx_acc;
  logic [NStage-1:0] nx_sat;

  // ---------------------------------------------------------------------------------------
  // Stage 1: the decay product x = trace * table[delta >> shift]; the terms' accumulators
  // start at their mantissas.
  logic [DataWidth-1:0] dec_round;
  logic [ProdWidth-1:0] dec_prod;
  logic                 dec_ovf, dec_on;
  logic [DecayWidth-1:0] dec_uc;

  assign dec_uc   = st_uc_q[(0) * UcWidth + UcDecayLsb +: DecayWidth];
  assign dec_prod = {{(ProdWidth - DataWidth){st_trace_q[(0) * DataWidth + DataWidth - 1]}}, st_trace_q[(0) * DataWidth +: DataWidth]} *
                    {{(ProdWidth - LutWidth){1'b0}}, lut_rdata};
  learning_engine_round #(
    .InWidth (ProdWidth), .OutWidth (DataWidth), .ShiftWidth (ShiftWidth), .FmtBitsWidth (FmtBitsWidth)
  ) u_round_decay (
    .value_i      (dec_prod),
    .shift_i      (dec_uc[DecayShiftLsb +: ShiftWidth]),
    .mode_i       (dec_uc[DecayRoundLsb +: RoundWidth]),
    .rand_i       (st_rand_q[(0) * RandWidth +: 32]),
    .out_signed_i (dec_uc[DecayFmtLsb + FmtBitsWidth]),
    .out_width_i  (dec_uc[DecayFmtLsb +: FmtBitsWidth]),
    .wrap_i       (dec_uc[DecayWrapLsb]),
    .value_o      (dec_round),
    .overflow_o   (dec_ovf)
  );
  assign dec_on    = dec_uc[DecayEnLsb] && st_in_table_q[0];
  assign nx_x[(0) * DataWidth +: DataWidth]   = dec_on ? dec_round : '0;
  assign nx_sat[0] = dec_on && dec_ovf && dec_uc[DecayFlagsLsb];
  for (genvar t = 0; t < NumTerms; t++) begin : g_acc_init
    logic [MantWidth-1:0] mant;
    assign mant = st_uc_q[(0) * UcWidth + UcTermsLsb + t * TermWidth + TermMantLsb +: MantWidth];
    assign nx_acc[(0) * AccWidth + t * DataWidth +: DataWidth] = {{(DataWidth - MantWidth){mant[MantWidth-1]}}, mant};
  end

  // ---------------------------------------------------------------------------------------
  // Stages 2 .. NumSteps + 1: step s of every term, acc <- round(acc * factor).
  for (genvar s = 0; s < NumSteps; s++) begin : g_step
    localparam int I = s + 1;  // stage index
    logic [NumTerms-1:0] ovf;
    for (genvar t = 0; t < NumTerms; t++) begin : g_term
      logic [StepWidth-1:0] step;
      logic                 on;
      logic [DataWidth-1:0] acc, factor, rounded;
      logic [ProdWidth-1:0] prod;
      logic [RoundWidth-1:0] mode;
      logic                 ovf_raw;
      assign step   = st_uc_q[(I) * UcWidth + UcTermsLsb + t * TermWidth + TermStepsLsb + s * StepWidth +: StepWidth];
      assign on     = st_uc_q[(I) * UcWidth + UcTermsLsb + t * TermWidth + TermEnLsb] && step[StepEnLsb];
      assign acc    = st_acc_q[(I) * AccWidth + t * DataWidth +: DataWidth];
      assign factor = pick(step[StepFactorLsb +: SourceWidth], st_x_q[(I) * DataWidth +: DataWidth], st_trace_q[(I) * DataWidth +: DataWidth], st_weight_q[(I) * DataWidth +: DataWidth],
                           st_operand_q[(I) * DataWidth +: DataWidth], cfg_w_min_i, cfg_w_max_i,
                           st_uc_q[(I) * UcWidth + UcOffsetLsb +: OffsetWidth]);
      assign prod   = {{(ProdWidth - DataWidth){acc[DataWidth-1]}}, acc} *
                      {{(ProdWidth - DataWidth){factor[DataWidth-1]}}, factor};
`ifdef PLASTICORE_ALTER_TERM
      // A deliberately wrong engine (testbench: the altered-term test): term 0's first
      // product rounds nearest_even as floor.
      assign mode = (t == 0 && s == 0 && step[StepRoundLsb +: RoundWidth] == RoundWidth'(3))
                    ? RoundWidth'(0) : step[StepRoundLsb +: RoundWidth];
`else
      assign mode = step[StepRoundLsb +: RoundWidth];
`endif
      learning_engine_round #(
        .InWidth (ProdWidth), .OutWidth (DataWidth), .ShiftWidth (ShiftWidth), .FmtBitsWidth (FmtBitsWidth)
      ) u_round (
        .value_i      (prod),
        .shift_i      (step[StepShiftLsb +: ShiftWidth]),
        .mode_i       (mode),
        .rand_i       (st_rand_q[(I) * RandWidth + (1 + t * NumSteps + s) * 32 +: 32]),
        .out_signed_i (step[StepFmtLsb + FmtBitsWidth]),
        .out_width_i  (step[StepFmtLsb +: FmtBitsWidth]),
        .wrap_i       (step[StepWrapLsb]),
        .value_o      (rounded),
        .overflow_o   (ovf_raw)
      );
      assign nx_acc[(I) * AccWidth + t * DataWidth +: DataWidth] = on ? rounded : acc;
      assign ovf[t] = on && ovf_raw && step[StepFlagsLsb];
    end
    assign nx_x[(I) * DataWidth +: DataWidth]   = st_x_q[(I) * DataWidth +: DataWidth];
    assign nx_sat[I] = st_sat_q[I] || (ovf != '0);
  end

  // ---------------------------------------------------------------------------------------
  // Last stage: target +/- terms, exact; then kept, fitted or clipped.
  localparam int L = NStage - 1;
  logic [UcWidth-1:0]   uc_l;
  logic [SumWidth-1:0]  sum;
  logic [DataWidth-1:0] target, other, fitted, result;
  logic                 fit_ovf, above, below, result_sat, fin_flags;
  logic [1:0]           finish;
  logic [FlagWidth-1:0] flags;

  assign uc_l   = st_uc_q[(L) * UcWidth +: UcWidth];
  assign target = pick(uc_l[UcTargetLsb +: SourceWidth], st_x_q[(L) * DataWidth +: DataWidth], st_trace_q[(L) * DataWidth +: DataWidth], st_weight_q[(L) * DataWidth +: DataWidth],
                       st_operand_q[(L) * DataWidth +: DataWidth], cfg_w_min_i, cfg_w_max_i, uc_l[UcOffsetLsb +: OffsetWidth]);
  assign other  = pick(uc_l[UcOtherLsb +: SourceWidth], st_x_q[(L) * DataWidth +: DataWidth], st_trace_q[(L) * DataWidth +: DataWidth], st_weight_q[(L) * DataWidth +: DataWidth],
                       st_operand_q[(L) * DataWidth +: DataWidth], cfg_w_min_i, cfg_w_max_i, uc_l[UcOffsetLsb +: OffsetWidth]);

  // Target +/- the enabled terms.
  function automatic logic [SumWidth-1:0] add_terms(
    input logic [SumWidth-1:0]          start,
    input logic [NumTerms*SumWidth-1:0] values,
    input logic [NumTerms-1:0]          enabled,
    input logic [NumTerms-1:0]          subtract
  );
    add_terms = start;
    for (int t = 0; t < NumTerms; t++) begin
      if (enabled[t]) begin
        add_terms = subtract[t] ? add_terms - values[t * SumWidth +: SumWidth]
                                : add_terms + values[t * SumWidth +: SumWidth];
      end
    end
  endfunction

  logic [NumTerms*SumWidth-1:0] term_values;
  logic [NumTerms-1:0]          term_en, term_sub;
  for (genvar t = 0; t < NumTerms; t++) begin : g_sum
    logic [TermWidth-1:0] term;
    logic [MantWidth-1:0] mant;
    logic [DataWidth-1:0] acc;
    assign term     = uc_l[UcTermsLsb + t * TermWidth +: TermWidth];
    assign mant     = term[TermMantLsb +: MantWidth];
    assign acc      = st_acc_q[(L) * AccWidth + t * DataWidth +: DataWidth];
    assign term_en[t]  = term[TermEnLsb];
    assign term_sub[t] = term[TermSubLsb];
    // With no product the term is its scale, mantissa * 2^align, exact.
    assign term_values[t * SumWidth +: SumWidth] =
      term[TermStepsLsb + StepEnLsb]
        ? {{(SumWidth - DataWidth){acc[DataWidth-1]}}, acc}
        : {{(SumWidth - MantWidth){mant[MantWidth-1]}}, mant} << term[TermAlignLsb +: ShiftWidth];
  end
  assign sum = add_terms({{(SumWidth - DataWidth){target[DataWidth-1]}}, target}, term_values, term_en, term_sub);

  learning_engine_round #(
    .InWidth (SumWidth), .OutWidth (DataWidth), .ShiftWidth (ShiftWidth), .FmtBitsWidth (FmtBitsWidth)
  ) u_fit (
    .value_i      (sum),
    .shift_i      (ShiftWidth'(0)),
    .mode_i       (RoundWidth'(RoundExact)),
    .rand_i       (32'd0),
    .out_signed_i (uc_l[UcFinFmtLsb + FmtBitsWidth]),
    .out_width_i  (uc_l[UcFinFmtLsb +: FmtBitsWidth]),
    .wrap_i       (uc_l[UcFinWrapLsb]),
    .value_o      (fitted),
    .overflow_o   (fit_ovf)
  );

  assign finish    = uc_l[UcFinishLsb +: FinishWidth];
  assign fin_flags = uc_l[UcFinFlagsLsb];
  assign above  = $signed(sum) > $signed({{(SumWidth - DataWidth){cfg_w_max_i[DataWidth-1]}}, cfg_w_max_i});
  assign below  = $signed(sum) < $signed({{(SumWidth - DataWidth){cfg_w_min_i[DataWidth-1]}}, cfg_w_min_i});

  logic [DataWidth-1:0] sum_low;
  logic                 sat_l, clip_max, clip_min;
  assign sum_low = sum[DataWidth-1:0];
  assign sat_l   = st_sat_q[L];
  always_comb begin
    result     = sum_low;
    result_sat = sat_l;
    clip_max   = 1'b0;
    clip_min   = 1'b0;
    if (finish == FinishWidth'(FinishKeep)) begin
      result     = sum_low;
    end else if (finish == FinishWidth'(FinishFit)) begin
      result     = fitted;
      result_sat = sat_l || (fit_ovf && fin_flags);
    end else if (finish == FinishWidth'(FinishClip)) begin
      if (above) begin
        result   = cfg_w_max_i;
        clip_max = 1'b1;
      end else if (below) begin
        result   = cfg_w_min_i;
        clip_min = 1'b1;
      end
    end
  end
  assign flags = {result_sat, clip_min, clip_max};

  // Read by no stage: the last stage's generator outputs and table flag, stage 0's (cleared)
  // trace and accumulators.
  logic unused_stage_bits;
  assign unused_stage_bits = ^{st_rand_q[L * RandWidth +: RandWidth], st_in_table_q[L], st_x_q[0 +: DataWidth],
                               st_acc_q[0 +: AccWidth]};
  logic unused_sum_hi;
  assign unused_sum_hi = ^{sum[SumWidth-1:DataWidth], nx_x[(L) * DataWidth +: DataWidth], nx_acc[(L) * AccWidth +: AccWidth], nx_sat[L]};
  assign nx_x[(L) * DataWidth +: DataWidth]   = '0;
  assign nx_acc[(L) * AccWidth +: AccWidth] = '0;
  assign nx_sat[L] = 1'b0;

  // ---------------------------------------------------------------------------------------
  // Pipeline registers: valid bits reset, data registers do not.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_valid_q  <= '0;
      out_valid_q <= 1'b0;
    end else if (adv) begin
      st_valid_q  <= {st_valid_q[NStage-2:0], req_valid_i};
      out_valid_q <= st_valid_q[L];
    end
  end

  logic [OpWidth-1:0]   out_op_q;
  logic [TagWidth-1:0]  out_tag_q;
  logic [DataWidth-1:0] out_weight_q, out_value_q;
  logic [FlagWidth-1:0] out_flags_q;
  logic [AccWidth-1:0]  out_terms_q, terms_l;
  for (genvar t = 0; t < NumTerms; t++) begin : g_terms_out
    assign terms_l[t * DataWidth +: DataWidth] = term_values[t * SumWidth +: DataWidth];
  end

  always_ff @(posedge clk_i) begin
    if (adv) begin
      // Every stage moves up by one; stage 0 takes the request.
      st_op_q       <= {st_op_q[0 +: (NStage - 1) * OpWidth], req_op_i};
      st_tag_q      <= {st_tag_q[0 +: (NStage - 1) * TagWidth], req_tag_i};
      st_weight_q   <= {st_weight_q[0 +: (NStage - 1) * DataWidth], req_weight_i};
      st_trace_q    <= {st_trace_q[0 +: (NStage - 1) * DataWidth], req_trace_i};
      st_operand_q  <= {st_operand_q[0 +: (NStage - 1) * DataWidth], req_operand_i};
      st_uc_q       <= {st_uc_q[0 +: (NStage - 1) * UcWidth], uc0};
      st_rand_q     <= {st_rand_q[0 +: (NStage - 1) * RandWidth], rand0};
      st_in_table_q <= {st_in_table_q[NStage-2:0], in_table0};
      st_x_q        <= {nx_x[0 +: (NStage - 1) * DataWidth], {DataWidth{1'b0}}};
      st_acc_q      <= {nx_acc[0 +: (NStage - 1) * AccWidth], {AccWidth{1'b0}}};
      st_sat_q      <= {nx_sat[NStage-2:0], 1'b0};
      out_op_q     <= st_op_q[(L) * OpWidth +: OpWidth];
      out_tag_q    <= st_tag_q[(L) * TagWidth +: TagWidth];
      out_weight_q <= (uc_l[UcResultLsb] == 1'(ResultWeight)) ? result : other;
      out_value_q  <= (uc_l[UcResultLsb] == 1'(ResultValue)) ? result : other;
      out_flags_q  <= flags;
      out_terms_q  <= terms_l;
    end
  end

  assign resp_valid_o  = out_valid_q;
  assign resp_op_o     = out_op_q;
  assign resp_weight_o = out_weight_q;
  assign resp_value_o  = out_value_q;
  assign resp_flags_o  = out_flags_q;
  assign resp_tag_o    = out_tag_q;
  assign resp_terms_o  = out_terms_q;

`ifndef SYNTHESIS
  // ---------------------------------------------------------------------------------------
  // Handshake assertions (checked in Verilator simulation with --assert): a response not
  // taken stays valid with the same payload; a request not accepted stays valid with the same
  // payload (the requester's promise).
  localparam int RespBits = OpWidth + 2 * DataWidth + FlagWidth + TagWidth + AccWidth;
  localparam int ReqBits  = OpWidth + TableSelWidth + 3 * DataWidth + DeltaWidth + TagWidth;
  logic                resp_stall_q, req_stall_q;
  logic [RespBits-1:0] resp_payload, resp_payload_q;
  logic [ReqBits-1:0]  req_payload, req_payload_q;
  assign resp_payload = {resp_op_o, resp_weight_o, resp_value_o, resp_flags_o, resp_tag_o, resp_terms_o};
  assign req_payload  = {req_op_i, req_table_i, req_weight_i, req_trace_i, req_operand_i, req_delta_i, req_tag_i};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      resp_stall_q <= 1'b0;
      req_stall_q  <= 1'b0;
    end else begin
      resp_stall_q <= resp_valid_o && !resp_ready_i;
      req_stall_q  <= req_valid_i && !req_ready_o;
    end
  end
  always_ff @(posedge clk_i) begin
    resp_payload_q <= resp_payload;
    req_payload_q  <= req_payload;
  end
  always @(posedge clk_i) begin
    if (resp_stall_q) begin
      assert (resp_valid_o);
      assert (resp_payload == resp_payload_q);
    end
    if (req_stall_q) begin
      assert (req_valid_i);
      assert (req_payload == req_payload_q);
    end
  end
`endif

endmodule
