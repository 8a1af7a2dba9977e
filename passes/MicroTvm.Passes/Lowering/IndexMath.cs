using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// i32 index arithmetic that folds constants (so a specialised kernel prints <c>oc</c>, not
/// <c>0 * 64 + oc</c>), and the row-major maps between multi-indices and flat buffer indices.
/// </summary>
internal static class IndexMath
{
    public static Expr Plus(Expr a, Expr b) => (a, b) switch
    {
        (IntImm { Value: 0 }, _) => b,
        (_, IntImm { Value: 0 }) => a,
        (IntImm x, IntImm y) => I32(checked((int)(x.Value + y.Value))),
        (_, IntImm { Value: < 0 } y) => Sub(a, I32(checked((int)-y.Value))),
        _ => Add(a, b),
    };

    public static Expr Plus(Expr a, int b) => Plus(a, I32(b));

    public static Expr Times(Expr a, int factor) => (a, factor) switch
    {
        (_, 0) or (IntImm { Value: 0 }, _) => I32(0),
        (_, 1) => a,
        (IntImm x, _) => I32(checked((int)(x.Value * factor))),
        _ => Mul(a, I32(factor)),
    };

    public static Expr Quotient(Expr a, int divisor) => (a, divisor) switch
    {
        (_, 1) => a,
        (IntImm x, _) => I32((int)(x.Value / divisor)),
        _ => Div(a, I32(divisor)),
    };

    public static Expr Modulo(Expr a, int divisor) => (a, divisor) switch
    {
        (_, 1) => I32(0),
        (IntImm x, _) => I32((int)(x.Value % divisor)),
        _ => Rem(a, I32(divisor)),
    };

    /// <summary>Σ index[d]·stride[d]; dimensions of extent 1 contribute nothing.</summary>
    public static Expr Linear(ImmutableArray<Expr> index, ImmutableArray<int> shape)
    {
        var strides = RowMajor.Strides(shape);
        Expr linear = I32(0);
        for (var d = 0; d < shape.Length; d++)
        {
            linear = shape[d] == 1 ? linear : Plus(linear, Times(index[d], strides[d]));
        }

        return linear;
    }

    /// <summary>The multi-index of a flat index: (linear / stride[d]) % shape[d].</summary>
    public static ImmutableArray<Expr> Unravel(Expr linear, ImmutableArray<int> shape)
    {
        var strides = RowMajor.Strides(shape);
        var index = ImmutableArray.CreateBuilder<Expr>(shape.Length);
        for (var d = 0; d < shape.Length; d++)
        {
            index.Add(shape[d] == 1 ? I32(0) : d == 0 ? Quotient(linear, strides[d]) : Modulo(Quotient(linear, strides[d]), shape[d]));
        }

        return index.MoveToImmutable();
    }

    /// <summary>NumPy broadcasting: the index of <paramref name="operand"/> read at <paramref name="index"/> of a result.</summary>
    public static ImmutableArray<Expr> Broadcast(ImmutableArray<Expr> index, ImmutableArray<int> operand)
    {
        var offset = index.Length - operand.Length;
        var result = ImmutableArray.CreateBuilder<Expr>(operand.Length);
        for (var d = 0; d < operand.Length; d++)
        {
            result.Add(operand[d] == 1 ? I32(0) : index[d + offset]);
        }

        return result.MoveToImmutable();
    }

    public static string Key(string value, ImmutableArray<Expr> index) =>
        value + "[" + string.Join(", ", index.Select(e => e.ToString())) + "]";
}
