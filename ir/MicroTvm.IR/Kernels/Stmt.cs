namespace MicroTvm.IR.Kernels;

/// <summary>A kernel IR statement. Equality is structural.</summary>
public abstract record Stmt
{
    private protected Stmt()
    {
    }

    public sealed override string ToString() => KernelPrinter.Print(this);
}
