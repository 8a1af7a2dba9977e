using MicroTvm.IR.Interpretation;
using MicroTvm.Passes.Rewriting;

namespace MicroTvm.Passes;

/// <summary>Steps 1 and 2: choose the foldable nodes, then replace each by constants the interpreter computes.</summary>
public sealed partial class FoldConstantsPass
{
    private Graph FoldConstantNodes(Graph graph)
    {
        var foldable = ChooseFoldable(graph);
        var rewriter = new GraphRewriter(graph);
        for (var n = 0; n < graph.Nodes.Length; n++)
        {
            var node = graph.Nodes[n];
            var constants = foldable[n] ? Evaluate(node, rewriter) : default;
            if (constants.IsDefault)
            {
                rewriter.Emit(node);
                continue;
            }

            foreach (var constant in constants)
            {
                rewriter.Emit(constant);
            }

            NumFolded.Increment();
            rewriter.MarkChanged();
        }

        return rewriter.Build();
    }

    private bool[] ChooseFoldable(Graph graph)
    {
        var pinned = new HashSet<int>();
        while (true)
        {
            var foldable = Foldable(graph, pinned);
            var pins = Enumerable.Range(0, graph.Nodes.Length).Where(n => foldable[n] && MustStayDequantize(graph, n, foldable)).ToList();
            if (pins.Count == 0)
            {
                return foldable;
            }

            pinned.UnionWith(pins);
        }
    }

    private bool[] Foldable(Graph graph, HashSet<int> pinned)
    {
        var foldable = new bool[graph.Nodes.Length];
        for (var n = 0; n < graph.Nodes.Length; n++)
        {
            var node = graph.Nodes[n];
            foldable[n] = !IsConstant(node)
                && !pinned.Contains(n)
                && node.Operands.Any(o => o.Length > 0)
                && node.Results.All(r => r.Type.ByteSize <= MaxBytes.Bytes)
                && node.Operands.All(o => o.Length == 0 || graph.Index.ProducerIndex(o) is var p && p >= 0 && (foldable[p] || IsConstant(graph.Nodes[p])));
        }

        return foldable;
    }

    /// <summary>A foldable dequantize whose float value would outlive the folding: a graph output or an operand of a node that stays.</summary>
    private static bool MustStayDequantize(Graph graph, int n, bool[] foldable)
    {
        var node = graph.Nodes[n];
        return ReferenceEquals(node.Op, Ops.Dequantize)
            && node.Results.Any(r => graph.Index.Uses(r.Name).Any(use => use.IsGraphOutput || !foldable[use.NodeIndex]));
    }

    /// <summary>One constant node per result, computed by the interpreter; default when the interpreter cannot run the node.</summary>
    private static ImmutableArray<Node> Evaluate(Node node, GraphRewriter rewriter)
    {
        var nodes = ImmutableArray.CreateBuilder<Node>();
        foreach (var operand in node.Operands.Where(o => o.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (rewriter.ConstantValue(operand) is not { } data)
            {
                return default;
            }

            nodes.Add(ConstantNode(new Value(operand, data.Type), data, location: null));
        }

        nodes.Add(node);
        var module = new Module([new Graph("fold", [], nodes.ToImmutable(), [.. node.Results.Select(r => r.Name)])]);
        var run = Interpreter.Run(module, ImmutableDictionary<string, TensorData>.Empty);
        if (!run.Succeeded)
        {
            return default;
        }

        var constants = ImmutableArray.CreateBuilder<Node>(node.Results.Length);
        foreach (var result in node.Results)
        {
            var data = run.Outputs[result.Name];
            if (data.Type.ElementType != result.Type.ElementType || data.Bytes.Length != result.Type.ByteSize)
            {
                return default;
            }

            constants.Add(ConstantNode(result, new TensorData(result.Type, data.Bytes), node.Location));
        }

        return constants.MoveToImmutable();
    }

    private static Node ConstantNode(Value result, TensorData data, SourceLocation? location) =>
        new(Ops.Constant, [], [result], ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal).Add("value", new TensorAttribute(data)), location);
}
