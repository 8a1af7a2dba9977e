namespace MicroTvm.Passes.Rewriting;

/// <summary>
/// Erases the nodes a predicate allows to go when none of their results reaches a graph output:
/// one backward walk, a value being live when it is an output or an operand of a kept node.
/// </summary>
public static class UnusedNodes
{
    public static Graph Erase(Graph graph, Func<Node, bool> erasable, out int erased)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(erasable);
        var live = new HashSet<string>(graph.Outputs, StringComparer.Ordinal);
        var keep = new bool[graph.Nodes.Length];
        erased = 0;
        for (var n = graph.Nodes.Length - 1; n >= 0; n--)
        {
            var node = graph.Nodes[n];
            keep[n] = !erasable(node) || node.Results.Any(result => live.Contains(result.Name));
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

        return erased == 0 ? graph : graph.WithNodes([.. graph.Nodes.Where((_, n) => keep[n])]);
    }
}
