namespace MicroTvm.IR.Kernels;

/// <summary>An f32 constant. Equality compares bits, so NaN equals NaN and 0 differs from -0.</summary>
public sealed record FloatImm(float Value) : Expr
{
    public override ElementType Type => ElementType.F32;

    public bool Equals(FloatImm? other) =>
        other is not null && BitConverter.SingleToInt32Bits(Value) == BitConverter.SingleToInt32Bits(other.Value);

    public override int GetHashCode() => BitConverter.SingleToInt32Bits(Value);
}
