namespace MicroTvm.Passes;

/// <summary>
/// Hoisting: <c>transpose(op(a, …), p)</c> → <c>op'(transpose(a, p), …)</c>, applied at once to
/// the whole tree of movable ops above the transpose, and only when every leaf of that
/// tree is a constant (re-laid out now), a broadcast scalar, a transpose that cancels, or a graph
/// input (which then carries the one interface transpose). A tree value also read elsewhere gets
/// one transpose back for those readers (to be sunk towards the outputs); that is allowed only when
/// the tree reaches a graph input and unwraps no interface transpose, so it cannot be undone. So a hoist never leaves a transpose
/// between two ops, and sinking (which leaves interface transposes alone) never undoes it.
/// </summary>
internal sealed partial class LayoutRewriter
{
    private bool TryHoist(Node transpose)
    {
        if (!LayoutWorkspace.IsTranspose(transpose) || _w.Producer(transpose.Operands[0]) is not { } root
            || _w.IsOutput(transpose.Operands[0]))
        {
            return false;
        }

        var frame = LayoutWorkspace.PermOf(transpose);
        var tree = new List<Node>();
        var leaves = new List<OperandMove>();
        if (!PlanTree(root, frame, tree, leaves))
        {
            return false;
        }

        // Values of the tree read outside it keep their layout through one transpose back.
        var shared = tree.Where(n => _w.IsOutput(n.Result.Name)
            || _w.Users(n.Result.Name).Any(u => !tree.Contains(u) && !ReferenceEquals(u, transpose))).ToHashSet();
        if (shared.Count > 0 && (!leaves.Any(m => m.Kind == MoveKind.Interface)
            || leaves.Any(m => m.Kind == MoveKind.Unwrap && _w.IsInput(m.Source!.Operands[0]))))
        {
            return false;
        }

        var added = shared.Count + leaves.DistinctBy(m => m.Operand).Sum(m => Added(m, frame));
        var freed = 1 + leaves
            .Where(m => m.Kind == MoveKind.Unwrap)
            .Select(m => m.Source!)
            .Distinct()
            .Count(t => !_w.IsOutput(t.Result.Name) && _w.Users(t.Result.Name).All(tree.Contains));
        if (added > freed)
        {
            return false;
        }

        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var inverse = Permutation.Inverse(frame);

        foreach (var node in ProducersFirst(tree))
        {
            var replacement = new List<Node>();
            var operands = node.Operands.Select(operand => renamed.TryGetValue(operand, out var moved)
                ? moved
                : Realize(PlanOperand(node, operand, frame)!, frame, replacement)).ToImmutableArray();
            var name = ReferenceEquals(node, root) ? transpose.Result.Name : _w.FreshName(node.Result.Name + ".moved");
            renamed[node.Result.Name] = name;
            var result = new Value(name, Permutation.Apply(node.Result.Type, frame));
            replacement.Add(new Node(node.Op, operands, [result], LayoutRules.Remap(node, inverse), node.Location));
            if (shared.Contains(node))
            {
                replacement.Add(LayoutWorkspace.MakeTranspose(result, inverse, node.Result.Name));
            }

            _w.Replace(node, replacement);
        }

        _w.Remove(transpose);
        return true;
    }

    /// <summary>
    /// The tree's nodes with every producer before its users, so that operands inside the tree are
    /// renamed before they are read. Collection order is not enough: in a DAG a shared producer
    /// may be reached only after one of its users.
    /// </summary>
    private static IEnumerable<Node> ProducersFirst(List<Node> tree)
    {
        var inTree = tree.Select(n => n.Result.Name).ToHashSet(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = Enumerable.Reverse(tree).ToList();
        while (pending.Count > 0)
        {
            var next = pending.First(n => n.Operands.All(o => !inTree.Contains(o) || done.Contains(o)));
            pending.Remove(next);
            done.Add(next.Result.Name);
            yield return next;
        }
    }

    /// <summary>Collects the movable producers above <paramref name="node"/>; false when a leaf cannot move.</summary>
    private bool PlanTree(Node node, IReadOnlyList<int> frame, List<Node> tree, List<OperandMove> leaves)
    {
        if (!LayoutRules.IsMovable(node) || node.Results.Length != 1 || node.Result.Type.Rank != frame.Count)
        {
            return false;
        }

        tree.Add(node);
        foreach (var operand in node.Operands)
        {
            if (operand.Length > 0 && _w.Producer(operand) is { } producer && !LayoutWorkspace.IsTranspose(producer)
                && !LayoutWorkspace.IsConstant(producer) && !(LayoutRules.Broadcasts(node) && _w.TypeOf(operand).ElementCount == 1))
            {
                if (!tree.Contains(producer) && !PlanTree(producer, frame, tree, leaves))
                {
                    return false;
                }

                continue;
            }

            if (PlanOperand(node, operand, frame) is not { Kind: not MoveKind.Compose } move)
            {
                return false;
            }

            leaves.Add(move);
        }

        return true;
    }
}
