namespace MicroTvm.IR.Verification;

/// <summary>
/// The element types some operands of an op accept (null <see cref="Operands"/>: every operand),
/// and whether integer tensors there must be quantized because the op computes on real values.
/// </summary>
internal sealed record ElementTypeRule(ImmutableArray<int>? Operands, ImmutableArray<ElementType> Allowed, bool IntegersMustBeQuantized)
{
    public bool Covers(int operand) => Operands is not { } operands || operands.Contains(operand);
}
