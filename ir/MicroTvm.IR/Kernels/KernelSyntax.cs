namespace MicroTvm.IR.Kernels;

/// <summary>
/// Short factories for writing kernel IR in C# (<c>using static MicroTvm.IR.Kernels.KernelSyntax;</c>):
/// <c>Store(y, i, SaturateTo(ElementType.I8, Add(acc, I32(3))))</c>.
/// </summary>
public static class KernelSyntax
{
    public static IntImm I32(int value) => new(value, ElementType.I32);

    public static IntImm I64(long value) => new(value, ElementType.I64);

    public static IntImm Imm(long value, ElementType type) => new(value, type);

    public static IntImm Bool(bool value) => new(value ? 1 : 0, ElementType.Bool);

    public static FloatImm F32(float value) => new(value);

    public static Var I32Var(string name) => new(name, ElementType.I32);

    public static Binary Add(Expr left, Expr right) => new(BinaryOp.Add, left, right);

    public static Binary Sub(Expr left, Expr right) => new(BinaryOp.Sub, left, right);

    public static Binary Mul(Expr left, Expr right) => new(BinaryOp.Mul, left, right);

    public static Binary Div(Expr left, Expr right) => new(BinaryOp.Div, left, right);

    public static Binary Rem(Expr left, Expr right) => new(BinaryOp.Rem, left, right);

    public static Binary Min(Expr left, Expr right) => new(BinaryOp.Min, left, right);

    public static Binary Max(Expr left, Expr right) => new(BinaryOp.Max, left, right);

    public static Binary Shl(Expr left, Expr right) => new(BinaryOp.Shl, left, right);

    public static Binary Shr(Expr left, Expr right) => new(BinaryOp.Shr, left, right);

    public static Binary BitAnd(Expr left, Expr right) => new(BinaryOp.BitAnd, left, right);

    public static Binary BitOr(Expr left, Expr right) => new(BinaryOp.BitOr, left, right);

    public static Binary BitXor(Expr left, Expr right) => new(BinaryOp.BitXor, left, right);

    public static Binary Eq(Expr left, Expr right) => new(BinaryOp.Eq, left, right);

    public static Binary Ne(Expr left, Expr right) => new(BinaryOp.Ne, left, right);

    public static Binary Lt(Expr left, Expr right) => new(BinaryOp.Lt, left, right);

    public static Binary Le(Expr left, Expr right) => new(BinaryOp.Le, left, right);

    public static Binary Gt(Expr left, Expr right) => new(BinaryOp.Gt, left, right);

    public static Binary Ge(Expr left, Expr right) => new(BinaryOp.Ge, left, right);

    public static Binary And(Expr left, Expr right) => new(BinaryOp.And, left, right);

    public static Binary Or(Expr left, Expr right) => new(BinaryOp.Or, left, right);

    public static Cast CastTo(ElementType type, Expr value) => new(type, value);

    public static Saturate SaturateTo(ElementType type, Expr value) => new(type, value);

    /// <summary><c>max(low, min(value, high))</c>, the clamp lowering uses to keep a padded index in bounds.</summary>
    public static Binary Clamp(Expr value, Expr low, Expr high) => Max(low, Min(value, high));

    public static Call Requantize(Expr value, Expr multiplier, Expr shift) => new(Intrinsic.Requantize, [value, multiplier, shift]);

    public static Call CallIntrinsic(Intrinsic intrinsic, params ImmutableArray<Expr> arguments) => new(intrinsic, arguments);

    public static Block Seq(params ImmutableArray<Stmt> statements) => new(statements);

    public static For Loop(Var variable, int extent, Stmt body) => new(variable, extent, body);

    public static For UnrolledLoop(Var variable, int extent, Stmt body) => new(variable, extent, body, unroll: true);
}
