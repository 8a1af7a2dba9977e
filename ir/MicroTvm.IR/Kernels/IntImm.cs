namespace MicroTvm.IR.Kernels;

/// <summary>An integer or bool constant of a given type; the value must be representable in it.</summary>
public sealed record IntImm : Expr
{
    public IntImm(long value, ElementType type)
    {
        if (type == ElementType.F32)
        {
            throw new ArgumentException("an integer immediate needs an integer or bool type; use FloatImm for f32", nameof(type));
        }

        if (value < type.MinValue() || value > type.MaxValue())
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"not representable in {type.Mnemonic()}");
        }

        Value = value;
        Type = type;
    }

    public long Value { get; }

    public override ElementType Type { get; }
}
