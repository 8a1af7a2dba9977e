namespace MicroTvm.IR.Kernels;

/// <summary>Assigns a declared local (never a loop variable).</summary>
public sealed record Assign(Var Variable, Expr Value) : Stmt
{
    public Var Variable { get; } = Variable ?? throw new ArgumentNullException(nameof(Variable));

    public Expr Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));
}
