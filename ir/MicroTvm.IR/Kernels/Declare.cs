namespace MicroTvm.IR.Kernels;

/// <summary>Declares a local scalar (its type is the variable's) with an initial value; it lives to the end of the enclosing block.</summary>
public sealed record Declare(Var Variable, Expr Init) : Stmt
{
    public Var Variable { get; } = Variable ?? throw new ArgumentNullException(nameof(Variable));

    public Expr Init { get; } = Init ?? throw new ArgumentNullException(nameof(Init));
}
