namespace MicroTvm.IR.Verification;

/// <summary>Operand count within the op's operand specs; empty names only at optional positions.</summary>
internal static class OperandArityRules
{
    public static IEnumerable<Problem> Check(Node node)
    {
        var op = node.Op;
        var count = node.Operands.Length;
        if (count < op.MinOperands)
        {
            var names = string.Join(", ", op.Operands.Take(op.MinOperands).Select(o => o.Name));
            yield return new Problem(VerifierDiagnosticIds.OperandCount, $"expects at least {op.MinOperands} operands ({names}) but has {count}");
        }

        if (op.MaxOperands is { } max && count > max)
        {
            yield return new Problem(VerifierDiagnosticIds.OperandCount, $"expects at most {max} operands but has {count}");
        }

        for (var i = 0; i < count; i++)
        {
            if (node.Operands[i].Length == 0 && SpecAt(op, i) is { Arity: not OperandArity.Optional } spec)
            {
                yield return new Problem(VerifierDiagnosticIds.MissingOperand, $"operand {i} '{spec.Name}' is not optional but is empty");
            }
        }
    }

    /// <summary>The spec describing operand <paramref name="index"/>: its own, or the trailing variadic one; null past the end.</summary>
    public static OperandSpec? SpecAt(OpDefinition op, int index) =>
        index < op.Operands.Length ? op.Operands[index]
        : op.MaxOperands is null ? op.Operands[^1]
        : null;
}
