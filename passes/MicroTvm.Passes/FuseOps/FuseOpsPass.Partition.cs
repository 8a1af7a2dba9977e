namespace MicroTvm.Passes;

/// <summary>Phase one of fuse-ops: the partition of a graph's ops into groups (TVM's <c>GraphPartitioner</c>).</summary>
public sealed partial class FuseOpsPass
{
    /// <summary>The groups of two or more ops, each as its node indices in graph order (the root last), ordered by root.</summary>
    private static List<ImmutableArray<int>> Partition(Graph graph, int maxDepth)
    {
        var partition = new Partitioning(graph, maxDepth);
        partition.Fuse(phase: 0);
        partition.Fuse(phase: 1);
        return partition.Groups();
    }

    /// <summary>The state of one graph's partition: its dataflow with edge patterns, post-dominators and groups.</summary>
    private sealed class Partitioning
    {
        private readonly Graph _graph;
        private readonly int _maxDepth;
        private readonly List<(int Node, PatternKind Edge)>[] _successors;
        private readonly int[] _postDominator;
        private readonly PatternKind[] _pathPattern;
        private readonly FusionGroup?[] _groups;
        private readonly HashSet<int> _visited = [];

        public Partitioning(Graph graph, int maxDepth)
        {
            _graph = graph;
            _maxDepth = maxDepth;
            var count = graph.Nodes.Length;
            _groups = new FusionGroup?[count];
            _successors = new List<(int, PatternKind)>[count];
            for (var n = 0; n < count; n++)
            {
                var op = graph.Nodes[n].Op;
                _groups[n] = ReferenceEquals(op, Ops.Constant) ? null : new FusionGroup(op.Pattern);
                _successors[n] = [];
            }

            for (var n = 0; n < count; n++)
            {
                AddEdges(n);
            }

            var tree = DominatorTree.PostDominators(graph);
            _postDominator = new int[count];
            _pathPattern = new PatternKind[count];
            for (var n = 0; n < count; n++)
            {
                _postDominator[n] = _groups[n] is null ? DominatorTree.Root : tree.ImmediateDominator(n);
                _pathPattern[n] = _postDominator[n] == DominatorTree.Root ? PatternKind.Opaque : PathPattern(n, _postDominator[n]);
            }
        }

        /// <summary>One pass over the nodes in graph order (TVM's <c>RunFuse</c>), trying to fuse each into its post-dominator.</summary>
        public void Fuse(int phase)
        {
            for (var n = 0; n < _groups.Length; n++)
            {
                if (_groups[n] is not { } group || group.Pattern == PatternKind.Opaque || _postDominator[n] == DominatorTree.Root)
                {
                    continue;
                }

                var dominator = _postDominator[n];
                if (ReferenceEquals(group.FindRoot(), Group(dominator).FindRoot()) || FusedSize(n, dominator) > _maxDepth)
                {
                    continue;
                }

                switch (group.Pattern)
                {
                    case PatternKind.OutElementwiseFusable:
                        // conv and friends take consumers only through elementwise edges, and only in phase 0.
                        if (phase == 0 && _pathPattern[n] == PatternKind.Elementwise
                            && CheckPath(n, dominator, (kind, _) => kind <= PatternKind.Broadcast))
                        {
                            Commit(n, dominator);
                        }

                        break;
                    case <= PatternKind.Broadcast:
                        // Into an injective or reduction post-dominator; on the way, injective ops on parallel
                        // branches are fine, and the post-dominator's group may already hold a conv.
                        if ((_pathPattern[n] <= PatternKind.Injective || _pathPattern[n] == PatternKind.CommutativeReduce)
                            && CheckPath(n, dominator, (kind, isSink) => isSink ? kind <= PatternKind.OutElementwiseFusable : kind <= PatternKind.Injective))
                        {
                            Commit(n, dominator);
                        }

                        break;
                    case PatternKind.Injective or PatternKind.Tuple:
                        // Deferred to phase 1 so that every conv has finished fusing first.
                        if (phase == 1 && CheckPath(n, dominator, (kind, _) => kind <= PatternKind.Injective))
                        {
                            Commit(n, dominator);
                        }

                        break;
                    default:
                        // A reduction is the root of its group: it takes producers, never consumers.
                        break;
                }
            }
        }

        public List<ImmutableArray<int>> Groups()
        {
            var members = new Dictionary<FusionGroup, List<int>>(ReferenceEqualityComparer.Instance);
            for (var n = 0; n < _groups.Length; n++)
            {
                if (_groups[n] is { } group && group.FindRoot().Size > 1)
                {
                    var root = group.FindRoot();
                    if (!members.TryGetValue(root, out var list))
                    {
                        list = [];
                        members.Add(root, list);
                    }

                    list.Add(n);
                }
            }

            // Graph order of members puts each group's root last; order groups by their roots.
            return [.. members.Values.Select(list => list.ToImmutableArray()).OrderBy(list => list[^1])];
        }

        private FusionGroup Group(int node) =>
            _groups[node] ?? throw new InvalidOperationException("a constant has no group");

        /// <summary>One edge per consumer; a broadcast op reading an operand of its result's shape is an elementwise edge (TVM).</summary>
        private void AddEdges(int consumer)
        {
            var node = _graph.Nodes[consumer];
            foreach (var operand in node.Operands.Where(o => o.Length > 0))
            {
                var producer = _graph.Index.ProducerIndex(operand);
                if (producer < 0 || _groups[producer] is null)
                {
                    continue;
                }

                var edge = node.Op.Pattern;
                if (edge == PatternKind.Broadcast && node.Results.Length == 1
                    && _graph.Index.FindValue(operand)!.Type.Shape.SequenceEqual(node.Result.Type.Shape))
                {
                    edge = PatternKind.Elementwise;
                }

                var edges = _successors[producer];
                var existing = edges.FindIndex(e => e.Node == consumer);
                if (existing < 0)
                {
                    edges.Add((consumer, edge));
                }
                else if (edge > edges[existing].Edge)
                {
                    edges[existing] = (consumer, edge);
                }
            }
        }

        /// <summary>The least fusable edge on the paths from <paramref name="node"/> to its post-dominator (TVM's dominator-tree pattern).</summary>
        private PatternKind PathPattern(int node, int dominator)
        {
            var pattern = PatternKind.Elementwise;
            var seen = new HashSet<int> { node };
            var work = new Stack<int>([node]);
            while (work.TryPop(out var current))
            {
                foreach (var (next, edge) in _successors[current])
                {
                    pattern = edge > pattern ? edge : pattern;
                    if (next != dominator && seen.Add(next))
                    {
                        work.Push(next);
                    }
                }
            }

            return pattern;
        }

        /// <summary>Whether every group on the paths from <paramref name="source"/> (exclusive) to <paramref name="sink"/> satisfies <paramref name="condition"/> (given the group's pattern and whether it is the sink's).</summary>
        private bool CheckPath(int source, int sink, Func<PatternKind, bool, bool> condition)
        {
            _visited.Clear();
            return _successors[source].All(edge => CheckPathFrom(edge.Node, sink, condition));
        }

        private bool CheckPathFrom(int node, int sink, Func<PatternKind, bool, bool> condition)
        {
            if (!_visited.Add(node))
            {
                return true;
            }

            if (!condition(Group(node).FindRoot().Pattern, node == sink))
            {
                return false;
            }

            return node == sink || _successors[node].All(edge => CheckPathFrom(edge.Node, sink, condition));
        }

        /// <summary>Merges every node on the paths from <paramref name="source"/> to <paramref name="sink"/> into the sink's group.</summary>
        private void Commit(int source, int sink)
        {
            _visited.Clear();
            var target = Group(sink);
            var work = new Stack<int>([source]);
            while (work.TryPop(out var node))
            {
                if (node == sink || !_visited.Add(node))
                {
                    continue;
                }

                Group(node).MergeInto(target);
                foreach (var (next, _) in _successors[node])
                {
                    work.Push(next);
                }
            }
        }

        /// <summary>Ops in the group fusing <paramref name="child"/> into <paramref name="dominator"/> would make (TVM's <c>CountFusedNodesWithNewChild</c>, counting each group once).</summary>
        private int FusedSize(int child, int dominator)
        {
            var target = Group(dominator).FindRoot();
            var groups = new HashSet<FusionGroup>(ReferenceEqualityComparer.Instance) { target };
            var size = target.Size;
            var seen = new HashSet<int>();
            var work = new Stack<int>([child]);
            while (work.TryPop(out var node))
            {
                if (node == dominator || !seen.Add(node))
                {
                    continue;
                }

                var root = Group(node).FindRoot();
                if (groups.Add(root))
                {
                    size += root.Size;
                }

                foreach (var (next, _) in _successors[node])
                {
                    work.Push(next);
                }
            }

            return size;
        }
    }
}
