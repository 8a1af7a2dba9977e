namespace MicroTvm.Passes;

/// <summary>
/// Removes the nodes none of whose results reach a graph output. One backward walk per graph:
/// a value is live when it is a graph output or an operand of a live node; a node is live when
/// one of its results is. Graph inputs stay even when unused: they are the model's interface.
/// </summary>
[Pass(
    "eliminate-dead-code",
    "remove nodes whose results reach no graph output",
    Description = "Erases every node whose results are neither graph outputs nor used, directly or transitively, "
        + "by a node that computes an output. Graph inputs are kept even when unused.")]
public sealed class EliminateDeadCodePass : Pass
{
    [PassStatistic("num-erased", "nodes removed")]
    public PassStatistic NumErased { get; } = new();

    public override Module Run(Module module, PassContext context) =>
        module.WithGraphs([.. module.Graphs.Select(EliminateInGraph)]);

    private Graph EliminateInGraph(Graph graph)
    {
        var live = new HashSet<string>(graph.Outputs, StringComparer.Ordinal);
        var keep = new bool[graph.Nodes.Length];
        var erased = 0;
        for (var n = graph.Nodes.Length - 1; n >= 0; n--)
        {
            var node = graph.Nodes[n];
            keep[n] = node.Results.Any(result => live.Contains(result.Name));
            if (!keep[n])
            {
                erased++;
                continue;
            }

            foreach (var operand in node.Operands)
            {
                if (operand.Length > 0)
                {
                    live.Add(operand);
                }
            }
        }

        if (erased == 0)
        {
            return graph;
        }

        NumErased.Add(erased);
        return graph.WithNodes([.. graph.Nodes.Where((_, n) => keep[n])]);
    }
}
