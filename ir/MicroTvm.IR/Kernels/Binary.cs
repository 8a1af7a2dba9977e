namespace MicroTvm.IR.Kernels;

/// <summary>A binary operation on two operands of the same type.</summary>
public sealed record Binary(BinaryOp Op, Expr Left, Expr Right) : Expr
{
    public Expr Left { get; } = Left ?? throw new ArgumentNullException(nameof(Left));

    public Expr Right { get; } = Right ?? throw new ArgumentNullException(nameof(Right));

    public override ElementType Type => Op.ResultType(Left.Type);
}
