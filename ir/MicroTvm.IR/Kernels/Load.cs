namespace MicroTvm.IR.Kernels;

/// <summary>Reads element <see cref="Index"/> (an i32 expression) of a buffer parameter.</summary>
public sealed record Load(KernelBuffer Buffer, Expr Index) : Expr
{
    public KernelBuffer Buffer { get; } = Buffer ?? throw new ArgumentNullException(nameof(Buffer));

    public Expr Index { get; } = Index ?? throw new ArgumentNullException(nameof(Index));

    public override ElementType Type => Buffer.ElementType;
}
