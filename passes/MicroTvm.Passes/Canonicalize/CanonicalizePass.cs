using MicroTvm.Passes.Rewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Local rewrites to a fixpoint. One iteration is a forward walk over the nodes (operands already
/// rewritten, since nodes are in topological order); at each node the rules apply until none does:
/// <code>
///   add(x, -0) · add(-0, x) · sub(x, +0) · mul(x, 1) · mul(1, x) · div(x, 1)   ══► x
///       (splat constants, not quantized, no fused activation, result type = type of x;
///        with no-signed-zeros also add(x, +0) and sub(x, -0), which turn -0 into +0)
///   squeeze(x) · expand_dims(x)                 ══► reshape(x)       (the canonical form)
///   reshape(reshape(x))                         ══► reshape(x)
///   reshape(x) to the type of x                 ══► x
///   transpose(transpose(x, p), q)               ══► transpose(x, i ↦ p[q[i]])
///   transpose(x, identity)                      ══► x
///   quantize(dequantize(q)) to the type of q    ══► q   (8- and 16-bit, normal scales: exact)
///   requantize(q) · quantize(q) to the type of q ══► q  (8- and 16-bit: the multiplier is exactly 1)
/// </code>
/// A new node is kept only if type inference gives exactly its declared result types. When a
/// replaced result is a graph output, the replacing value takes the output's name (the rule is
/// skipped when it cannot: the replacement is a graph input or another output). After each walk,
/// nodes whose results are unused are erased (ops have no side effects). The walk repeats until
/// nothing changes or max-iterations walks have run.
/// </summary>
[Pass(
    "canonicalize",
    "algebraic identities, reshape and transpose chains, redundant (re)quantization",
    Description = "Removes exact algebraic identities (x+(-0), x-0, x*1, x/1 with splat constants, never on quantized tensors), "
        + "rewrites squeeze and expand_dims as reshape (the canonical form of every reshape-like op), merges chains of "
        + "reshapes and of transposes (composing permutations), removes reshapes to the same shape and identity transposes, "
        + "and removes dequantize→quantize and requantize round trips to an identical 8- or 16-bit quantization. "
        + "Unused nodes are erased. Rewrites repeat to a fixpoint, at most max-iterations times.")]
public sealed partial class CanonicalizePass : Pass
{
    [PassOption("max-iterations", "the most rewriting walks over a graph")]
    public int MaxIterations { get; set; } = 10;

    [PassOption("no-signed-zeros", "treat -0.0 like +0.0: also remove x + 0.0 and x - (-0.0)")]
    public bool NoSignedZeros { get; set; }

    [PassStatistic("num-identities", "algebraic identities removed")]
    public PassStatistic NumIdentities { get; } = new();

    [PassStatistic("num-reshape-forms", "squeeze and expand_dims rewritten as reshape")]
    public PassStatistic NumReshapeForms { get; } = new();

    [PassStatistic("num-reshapes-merged", "reshapes of reshapes merged")]
    public PassStatistic NumReshapesMerged { get; } = new();

    [PassStatistic("num-noop-reshapes", "reshapes to the same shape removed")]
    public PassStatistic NumNoopReshapes { get; } = new();

    [PassStatistic("num-transposes-merged", "transposes of transposes merged")]
    public PassStatistic NumTransposesMerged { get; } = new();

    [PassStatistic("num-identity-transposes", "identity transposes removed")]
    public PassStatistic NumIdentityTransposes { get; } = new();

    [PassStatistic("num-quantize-round-trips", "quantize(dequantize(q)) to the same quantization removed")]
    public PassStatistic NumQuantizeRoundTrips { get; } = new();

    [PassStatistic("num-requantizes", "requantizes to the same quantization removed")]
    public PassStatistic NumRequantizes { get; } = new();

    [PassStatistic("num-erased", "unused nodes erased")]
    public PassStatistic NumErased { get; } = new();

    [PassStatistic("num-iterations", "rewriting walks run")]
    public PassStatistic NumIterations { get; } = new();

    public override Module Run(Module module, PassContext context) =>
        module.WithGraphs([.. module.Graphs.Select(CanonicalizeGraph)]);

    private Graph CanonicalizeGraph(Graph graph)
    {
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            NumIterations.Increment();
            var rewritten = UnusedNodes.Erase(Walk(graph), _ => true, out var erased);
            NumErased.Add(erased);
            if (ReferenceEquals(rewritten, graph))
            {
                break;
            }

            graph = rewritten;
        }

        return graph;
    }

    private Graph Walk(Graph graph)
    {
        var rewriter = new GraphRewriter(graph);
        foreach (var original in graph.Nodes)
        {
            var node = rewriter.WithResolvedOperands(original);
            var replaced = false;
            for (var rewrite = Rewrite(node, rewriter); rewrite.Applied; rewrite = Rewrite(node, rewriter))
            {
                rewrite.Counter?.Increment();
                if (rewrite.Replacement is { } replacement)
                {
                    rewriter.Replace(node.Result.Name, replacement);
                    replaced = true;
                    break;
                }

                node = rewrite.Node!;
                rewriter.MarkChanged();
            }

            if (!replaced)
            {
                rewriter.Emit(node);
            }
        }

        return rewriter.Build();
    }

    private CanonicalRewrite Rewrite(Node node, GraphRewriter rewriter)
    {
        if (node.Results.Length != 1 || node.Operands.Length == 0 || node.Operands[0].Length == 0)
        {
            return CanonicalRewrite.None;
        }

        var op = node.Op;
        var rewrite =
            op == Ops.Add || op == Ops.Sub || op == Ops.Mul || op == Ops.Div ? Identity(node, rewriter)
            : op == Ops.Squeeze || op == Ops.ExpandDims ? AsReshape(node, rewriter)
            : op == Ops.Reshape ? Reshape(node, rewriter)
            : op == Ops.Transpose ? Transpose(node, rewriter)
            : op == Ops.Quantize ? Quantize(node, rewriter)
            : op == Ops.Requantize ? Requantize(node, rewriter)
            : CanonicalRewrite.None;
        return rewrite.Replacement is { } replacement && !rewriter.CanReplace(node.Result.Name, replacement)
            ? CanonicalRewrite.None
            : rewrite;
    }

    /// <summary>Replacing the node's result by <paramref name="value"/> is sound only when the types agree exactly.</summary>
    private static bool SameType(GraphRewriter rewriter, string value, Node node) =>
        rewriter.TypeOf(value) is { } type && type.Equals(node.Result.Type);
}
