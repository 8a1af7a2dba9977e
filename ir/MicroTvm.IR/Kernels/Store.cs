namespace MicroTvm.IR.Kernels;

/// <summary>Writes <see cref="Value"/> to element <see cref="Index"/> of an output or workspace buffer.</summary>
public sealed record Store(KernelBuffer Buffer, Expr Index, Expr Value) : Stmt
{
    public KernelBuffer Buffer { get; } = Buffer ?? throw new ArgumentNullException(nameof(Buffer));

    public Expr Index { get; } = Index ?? throw new ArgumentNullException(nameof(Index));

    public Expr Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));
}
