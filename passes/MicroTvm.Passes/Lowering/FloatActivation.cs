using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Float activations with the interpreter's NaN and signed-zero behaviour: relu is .NET's
/// Math.Max(x, 0) (NaN stays NaN, −0 becomes +0), relu6 and relu_n1_to_1 are Math.Clamp
/// (−0 stays −0), tanh is the tanh intrinsic (as exact as the libm). Integer registers use the
/// same bounds.
/// </summary>
internal static class FloatActivation
{
    public static Expr Apply(Node node, string activation, Expr x) => activation switch
    {
        Activations.None => x,
        Activations.Relu => Select(Le(x, Zero(x)), Zero(x), x),
        Activations.Relu6 => ClampLike(x, 0, 6),
        Activations.ReluN1To1 => ClampLike(x, -1, 1),
        Activations.Tanh when x.Type == ElementType.F32 => CallIntrinsic(Intrinsic.Tanh, x),
        _ => throw new LoweringUnsupportedException(node, $"fused activation '{activation}' on {x.Type.Mnemonic()} is not lowered"),
    };

    /// <summary>Math.Clamp: below the minimum gives the minimum, above the maximum the maximum, otherwise (NaN included) the value.</summary>
    public static Expr ClampLike(Expr x, double min, double max)
    {
        var (low, high) = (Registers.Immediate(x.Type, min), Registers.Immediate(x.Type, max));
        return Select(Lt(x, low), low, Select(Gt(x, high), high, x));
    }

    private static Expr Zero(Expr x) => Registers.Immediate(x.Type, 0);

    private static Select Select(Expr condition, Expr a, Expr b) => new(condition, a, b);
}
