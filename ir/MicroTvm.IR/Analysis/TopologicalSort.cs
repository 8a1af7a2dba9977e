namespace MicroTvm.IR;

/// <summary>
/// Orders nodes so that every producer comes before its consumers. Kahn's algorithm with the
/// ready nodes taken by their position in the input, so an already ordered list comes back
/// unchanged and otherwise nodes move only as far as their dependencies force them.
/// </summary>
public static class TopologicalSort
{
    public static TopologicalSortResult Sort(IReadOnlyList<Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var dataflow = new NodeDataflow(nodes);
        var pending = new int[nodes.Count];
        var ready = new PriorityQueue<int, int>();
        for (var n = 0; n < nodes.Count; n++)
        {
            pending[n] = dataflow.Predecessors[n].Count;
            if (pending[n] == 0)
            {
                ready.Enqueue(n, n);
            }
        }

        var order = ImmutableArray.CreateBuilder<Node>(nodes.Count);
        while (ready.TryDequeue(out var n, out _))
        {
            order.Add(nodes[n]);
            foreach (var successor in dataflow.Successors[n])
            {
                if (--pending[successor] == 0)
                {
                    ready.Enqueue(successor, successor);
                }
            }
        }

        return order.Count == nodes.Count
            ? new TopologicalSortResult(order.MoveToImmutable(), [])
            : new TopologicalSortResult([], FindCycle(nodes, dataflow, pending));
    }

    /// <summary>
    /// Every node left unsorted has an unsorted predecessor, so walking predecessors from any of
    /// them must revisit a node; the walk between the two visits is a cycle.
    /// </summary>
    private static ImmutableArray<Node> FindCycle(IReadOnlyList<Node> nodes, NodeDataflow dataflow, int[] pending)
    {
        var start = Array.FindIndex(pending, count => count > 0);
        var position = new Dictionary<int, int>();
        var walk = new List<int>();
        var current = start;
        while (!position.ContainsKey(current))
        {
            position.Add(current, walk.Count);
            walk.Add(current);
            current = dataflow.Predecessors[current].First(p => pending[p] > 0);
        }

        var cycle = walk.GetRange(position[current], walk.Count - position[current]);
        cycle.Reverse();
        return [.. cycle.Select(n => nodes[n])];
    }
}
