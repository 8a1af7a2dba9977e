namespace MicroTvm.Passes;

/// <summary>
/// The layout rewrites of one graph (see <see cref="ConvertLayoutPass"/> for the algorithm):
/// this part holds the driver loop and the local rewrites (fold, compose, deduplicate); sinking,
/// hoisting and the flatten rewrite are the other parts of the class.
/// </summary>
internal sealed partial class LayoutRewriter(LayoutWorkspace workspace)
{
    private readonly LayoutWorkspace _w = workspace;

    public int ConstantsRelaid { get; private set; }

    public Graph Run(int maxIterations)
    {
        // A transpose nobody reads would otherwise count as a reader that blocks hoisting.
        _w.RemoveDeadLayoutNodes();
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = Simplify();
            changed |= Sweep(TrySink) | Simplify();
            changed |= Sweep(TryHoist) | Simplify();
            changed |= Sweep(TryFlatten) | Simplify();
            if (!changed)
            {
                break;
            }
        }

        Sweep(TryDataPreservingToReshape);
        Sweep(TryMergeReshapes);
        _w.RemoveDeadLayoutNodes();
        return _w.ToGraph();
    }

    /// <summary>Applies <paramref name="rewrite"/> to every node until none changes.</summary>
    private bool Sweep(Func<Node, bool> rewrite)
    {
        var any = false;
        bool changed;
        do
        {
            changed = false;
            foreach (var node in _w.Nodes.ToList())
            {
                if (_w.Nodes.Contains(node) && rewrite(node))
                {
                    changed = any = true;
                    _w.RemoveDeadLayoutNodes();
                }
            }
        }
        while (changed);
        return any;
    }

    private bool Simplify() => Sweep(node => TryFoldConstant(node) || TryCompose(node) || TryDeduplicate(node));

    /// <summary>transpose(constant) → the permuted constant.</summary>
    private bool TryFoldConstant(Node node)
    {
        if (!LayoutWorkspace.IsTranspose(node) || _w.Producer(node.Operands[0]) is not { } source || !LayoutWorkspace.IsConstant(source))
        {
            return false;
        }

        var data = Permutation.Apply(source.GetTensor("value"), LayoutWorkspace.PermOf(node));
        _w.Replace(node, [new Node(Ops.Constant, [], [node.Result.WithType(data.Type)], source.Attributes.SetItem("value", new TensorAttribute(data)), source.Location)]);
        ConstantsRelaid++;
        return true;
    }

    /// <summary>transpose(transpose(x, p), q) → transpose(x, p then q), or x when that is the identity.</summary>
    private bool TryCompose(Node node)
    {
        if (!LayoutWorkspace.IsTranspose(node) || _w.ProducingTranspose(node.Operands[0]) is not { } inner)
        {
            return false;
        }

        var perm = Permutation.Then(LayoutWorkspace.PermOf(inner), LayoutWorkspace.PermOf(node));
        var source = inner.Operands[0];
        if (!Permutation.IsIdentity(perm))
        {
            _w.Replace(node, [_w.MakeTranspose(source, perm, node.Result.Name)]);
        }
        else if (_w.IsOutput(node.Result.Name))
        {
            _w.Replace(node, [_w.MakeReshape(source, node.Result.Type.Shape, node.Result.Name)]);
        }
        else
        {
            _w.ReplaceUses(node.Result.Name, source);
            _w.Remove(node);
        }

        return true;
    }

    /// <summary>Two transposes of one value with one permutation → one.</summary>
    private bool TryDeduplicate(Node node)
    {
        if (!LayoutWorkspace.IsTranspose(node) || _w.IsOutput(node.Result.Name))
        {
            return false;
        }

        var perm = LayoutWorkspace.PermOf(node);
        var twin = _w.Users(node.Operands[0]).FirstOrDefault(u =>
            !ReferenceEquals(u, node) && LayoutWorkspace.IsTranspose(u) && LayoutWorkspace.PermOf(u).SequenceEqual(perm));
        if (twin is null)
        {
            return false;
        }

        _w.ReplaceUses(node.Result.Name, twin.Result.Name);
        _w.Remove(node);
        return true;
    }

    /// <summary>A transpose that moves no data (only extent-1 dimensions move) → a reshape.</summary>
    private bool TryDataPreservingToReshape(Node node)
    {
        if (!LayoutWorkspace.IsTranspose(node) || node.Result.Type.Quantization is { IsPerAxis: true }
            || !Permutation.IsDataPreserving(LayoutWorkspace.PermOf(node), _w.TypeOf(node.Operands[0]).Shape))
        {
            return false;
        }

        _w.Replace(node, [_w.MakeReshape(node.Operands[0], node.Result.Type.Shape, node.Result.Name)]);
        return true;
    }

    /// <summary>reshape(reshape(x)) → reshape(x), and a reshape to the same shape → x (unless an output).</summary>
    private bool TryMergeReshapes(Node node)
    {
        if (!ReferenceEquals(node.Op, Ops.Reshape) || node.Result.Type.Quantization is { IsPerAxis: true })
        {
            return false;
        }

        var source = node.Operands[0];
        if (_w.Producer(source) is { } inner && ReferenceEquals(inner.Op, Ops.Reshape))
        {
            _w.Replace(node, [node.WithOperands([inner.Operands[0]])]);
            return true;
        }

        if (_w.IsOutput(node.Result.Name) || !_w.TypeOf(source).Shape.SequenceEqual(node.Result.Type.Shape))
        {
            return false;
        }

        _w.ReplaceUses(node.Result.Name, source);
        _w.Remove(node);
        return true;
    }
}
