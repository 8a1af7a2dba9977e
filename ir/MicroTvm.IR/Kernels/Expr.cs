namespace MicroTvm.IR.Kernels;

/// <summary>
/// A side-effect-free scalar expression. Every expression has a scalar <see cref="Type"/> given by
/// its node alone (see docs/kernel-ir.md for the typing rules); whether the operands fit that
/// rule is the verifier's business, so ill-typed trees can be built and reported.
/// Equality is structural.
/// </summary>
public abstract record Expr
{
    private protected Expr()
    {
    }

    public abstract ElementType Type { get; }

    public sealed override string ToString() => KernelPrinter.Print(this);
}
