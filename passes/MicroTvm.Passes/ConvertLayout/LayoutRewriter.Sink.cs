namespace MicroTvm.Passes;

/// <summary>
/// Sinking: <c>op(transpose(x, p), …)</c> → <c>transpose(op'(x, …), p)</c> for an op that
/// computes the same in any frame; the other operands move by inverse(p). Taken when it adds no
/// transpose (the operand transposes it frees are at least the ones it adds). Transposes of graph
/// inputs are not sunk: they already sit at the interface.
/// </summary>
internal sealed partial class LayoutRewriter
{
    private bool TrySink(Node node)
    {
        if (!LayoutRules.IsMovable(node))
        {
            return false;
        }

        var candidates = node.Operands
            .Where(o => o.Length > 0)
            .Select(_w.ProducingTranspose)
            .OfType<Node>()
            .Where(t => !_w.IsInput(t.Operands[0]))
            .Select(LayoutWorkspace.PermOf)
            .DistinctBy(p => string.Join(',', p));
        foreach (var perm in candidates)
        {
            if (node.Results.All(r => r.Type.Rank == perm.Length) && TrySinkWith(node, perm))
            {
                return true;
            }
        }

        return false;
    }

    private bool TrySinkWith(Node node, int[] perm)
    {
        var frame = Permutation.Inverse(perm);
        var moves = new List<OperandMove>();
        foreach (var operand in node.Operands)
        {
            if (PlanOperand(node, operand, frame) is not { } move)
            {
                return false;
            }

            moves.Add(move);
        }

        var added = node.Results.Length + moves.DistinctBy(m => m.Operand).Sum(m => Added(m, frame));
        var freed = moves
            .Where(m => m.Kind is MoveKind.Unwrap or MoveKind.Compose)
            .Select(m => m.Source!)
            .Distinct()
            .Count(t => _w.OnlyUsedBy(t.Result.Name, node));
        if (added > freed)
        {
            return false;
        }

        var replacement = new List<Node>();
        var operands = moves.Select(m => Realize(m, frame, replacement)).ToImmutableArray();
        var results = node.Results.Select(r => new Value(_w.FreshName(r.Name + ".moved"), Permutation.Apply(r.Type, frame))).ToImmutableArray();
        replacement.Add(new Node(node.Op, operands, results, LayoutRules.Remap(node, perm), node.Location));
        replacement.AddRange(results.Select((r, i) => LayoutWorkspace.MakeTranspose(r, perm, node.Results[i].Name)));
        _w.Replace(node, replacement);
        return true;
    }
}
