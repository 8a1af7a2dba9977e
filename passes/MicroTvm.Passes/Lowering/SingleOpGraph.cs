namespace MicroTvm.Passes.Lowering;

/// <summary>
/// The one-op graph a node left outside every group is lowered as: its non-constant operands
/// become inputs (in first-use order), the constant nodes it reads are copied in, its results
/// are the outputs. Lowering treats it exactly like a fused group.
/// </summary>
internal static class SingleOpGraph
{
    public static Graph Of(Graph graph, Node node, string name)
    {
        var inputs = new List<Value>();
        var constants = new List<Node>();
        foreach (var operand in node.Operands.Where(o => o.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (graph.Index.Producer(operand) is { } producer && ReferenceEquals(producer.Op, Ops.Constant))
            {
                constants.Add(producer);
            }
            else if (graph.Index.FindValue(operand) is { } value)
            {
                inputs.Add(value);
            }
        }

        return new Graph(name, [.. inputs], [.. constants, node], [.. node.Results.Select(r => r.Name)]);
    }
}
