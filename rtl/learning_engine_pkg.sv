// Shared types and widths of the learning engine (learning_engine.sv; docs/rtl.md, "The
// learning engine"). Every `localparam int NAME = expression;` line below is also read by
// rtl/CMakeLists.txt into the generated C++ header learning_engine_pkg.hpp (expressions of
// literals, names above them, + and * only), so the C++ microcode encoder and this package
// cannot disagree.
package learning_engine_pkg;

  // Datapath.
  localparam int DataWidth     = 64;  // every operand, product result and sum, two's complement
                                      // (the exact K' x of the Hebbian rules needs 52 at the reference widths)
  localparam int OpWidth       = 5;   // synapse_op codes (model/fixed/plasticity/transaction.hpp)
  localparam int TableSelWidth = 2;   // the request's table field: microprograms per operation
                                      // (microcode.hpp: table_variants)
  localparam int OpSlots       = 128; // microprogram memory entries, address {table, op}: 2^(OpWidth + TableSelWidth)
  localparam int FlagWidth     = 3;   // 1 clipped at w_max, 2 clipped at w_min, 4 saturated
  localparam int NumTerms      = 2;   // terms per microprogram (the triplet gain A2 + A3 x and Oja's
                                      // update, K' x y - K y y w, have two)
  localparam int NumSteps      = 3;   // products per term (Oja's K y y w has three)
  localparam int NumTables     = 8;   // decay tables (reward-modulated STDP has five: x_pre, x_post, c, d, D)
  localparam int LutWidth      = 24;  // decay-table entry bits: u1.f factors, f <= 23 (the traces' u1.15 at
                                      // the reference widths, the default modulator's u1.16)
  localparam int NumDraws      = 1 + NumTerms * NumSteps;  // generator steps per request, at most

  // Field widths.
  localparam int SourceWidth   = 4;
  localparam int RoundWidth    = 3;
  localparam int ShiftWidth    = 7;   // signed: bits a rounding discards, < 0 an exact left shift
  localparam int FmtBitsWidth  = 7;   // a format's width in bits, 1 .. DataWidth - 1
  localparam int FmtWidth      = 1 + FmtBitsWidth;  // {signed, width}
  localparam int MantWidth     = 40;  // a term's signed scale mantissa
  localparam int FinishWidth   = 2;
  localparam int TableWidth    = 3;   // a decay table's number: NumTables = 2^TableWidth
  localparam int OffsetWidth   = 32;  // signed: the microprogram's offset (x - offset) [trace format]

  // Sources (microcode.hpp: source).
  localparam int SrcZero        = 0;
  localparam int SrcDecayed     = 1;
  localparam int SrcTrace       = 2;
  localparam int SrcWeight      = 3;
  localparam int SrcWMaxMinusW  = 4;
  localparam int SrcWMinusWMin  = 5;
  localparam int SrcOperand     = 6;
  localparam int SrcXMinusOffset = 7;  // x - the microprogram's offset, exact (inhibitory STDP's x - alpha)
  localparam int SrcOperandMinusTrace = 8;  // operand - trace, exact (BCM's y - Theta and T - Theta)
  localparam int SrcTraceMinusDecayed = 9;  // trace - x, exact (reward-modulated STDP's D - D(delta))

  // Roundings 0-4 are fixed_point::rounding; 5 exact (no rounding, no draw).
  localparam int RoundStochastic = 4;
  localparam int RoundExact      = 5;

  // Finish kinds and result fields.
  localparam int FinishKeep  = 0;
  localparam int FinishFit   = 1;
  localparam int FinishClip  = 2;
  localparam int ResultWeight = 0;
  localparam int ResultValue  = 1;

  // A product step, LSB first: enable, factor, shift, format, wrap, rounding, flags.
  localparam int StepEnLsb     = 0;
  localparam int StepFactorLsb = 1;
  localparam int StepShiftLsb  = StepFactorLsb + SourceWidth;
  localparam int StepFmtLsb    = StepShiftLsb + ShiftWidth;
  localparam int StepWrapLsb   = StepFmtLsb + FmtWidth;
  localparam int StepRoundLsb  = StepWrapLsb + 1;
  localparam int StepFlagsLsb  = StepRoundLsb + RoundWidth;
  localparam int StepWidth     = StepFlagsLsb + 1;

  // A term: enable, subtract, mantissa, align (the scale's left shift when it has no step),
  // then its steps.
  localparam int TermEnLsb     = 0;
  localparam int TermSubLsb    = 1;
  localparam int TermMantLsb   = 2;
  localparam int TermAlignLsb  = TermMantLsb + MantWidth;
  localparam int TermStepsLsb  = TermAlignLsb + ShiftWidth;
  localparam int TermWidth     = TermStepsLsb + NumSteps * StepWidth;

  // The decay stage: enable, table, shift, format, wrap, rounding, flags.
  localparam int DecayEnLsb    = 0;
  localparam int DecayTableLsb = 1;
  localparam int DecayShiftLsb = DecayTableLsb + TableWidth;
  localparam int DecayFmtLsb   = DecayShiftLsb + ShiftWidth;
  localparam int DecayWrapLsb  = DecayFmtLsb + FmtWidth;
  localparam int DecayRoundLsb = DecayWrapLsb + 1;
  localparam int DecayFlagsLsb = DecayRoundLsb + RoundWidth;
  localparam int DecayWidth    = DecayFlagsLsb + 1;

  // A microprogram word: decay stage, target, other, result field, finish, offset, terms.
  localparam int UcDecayLsb    = 0;
  localparam int UcTargetLsb   = DecayWidth;
  localparam int UcOtherLsb    = UcTargetLsb + SourceWidth;
  localparam int UcResultLsb   = UcOtherLsb + SourceWidth;
  localparam int UcFinishLsb   = UcResultLsb + 1;
  localparam int UcFinFmtLsb   = UcFinishLsb + FinishWidth;
  localparam int UcFinWrapLsb  = UcFinFmtLsb + FmtWidth;
  localparam int UcFinFlagsLsb = UcFinWrapLsb + 1;
  localparam int UcOffsetLsb   = UcFinFlagsLsb + 1;
  localparam int UcTermsLsb    = UcOffsetLsb + OffsetWidth;
  localparam int UcWidth       = UcTermsLsb + NumTerms * TermWidth;

endpackage
