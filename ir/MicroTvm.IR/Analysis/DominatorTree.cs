namespace MicroTvm.IR;

/// <summary>
/// Dominators or post-dominators of a graph's nodes over their dataflow edges (producer →
/// consumer). A virtual root closes the graph: for dominators, an entry feeding every node that
/// reads a graph input or reads no node at all; for post-dominators, a sink fed by every node
/// producing a graph output or used by no node (TVM's fuse-ops groups a node with its immediate
/// post-dominator this way). Nodes are identified by their index in <see cref="Graph.Nodes"/>;
/// the virtual root is <see cref="Root"/>. Dominance is reflexive. Only a cyclic graph can have
/// nodes the root does not reach; such a node dominates only itself.
/// </summary>
public sealed class DominatorTree
{
    /// <summary>The index standing for the virtual entry (or sink).</summary>
    public const int Root = -1;

    private readonly int[] _idom;
    private readonly int[] _enter;
    private readonly int[] _exit;
    private readonly Dictionary<Node, int> _indexOf = new(ReferenceEqualityComparer.Instance);

    private DominatorTree(Graph graph, bool isPostDominatorTree, int[] idomWithRoot)
    {
        Graph = graph;
        IsPostDominatorTree = isPostDominatorTree;
        var count = graph.Nodes.Length;
        _idom = new int[count];
        for (var n = 0; n < count; n++)
        {
            _indexOf.TryAdd(graph.Nodes[n], n);
            _idom[n] = idomWithRoot[n] == count ? Root : idomWithRoot[n];
        }

        (_enter, _exit) = NumberTree(idomWithRoot, count);
    }

    public Graph Graph { get; }

    public bool IsPostDominatorTree { get; }

    public static DominatorTree Dominators(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var dataflow = new NodeDataflow(graph.Nodes);
        var entry = dataflow.Count;
        var successors = new List<int>[entry + 1];
        var predecessors = new List<int>[entry + 1];
        successors[entry] = [];
        predecessors[entry] = [];
        for (var n = 0; n < entry; n++)
        {
            successors[n] = dataflow.Successors[n];
            predecessors[n] = [.. dataflow.Predecessors[n]];
            if (dataflow.UsesExternalValue[n] || dataflow.Predecessors[n].Count == 0)
            {
                successors[entry].Add(n);
                predecessors[n].Add(entry);
            }
        }

        return new DominatorTree(graph, false, DominatorComputation.ImmediateDominators(entry + 1, entry, successors, predecessors));
    }

    public static DominatorTree PostDominators(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var dataflow = new NodeDataflow(graph.Nodes);
        var sink = dataflow.Count;
        var reversedSuccessors = new List<int>[sink + 1];
        var reversedPredecessors = new List<int>[sink + 1];
        reversedSuccessors[sink] = [];
        reversedPredecessors[sink] = [];
        var outputs = graph.Outputs.ToHashSet(StringComparer.Ordinal);
        for (var n = 0; n < sink; n++)
        {
            reversedSuccessors[n] = dataflow.Predecessors[n];
            reversedPredecessors[n] = [.. dataflow.Successors[n]];
            if (dataflow.Successors[n].Count == 0 || graph.Nodes[n].Results.Any(r => outputs.Contains(r.Name)))
            {
                reversedSuccessors[sink].Add(n);
                reversedPredecessors[n].Add(sink);
            }
        }

        return new DominatorTree(graph, true, DominatorComputation.ImmediateDominators(sink + 1, sink, reversedSuccessors, reversedPredecessors));
    }

    /// <summary>The immediate (post-)dominator of node <paramref name="node"/>, or <see cref="Root"/> for the virtual root.</summary>
    public int ImmediateDominator(int node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(node, _idom.Length);
        return _idom[node];
    }

    /// <summary>The immediate (post-)dominator of <paramref name="node"/>, or null when it is the virtual root.</summary>
    public Node? ImmediateDominator(Node node)
    {
        var idom = ImmediateDominator(IndexOf(node));
        return idom == Root ? null : Graph.Nodes[idom];
    }

    /// <summary>Whether every path from the root to <paramref name="b"/> passes through <paramref name="a"/>; <see cref="Root"/> dominates everything.</summary>
    public bool Dominates(int a, int b)
    {
        if (a == b || _enter[b] < 0 || (a != Root && _enter[a] < 0))
        {
            return a == b;
        }

        var (enterA, exitA) = a == Root ? (_enter[^1], _exit[^1]) : (_enter[a], _exit[a]);
        return enterA <= _enter[b] && _exit[b] <= exitA;
    }

    public bool Dominates(Node a, Node b) => Dominates(IndexOf(a), IndexOf(b));

    public int IndexOf(Node node) =>
        _indexOf.TryGetValue(node, out var index) ? index : throw new ArgumentException($"{node} is not a node of graph '{Graph.Name}'", nameof(node));

    /// <summary>Entry and exit times of a depth-first walk over the tree: a dominates b iff a's interval contains b's.</summary>
    private static (int[] Enter, int[] Exit) NumberTree(int[] idom, int root)
    {
        var children = new List<int>[idom.Length];
        for (var v = 0; v < idom.Length; v++)
        {
            children[v] = [];
        }

        for (var v = 0; v < idom.Length; v++)
        {
            if (v != root && idom[v] != DominatorComputation.Unreachable)
            {
                children[idom[v]].Add(v);
            }
        }

        var enter = new int[idom.Length];
        var exit = new int[idom.Length];
        Array.Fill(enter, -1);
        Array.Fill(exit, -1);
        var clock = 0;
        var stack = new Stack<(int Vertex, int Next)>();
        stack.Push((root, 0));
        enter[root] = clock++;
        while (stack.TryPop(out var frame))
        {
            if (frame.Next == children[frame.Vertex].Count)
            {
                exit[frame.Vertex] = clock++;
                continue;
            }

            stack.Push((frame.Vertex, frame.Next + 1));
            var child = children[frame.Vertex][frame.Next];
            enter[child] = clock++;
            stack.Push((child, 0));
        }

        return (enter, exit);
    }
}
