// The trace-decay lookup tables of the STDP unit and the learning engine: Tables tables of
// Depth entries of Width bits in one memory (address = {table, entry}), one synchronous write port for the host and
// one synchronous read port for the datapath. A real implementation maps this to an SRAM;
// the contents are configuration and have no reset.
module stdp_lut_mem #(
  parameter int Depth   = 4096,
  parameter int Width   = 16,
  parameter int Tables  = 2,  // a power of two
  parameter int AddrWidth = $clog2(Depth) + $clog2(Tables)  // derived: table bits + entry index
) (
  input  logic                 clk_i,
  input  logic                 we_i,
  input  logic [AddrWidth-1:0] waddr_i,
  input  logic [Width-1:0]     wdata_i,
  input  logic                 re_i,
  input  logic [AddrWidth-1:0] raddr_i,
  output logic [Width-1:0]     rdata_o
);

  logic [Width-1:0] mem_q [Tables*Depth];
  logic [Width-1:0] rdata_q;

  always_ff @(posedge clk_i) begin
    if (we_i) begin
      mem_q[waddr_i] <= wdata_i;
    end
  end

  always_ff @(posedge clk_i) begin
    if (re_i) begin
      rdata_q <= mem_q[raddr_i];
    end
  end

  assign rdata_o = rdata_q;

endmodule
