namespace MicroTvm.IR.Kernels;

/// <summary>
/// The only conversion between types. Integer to integer wraps (two's complement), integer to
/// f32 rounds to nearest, f32 to integer truncates toward zero (undefined when the result does
/// not fit), anything to bool is "not zero", bool to a number is 0 or 1.
/// </summary>
public sealed record Cast(ElementType TargetType, Expr Value) : Expr
{
    public Expr Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public override ElementType Type => TargetType;
}
