namespace MicroTvm.IR.Kernels;

/// <summary>Logical negation of a bool.</summary>
public sealed record Not(Expr Operand) : Expr
{
    public Expr Operand { get; } = Operand ?? throw new ArgumentNullException(nameof(Operand));

    public override ElementType Type => ElementType.Bool;
}
