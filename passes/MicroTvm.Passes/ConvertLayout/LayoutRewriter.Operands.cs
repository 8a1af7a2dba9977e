namespace MicroTvm.Passes;

/// <summary>
/// Moving one operand into a changed frame: the operand <c>o</c> becomes
/// <c>transpose(o, frame)</c>, computed as cheaply as possible — kept (scalars of a broadcast),
/// unwrapped (an operand transpose that cancels), composed (one transpose instead of two),
/// re-laid out (a constant, now), or transposed at a graph input (the interface).
/// </summary>
internal sealed partial class LayoutRewriter
{
    private enum MoveKind
    {
        Keep,
        Unwrap,
        Compose,
        Relay,
        Interface,
    }

    /// <summary>How one operand moves; <paramref name="Source"/> is its producer (a transpose or constant).</summary>
    private sealed record OperandMove(string Operand, MoveKind Kind, Node? Source);

    /// <summary>The move of an operand that is not itself to be rewritten, or null when it cannot move.</summary>
    private OperandMove? PlanOperand(Node user, string operand, IReadOnlyList<int> frame)
    {
        if (operand.Length == 0)
        {
            return new OperandMove(operand, MoveKind.Keep, null);
        }

        var type = _w.TypeOf(operand);
        var producer = _w.Producer(operand);
        var broadcasts = LayoutRules.Broadcasts(user);
        if (broadcasts && type.ElementCount == 1 && type.Quantization is not { IsPerAxis: true })
        {
            return new OperandMove(operand, MoveKind.Keep, null);
        }

        if (LayoutWorkspace.IsTranspose(producer))
        {
            var perm = Permutation.Then(LayoutWorkspace.PermOf(producer!), frame);
            return perm.Length == frame.Count
                ? new OperandMove(operand, Permutation.IsIdentity(perm) ? MoveKind.Unwrap : MoveKind.Compose, producer)
                : null;
        }

        if (LayoutWorkspace.IsConstant(producer) && (type.Rank == frame.Count || (broadcasts && type.Rank < frame.Count && !type.IsQuantized)))
        {
            return new OperandMove(operand, MoveKind.Relay, producer);
        }

        return _w.IsInput(operand) && type.Rank == frame.Count ? new OperandMove(operand, MoveKind.Interface, null) : null;
    }

    /// <summary>Transposes the move adds: composed ones and interface ones that do not exist yet.</summary>
    private int Added(OperandMove move, IReadOnlyList<int> frame) => move.Kind switch
    {
        MoveKind.Compose => 1,
        MoveKind.Interface => _w.Users(move.Operand).Any(u => LayoutWorkspace.IsTranspose(u) && LayoutWorkspace.PermOf(u).SequenceEqual(frame)) ? 0 : 1,
        _ => 0,
    };

    /// <summary>The operand's name in the new frame; new constants and transposes go to <paramref name="before"/>.</summary>
    private string Realize(OperandMove move, IReadOnlyList<int> frame, List<Node> before)
    {
        switch (move.Kind)
        {
            case MoveKind.Unwrap:
                return move.Source!.Operands[0];
            case MoveKind.Compose:
                var composed = _w.MakeTranspose(move.Source!.Operands[0], Permutation.Then(LayoutWorkspace.PermOf(move.Source), frame), _w.FreshName(move.Operand + ".t"));
                before.Add(composed);
                return composed.Result.Name;
            case MoveKind.Relay:
                var data = move.Source!.GetTensor("value");
                if (data.Type.Rank < frame.Count)
                {
                    var expanded = data.Type.WithShape([.. Enumerable.Repeat(1, frame.Count - data.Type.Rank), .. data.Type.Shape]);
                    data = new TensorData(expanded, data.Bytes);
                }

                var constant = _w.MakeConstant(Permutation.Apply(data, frame), move.Operand + ".relaid");
                before.Add(constant);
                ConstantsRelaid++;
                return constant.Result.Name;
            case MoveKind.Interface:
                return _w.InterfaceTranspose(move.Operand, frame);
            default:
                return move.Operand;
        }
    }
}
