namespace MicroTvm.IR.Kernels;

/// <summary><c>Condition ? IfTrue : IfFalse</c>. Both arms are evaluated; they must have one type.</summary>
public sealed record Select(Expr Condition, Expr IfTrue, Expr IfFalse) : Expr
{
    public Expr Condition { get; } = Condition ?? throw new ArgumentNullException(nameof(Condition));

    public Expr IfTrue { get; } = IfTrue ?? throw new ArgumentNullException(nameof(IfTrue));

    public Expr IfFalse { get; } = IfFalse ?? throw new ArgumentNullException(nameof(IfFalse));

    public override ElementType Type => IfTrue.Type;
}
