using MicroTvm.Passes.Rewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Constant folding and batch-norm folding, per graph, in three steps:
/// <code>
///  1. choose   forward: a node is foldable when every operand is a constant or a foldable node's
///              result and every result fits in max-bytes. Then, to a fixpoint: a foldable
///              dequantize whose value reaches a graph output or a non-foldable user is pinned
///              (a quantized weight feeding float code stays quantized in memory) and the
///              choice is recomputed, which un-folds its users too.
///  2. fold     forward: each chosen node is run by the reference interpreter on its constant
///              operands and replaced by one constant per result, same name, same (quantized) type.
///  3. batch    forward, for a batch_norm with constant f32 scale γ, bias β, mean μ, variance σ²,
///     norms    k = γ / √(σ² + ε) per channel:
///                conv | depthwise_conv | fully_connected  (activation none, constant f32 weights,
///                (x, w, b?) ──► batch_norm               result used by the batch_norm only)
///                  ══► same op (x, w·k per output channel, (b − μ)·k + β)
///                any other producer: x ──► batch_norm  ══►  add(mul(x, k), β − μ·k)
///              the replacement produces the batch_norm's result, under its name.
/// </code>
/// Constants left without users are erased. Float folding is the interpreter's own arithmetic,
/// so it is exact; batch-norm folding reassociates float arithmetic (last-bit differences).
/// </summary>
[Pass(
    "fold-constants",
    "evaluate nodes whose operands are constants; fold batch norms into the preceding conv",
    Description = "Replaces every node whose operands are all constants by constants computed with the reference "
        + "interpreter (quantized results keep their quantization), unless a result would exceed max-bytes. "
        + "A dequantize of a constant stays when its value is used by float code that does not fold entirely. "
        + "A batch_norm with constant f32 parameters is folded into the weights and bias of a preceding conv, "
        + "depthwise_conv or fully_connected that has no fused activation, constant f32 weights and no other user "
        + "(a bias is created when absent); otherwise it becomes a mul and an add with constants.")]
public sealed partial class FoldConstantsPass : Pass
{
    [PassOption("max-bytes", "do not fold a node any of whose results would be larger than this")]
    public ByteSize MaxBytes { get; set; } = new(1L << 20);

    [PassStatistic("num-folded", "nodes replaced by constants")]
    public PassStatistic NumFolded { get; } = new();

    [PassStatistic("num-batch-norms-folded", "batch_norms folded into the weights of their producer")]
    public PassStatistic NumBatchNormsFolded { get; } = new();

    [PassStatistic("num-batch-norms-decomposed", "batch_norms rewritten as a mul and an add with constants")]
    public PassStatistic NumBatchNormsDecomposed { get; } = new();

    public override Module Run(Module module, PassContext context) =>
        module.WithGraphs([.. module.Graphs.Select(FoldGraph)]);

    private Graph FoldGraph(Graph graph)
    {
        var folded = FoldBatchNorms(FoldConstantNodes(graph));
        return ReferenceEquals(folded, graph)
            ? graph
            : UnusedNodes.Erase(folded, node => ReferenceEquals(node.Op, Ops.Constant), out _);
    }

    private static bool IsConstant(Node node) => ReferenceEquals(node.Op, Ops.Constant);

    /// <summary>The contents of <paramref name="value"/> when a constant node of <paramref name="graph"/> produces it.</summary>
    private static TensorData? ConstantOf(Graph graph, string value) =>
        value.Length > 0 && graph.Index.Producer(value) is { } producer && IsConstant(producer) ? producer.GetTensor("value") : null;
}
