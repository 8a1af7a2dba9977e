namespace MicroTvm.IR.Kernels;

/// <summary>
/// A scalar variable: a loop variable (always i32, read-only) or a local declared by
/// <see cref="Declare"/>. As an expression it reads the variable. Two variables are the same
/// when name and type are.
/// </summary>
public sealed record Var : Expr
{
    public Var(string name, ElementType type)
    {
        Name = KernelNames.Require(name, nameof(name));
        Type = type;
    }

    public string Name { get; }

    public override ElementType Type { get; }
}
