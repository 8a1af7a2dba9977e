namespace MicroTvm.IR;

/// <summary>
/// The outcome of <see cref="TopologicalSort.Sort"/>: the nodes in dependency order, or, when the
/// dependencies have a cycle, the nodes on one cycle in dataflow order (each feeds the next, and
/// the last feeds the first).
/// </summary>
public sealed class TopologicalSortResult
{
    internal TopologicalSortResult(ImmutableArray<Node> order, ImmutableArray<Node> cycle)
    {
        Order = order;
        Cycle = cycle;
    }

    public bool IsAcyclic => Cycle.IsEmpty;

    /// <summary>Every node in dependency order; empty when there is a cycle.</summary>
    public ImmutableArray<Node> Order { get; }

    /// <summary>The nodes of one cycle; empty when the nodes are acyclic.</summary>
    public ImmutableArray<Node> Cycle { get; }
}
