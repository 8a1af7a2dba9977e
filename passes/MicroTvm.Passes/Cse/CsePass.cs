using MicroTvm.Passes.Rewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Common-subexpression elimination, one forward walk per graph. Each node, its operands already
/// renamed to the surviving values, is looked up in a table keyed by <see cref="NodeKey"/>: op,
/// operands, attributes with defaults filled in (a constant's contents are its <c>value</c>
/// attribute, compared by <see cref="TensorData"/> equality) and result types. A hit computes
/// what the earlier node computes: its results are replaced by the earlier node's, and later uses
/// are renamed accordingly. A duplicate that is a graph output hands its name to the kept
/// value; when both are graph outputs both nodes stay.
/// </summary>
[Pass(
    "cse",
    "merge nodes that compute the same value",
    Description = "Merges nodes with the same op, the same operands, equal attributes (default values count as set) and "
        + "equal result types; constants merge when their contents are equal. Uses of a removed node's results are "
        + "renamed to the kept node's. Graph outputs keep their names: the kept value takes a removed output's name.")]
public sealed class CsePass : Pass
{
    [PassStatistic("num-eliminated", "nodes merged into an earlier equal node")]
    public PassStatistic NumEliminated { get; } = new();

    public override Module Run(Module module, PassContext context) =>
        module.WithGraphs([.. module.Graphs.Select(EliminateInGraph)]);

    private Graph EliminateInGraph(Graph graph)
    {
        var rewriter = new GraphRewriter(graph);
        var table = new Dictionary<NodeKey, Node>();
        foreach (var original in graph.Nodes)
        {
            var node = rewriter.WithResolvedOperands(original);
            var key = new NodeKey(node);
            if (table.TryGetValue(key, out var earlier)
                && node.Results.Select((r, i) => rewriter.CanReplace(r.Name, earlier.Results[i].Name)).All(can => can))
            {
                for (var i = 0; i < node.Results.Length; i++)
                {
                    rewriter.Replace(node.Results[i].Name, earlier.Results[i].Name);
                }

                NumEliminated.Increment();
                continue;
            }

            table.TryAdd(key, node);
            rewriter.Emit(node);
        }

        return rewriter.Build();
    }
}
