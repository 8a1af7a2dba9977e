namespace MicroTvm.IR.Kernels;

/// <summary>Clamps an i32 or i64 value to the range of an integer <see cref="TargetType"/>, then converts to it.</summary>
public sealed record Saturate(ElementType TargetType, Expr Value) : Expr
{
    public Expr Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public override ElementType Type => TargetType;
}
