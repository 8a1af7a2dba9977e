namespace MicroTvm.Passes;

/// <summary>
/// Moves the transposes an NCHW import leaves around every layout-sensitive op until they cancel,
/// so that an ONNX CNN runs NHWC end to end with transposes only at its interface:
/// <code>
///   x ─T→ conv ─T⁻¹→ add(c) → relu ─T→ pool ─T⁻¹→ reshape → matmul(W)
///   x ─T→ conv → add(c') → relu → pool → reshape → matmul(W')      (c', W' re-laid out now)
/// </code>
/// Rewrites, repeated until none applies (or <c>max-iterations</c> rounds):
/// fold a transpose of a constant; compose transpose chains (dropping identities); merge equal
/// transposes of one value; sink a transpose below a layout-agnostic op (elementwise, broadcast
/// with constants or equally transposed operands, quantize/dequantize/requantize, and concat,
/// split, pad, softmax, keep-dims reductions and slices with their axes remapped) when that adds
/// no transpose; hoist a transpose above a tree of such ops when every leaf is a constant, a
/// cancelling transpose or a graph input; and absorb a transpose before a flattening reshape into
/// the constant weights of the matmul or fully_connected that reads it. Transposes of graph inputs
/// are never sunk, so sinking and hoisting cannot undo each other. Last, a transpose that moves
/// no data (only extent-1 dimensions move) becomes a reshape, and chained reshapes merge.
/// Reshapes are otherwise barriers: a transpose is not moved through one.
/// </summary>
[Pass(
    "convert-layout",
    "run NCHW models NHWC with the fewest transposes",
    Description = "Sinks, hoists, composes and cancels the transposes the ONNX importer puts around layout-sensitive ops, "
        + "re-laying out constants (weights, broadcast operands) at compile time, until at most one transpose is left at each "
        + "graph input and output whose layout the model's interface fixes. Axes of concat, split, pad, softmax, reductions and "
        + "slices are remapped; a transpose that only moves extent-1 dimensions becomes a reshape.")]
public sealed class ConvertLayoutPass : Pass
{
    [PassOption("max-iterations", "rounds of sink, hoist and flatten rewrites at most")]
    public int MaxIterations { get; set; } = 16;

    [PassStatistic("num-transposes-before", "transposes in the input")]
    public PassStatistic NumTransposesBefore { get; } = new();

    [PassStatistic("num-transposes-after", "transposes in the output")]
    public PassStatistic NumTransposesAfter { get; } = new();

    [PassStatistic("num-constants-relaid", "constants re-laid out at compile time")]
    public PassStatistic NumConstantsRelaid { get; } = new();

    public override Module Run(Module module, PassContext context) =>
        module.WithGraphs([.. module.Graphs.Select(ConvertGraph)]);

    private Graph ConvertGraph(Graph graph)
    {
        NumTransposesBefore.Add(CountTransposes(graph));
        var rewriter = new LayoutRewriter(new LayoutWorkspace(graph));
        var converted = rewriter.Run(MaxIterations);
        NumConstantsRelaid.Add(rewriter.ConstantsRelaid);
        NumTransposesAfter.Add(CountTransposes(converted));
        return converted.Nodes.SequenceEqual(graph.Nodes) ? graph : converted;
    }

    private static int CountTransposes(Graph graph) => graph.Nodes.Count(n => ReferenceEquals(n.Op, Ops.Transpose));
}
