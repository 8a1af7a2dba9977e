using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Float and plain-integer elementwise ops with NumPy broadcasting (the operand index drops
/// leading dimensions and reads index 0 of extent-1 ones), then the fused activation. f32
/// add/sub/mul/div are bit-exact with the interpreter (a double result of two f32 operands
/// rounds to the same f32); maximum/minimum reproduce Math.Max/Min including ±0. Integer results
/// wrap like the interpreter's storage: computed in i64 and cast back. Quantized tensors go to
/// <see cref="QuantizedArithmeticLowering"/>.
/// </summary>
internal static class ElementwiseLowering
{
    public static ElementRule Binary(BinaryOp op) => (lowerer, node, index) =>
    {
        if (IsQuantized(lowerer, node))
        {
            return QuantizedArithmeticLowering.Binary(op, lowerer, node, index);
        }

        var output = node.Result.Type;
        var a = lowerer.ValueAt(node.Operands[0], IndexMath.Broadcast(index, lowerer.TypeOf(node.Operands[0]).Shape));
        var b = lowerer.ValueAt(node.Operands[1], IndexMath.Broadcast(index, lowerer.TypeOf(node.Operands[1]).Shape));
        var value = output.ElementType switch
        {
            ElementType.F32 => Float(op, a, b),
            ElementType.I8 or ElementType.U8 or ElementType.I16 or ElementType.I32 when op != BinaryOp.Div => Wrapped(output.ElementType, op, a, b),
            _ => throw new LoweringUnsupportedException(node, $"{node.Op.Name} on {output.ElementType.Mnemonic()} is not lowered"),
        };
        return FloatActivation.Apply(node, QuantizedParameters.Activation(node), lowerer.Builder.Bind("t", value));
    };

    public static Expr Unary(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        if (IsQuantized(lowerer, node))
        {
            return QuantizedActivationLowering.Unary(lowerer, node, index);
        }

        var x = lowerer.ValueAt(node.Operands[0], index);
        if (x.Type != ElementType.F32)
        {
            throw new LoweringUnsupportedException(node, $"{node.Op.Name} on {node.Result.Type.ElementType.Mnemonic()} is not lowered");
        }

        return FloatUnary(node, x);
    }

    /// <summary>A float unary op on a register; approximations (exp, log, tanh, sigmoid) are within tolerance, the rest exact.</summary>
    public static Expr FloatUnary(Node node, Expr x) => node.Op.Name switch
    {
        "relu" => FloatActivation.Apply(node, Activations.Relu, x),
        "relu6" => FloatActivation.ClampLike(x, 0, 6),
        "clip" => Clip(x, node.GetFloat("min"), node.GetFloat("max")),
        "leaky_relu" => new Select(Ge(x, F32(0)), x, Mul(F32((float)node.GetFloat("alpha")), x)),
        "abs" => new Select(Le(x, F32(0)), Sub(F32(0), x), x),
        "neg" => Mul(x, F32(-1)),
        "sqrt" => CallIntrinsic(Intrinsic.Sqrt, x),
        "exp" => CallIntrinsic(Intrinsic.Exp, x),
        "log" => CallIntrinsic(Intrinsic.Log, x),
        "tanh" => CallIntrinsic(Intrinsic.Tanh, x),
        "sigmoid" => Div(F32(1), Add(F32(1), CallIntrinsic(Intrinsic.Exp, Mul(x, F32(-1))))),
        "rsqrt" => Div(F32(1), CallIntrinsic(Intrinsic.Sqrt, x)),
        "hard_swish" => Div(Mul(x, FloatActivation.ClampLike(Add(x, F32(3)), 0, 6)), F32(6)),
        _ => throw new LoweringUnsupportedException(node, "lower-to-kernels has no float lowering for this op yet"),
    };

    /// <summary>Math.Min(Math.Max(x, min), max) with NaN passing through.</summary>
    private static Expr Clip(Expr x, double min, double max)
    {
        Expr low = double.IsNegativeInfinity(min) ? x : new Select(Le(x, F32((float)min)), F32((float)min), x);
        return double.IsPositiveInfinity(max) ? low : new Select(Ge(low, F32((float)max)), F32((float)max), low);
    }

    private static Expr Float(BinaryOp op, Expr a, Expr b) => op switch
    {
        BinaryOp.Max => MinMax(a, b, Gt, plus: true),
        BinaryOp.Min => MinMax(a, b, Lt, plus: false),
        _ => new Binary(op, a, b),
    };

    /// <summary>
    /// .NET's Math.Max/Min behind the interpreter's NaN check: the larger (smaller) value; NaN if either is;
    /// for equal values a + b (max) or −(−a − b) (min), which picks the right zero when they are ±0.
    /// </summary>
    private static Expr MinMax(Expr a, Expr b, Func<Expr, Expr, Binary> better, bool plus)
    {
        Expr tie = plus ? Add(a, b) : Mul(Sub(Mul(a, F32(-1)), b), F32(-1));
        var equal = new Select(Eq(a, F32(0)), tie, a);
        return new Select(Or(Ne(a, a), better(a, b)), a, new Select(Or(Ne(b, b), better(b, a)), b, equal));
    }

    private static Expr Wrapped(ElementType type, BinaryOp op, Expr a, Expr b)
    {
        if (op is BinaryOp.Max or BinaryOp.Min)
        {
            return new Binary(op, a, b);
        }

        var wide = new Binary(op, CastTo(ElementType.I64, a), CastTo(ElementType.I64, b));
        return Registers.Widen(CastTo(type, wide));
    }

    private static bool IsQuantized(GroupLowerer lowerer, Node node) =>
        node.Result.Type.IsQuantized || node.Operands.Any(o => o.Length > 0 && lowerer.TypeOf(o).IsQuantized);
}
