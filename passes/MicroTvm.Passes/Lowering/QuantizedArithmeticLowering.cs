using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Quantized add, sub, mul, maximum and minimum as TFLite's reference kernels (and the
/// interpreter's QuantizedArithmeticKernels) compute them. add/sub: both inputs shifted left by
/// 20 (15 for int16) and rescaled to twice the larger input scale, summed, rescaled to the
/// output; mul: the product of the zero-point-shifted inputs rescaled by sa·sb/so. Every
/// multiplier and shift is a compile-time immediate. maximum/minimum act on stored values when
/// all quantizations agree, else through exact f32 emulation (dequantize, compare, quantize).
/// </summary>
internal static class QuantizedArithmeticLowering
{
    public static Expr Binary(BinaryOp op, GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var (leftType, rightType, output) = (lowerer.TypeOf(node.Operands[0]), lowerer.TypeOf(node.Operands[1]), node.Result.Type);
        var a = lowerer.ValueAt(node.Operands[0], IndexMath.Broadcast(index, leftType.Shape));
        var b = lowerer.ValueAt(node.Operands[1], IndexMath.Broadcast(index, rightType.Shape));
        if (op is BinaryOp.Max or BinaryOp.Min)
        {
            return MinMax(op, node, a, b, leftType, rightType, output);
        }

        if (!leftType.IsQuantized || !rightType.IsQuantized || !output.IsQuantized || output.ElementType is not (ElementType.I8 or ElementType.U8 or ElementType.I16))
        {
            throw new LoweringUnsupportedException(node, "mixed quantized and float operands are not lowered");
        }

        var (leftScale, leftZero) = QuantizedParameters.PerTensor(node, leftType, "lhs");
        var (rightScale, rightZero) = QuantizedParameters.PerTensor(node, rightType, "rhs");
        var (outputScale, outputZero) = QuantizedParameters.PerTensor(node, output, "output");
        var (min, max) = QuantizedParameters.ActivationRange(node, output);
        var builder = lowerer.Builder;
        if (op == BinaryOp.Mul)
        {
            var (multiplier, shift) = QuantizedParameters.Multiplier(node, (double)leftScale * rightScale / outputScale);
            var product = builder.Bind("product", Mul(Minus(a, leftZero), Minus(b, rightZero)));
            return Registers.AddZeroPointClamped(Requantize(product, I32(multiplier), I32(shift)), outputZero, min, max);
        }

        if (op is not (BinaryOp.Add or BinaryOp.Sub))
        {
            throw new LoweringUnsupportedException(node, "this quantized binary op is not lowered");
        }

        var leftShift = output.ElementType == ElementType.I16 ? 15 : 20;
        var twiceMaxInputScale = 2 * (double)Math.Max(leftScale, rightScale);
        var (leftMultiplier, leftExponent) = QuantizedParameters.Multiplier(node, leftScale / twiceMaxInputScale);
        var (rightMultiplier, rightExponent) = QuantizedParameters.Multiplier(node, rightScale / twiceMaxInputScale);
        var (outputMultiplier, outputExponent) = QuantizedParameters.Multiplier(node, twiceMaxInputScale / ((1 << leftShift) * (double)outputScale));
        var scaledLeft = builder.Bind("scaled_lhs", Requantize(Mul(Minus(a, leftZero), I32(1 << leftShift)), I32(leftMultiplier), I32(leftExponent)));
        var scaledRight = builder.Bind("scaled_rhs", Requantize(Mul(Minus(b, rightZero), I32(1 << leftShift)), I32(rightMultiplier), I32(rightExponent)));
        var raw = op == BinaryOp.Add ? Add(scaledLeft, scaledRight) : Sub(scaledLeft, scaledRight);
        return Registers.AddZeroPointClamped(Requantize(raw, I32(outputMultiplier), I32(outputExponent)), outputZero, min, max);
    }

    private static Expr MinMax(BinaryOp op, Node node, Expr a, Expr b, TensorType leftType, TensorType rightType, TensorType output)
    {
        if (Equals(leftType.Quantization, output.Quantization) && Equals(rightType.Quantization, output.Quantization))
        {
            return FloatActivation.Apply(node, QuantizedParameters.Activation(node), new Binary(op, a, b));
        }

        if (QuantizedParameters.Activation(node) != Activations.None)
        {
            throw new LoweringUnsupportedException(node, "an emulated quantized maximum/minimum with a fused activation is not lowered");
        }

        var x = ConversionLowering.Dequantized(node, a, leftType);
        var y = ConversionLowering.Dequantized(node, b, rightType);
        var chosen = new Select(op == BinaryOp.Max ? Gt(x, y) : Lt(x, y), x, y);
        return ConversionLowering.Quantized(node, chosen, output, ConversionLowering.TfliteRounding);
    }

    public static Expr Minus(Expr value, long zeroPoint) => zeroPoint switch
    {
        0 => value,
        < 0 => Add(value, I32((int)-zeroPoint)),
        _ => Sub(value, I32((int)zeroPoint)),
    };
}
