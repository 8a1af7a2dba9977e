namespace MicroTvm.IR;

/// <summary>
/// Producer → consumer edges between the nodes of a list (indices into it; parallel edges
/// merged). Operands that no node in the list produces — graph inputs, undefined names — are
/// remembered as external uses rather than edges.
/// </summary>
internal sealed class NodeDataflow
{
    public NodeDataflow(IReadOnlyList<Node> nodes)
    {
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < nodes.Count; n++)
        {
            foreach (var result in nodes[n].Results)
            {
                producers.TryAdd(result.Name, n);
            }
        }

        Successors = new List<int>[nodes.Count];
        Predecessors = new List<int>[nodes.Count];
        UsesExternalValue = new bool[nodes.Count];
        for (var n = 0; n < nodes.Count; n++)
        {
            Successors[n] = [];
            Predecessors[n] = [];
        }

        for (var n = 0; n < nodes.Count; n++)
        {
            foreach (var operand in nodes[n].Operands)
            {
                if (operand.Length == 0)
                {
                    continue;
                }

                if (!producers.TryGetValue(operand, out var producer))
                {
                    UsesExternalValue[n] = true;
                }
                else if (!Predecessors[n].Contains(producer))
                {
                    Predecessors[n].Add(producer);
                    Successors[producer].Add(n);
                }
            }
        }

        Producers = producers;
    }

    public List<int>[] Successors { get; }

    public List<int>[] Predecessors { get; }

    /// <summary>True when the node reads a value that no node in the list produces.</summary>
    public bool[] UsesExternalValue { get; }

    /// <summary>The index of the node producing each value (the first, if a name is defined twice).</summary>
    public IReadOnlyDictionary<string, int> Producers { get; }

    public int Count => Successors.Length;
}
