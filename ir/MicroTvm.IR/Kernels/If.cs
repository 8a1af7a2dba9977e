namespace MicroTvm.IR.Kernels;

/// <summary>Runs <see cref="Then"/> when the bool condition holds, otherwise <see cref="Else"/> (if any).</summary>
public sealed record If(Expr Condition, Stmt Then, Stmt? Else = null) : Stmt
{
    public Expr Condition { get; } = Condition ?? throw new ArgumentNullException(nameof(Condition));

    public Stmt Then { get; } = Then ?? throw new ArgumentNullException(nameof(Then));
}
