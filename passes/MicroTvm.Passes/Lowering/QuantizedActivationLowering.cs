using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Quantized unary ops as the interpreter's QuantizedActivationKernels: relu/relu6/clip are
/// TFLite's QuantizedReluX (rescale by si/so, add zo, clamp to the quantized bounds),
/// leaky_relu picks the identity or the alpha multiplier by sign; abs and neg have no integer
/// kernel and are emulated in f32 exactly as the interpreter emulates them (dequantize, op,
/// quantize). int8 sigmoid and tanh with TFLite's fixed output quantization (1/256, −128 and
/// 1/128, 0) are TFLite's reference_integer_ops: saturate outside the input radius, else gemmlowp's
/// logistic or tanh of the input rescaled to Q4 (<see cref="GemmlowpExprs"/>), bit-exact. Other
/// quantized sigmoid/tanh (the interpreter emulates them in double) and hard_swish are not lowered.
/// </summary>
internal static class QuantizedActivationLowering
{
    public static Expr Unary(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var (input, output) = (lowerer.TypeOf(node.Operands[0]), node.Result.Type);
        if (!input.IsQuantized || !output.IsQuantized)
        {
            throw new LoweringUnsupportedException(node, "mixed quantized and float types are not lowered");
        }

        var q = lowerer.ValueAt(node.Operands[0], index);
        return node.Op.Name switch
        {
            "relu" => ReluX(node, q, input, output, 0f, float.PositiveInfinity),
            "relu6" => ReluX(node, q, input, output, 0f, 6f),
            "clip" => ReluX(node, q, input, output, (float)node.GetFloat("min"), (float)node.GetFloat("max")),
            "leaky_relu" => LeakyRelu(lowerer, node, q, input, output),
            "abs" or "neg" => Emulated(lowerer, node, q, input, output),
            "sigmoid" when IsInt8With(input, output, 1f / 256, -128) => FixedPointQ4(lowerer, node, q, input, (g, x) => g.Logistic(x, 4), 23, -128),
            "tanh" when IsInt8With(input, output, 1f / 128, 0) => FixedPointQ4(lowerer, node, q, input, (g, x) => g.Tanh(x, 4), 24, 0),
            _ => throw new LoweringUnsupportedException(node, $"quantized {node.Op.Name} is not lowered yet"),
        };
    }

    private static Expr ReluX(Node node, Expr q, TensorType input, TensorType output, float minReal, float maxReal)
    {
        var (inputScale, inputZero) = QuantizedParameters.PerTensor(node, input, "input");
        var (outputScale, outputZero) = QuantizedParameters.PerTensor(node, output, "output");
        var (multiplier, shift) = QuantizedParameters.Multiplier(node, inputScale / outputScale);
        var type = output.ElementType;
        var min = float.IsNegativeInfinity(minReal) ? type.MinValue() : Math.Max(type.MinValue(), outputZero + (long)FixedPoint.Round(minReal / outputScale));
        var max = float.IsPositiveInfinity(maxReal) ? type.MaxValue() : Math.Min(type.MaxValue(), outputZero + (long)FixedPoint.Round(maxReal / outputScale));
        var scaled = Requantize(QuantizedArithmeticLowering.Minus(q, inputZero), I32(multiplier), I32(shift));
        return min > max ? I32((int)min) : Registers.AddZeroPointClamped(scaled, outputZero, min, max);
    }

    private static Expr LeakyRelu(GroupLowerer lowerer, Node node, Expr q, TensorType input, TensorType output)
    {
        var (inputScale, inputZero) = QuantizedParameters.PerTensor(node, input, "input");
        var (outputScale, outputZero) = QuantizedParameters.PerTensor(node, output, "output");
        var alpha = (float)node.GetFloat("alpha");
        var (alphaMultiplier, alphaShift) = QuantizedParameters.Multiplier(node, inputScale * alpha / outputScale);
        var (identityMultiplier, identityShift) = QuantizedParameters.Multiplier(node, inputScale / outputScale);
        var x = lowerer.Builder.Bind("x", QuantizedArithmeticLowering.Minus(q, inputZero));
        var scaled = new Select(Ge(x, I32(0)), Requantize(x, I32(identityMultiplier), I32(identityShift)), Requantize(x, I32(alphaMultiplier), I32(alphaShift)));
        var type = output.ElementType;
        return Registers.AddZeroPointClamped(scaled, outputZero, type.MinValue(), type.MaxValue());
    }

    private static bool IsInt8With(TensorType input, TensorType output, float scale, long zeroPoint) =>
        input is { ElementType: ElementType.I8, Quantization.Scales.Length: 1 }
        && output is { ElementType: ElementType.I8, Quantization: { Scales.Length: 1 } q } && q.Scale == scale && q.ZeroPoint == zeroPoint;

    /// <summary>
    /// The interpreter's FixedPointQ4: x = q − zx; −128 / 127 at or beyond the input radius, else
    /// clamp(rounding_divide_by_pot(f(x·multiplier in Q4), exponent) + offset). x is clamped inside
    /// the radius before the rescale, since the kernel evaluates both arms of the select.
    /// </summary>
    private static Expr FixedPointQ4(GroupLowerer lowerer, Node node, Expr q, TensorType input, Func<GemmlowpExprs, Expr, Expr> function, int exponent, int offset)
    {
        const int inputIntegerBits = 4;
        var (inputScale, inputZero) = QuantizedParameters.PerTensor(node, input, "input");
        var (fraction, leftShift) = FixedPoint.Frexp(inputScale * (double)(1 << (31 - inputIntegerBits)));
        var multiplier = (long)FixedPoint.Round(fraction * (1L << 31));
        if (leftShift is < -31 or > 31 || multiplier > int.MaxValue)
        {
            throw new LoweringUnsupportedException(node, $"the input scale {inputScale} is out of the fixed-point range");
        }

        var radius = FixedPoint.CalculateInputRadius(inputIntegerBits, leftShift);
        var builder = lowerer.Builder;
        var x = builder.Bind("x", QuantizedArithmeticLowering.Minus(q, inputZero));
        var inside = Clamp(x, I32(-radius + 1), I32(radius - 1));
        var inputQ4 = builder.Bind("input_q4", Requantize(inside, I32((int)multiplier), I32(leftShift)));
        var value = Add(CallIntrinsic(Intrinsic.RoundingDivideByPot, function(new GemmlowpExprs(builder), inputQ4), I32(exponent)), I32(offset));
        var clamped = Clamp(value, I32(sbyte.MinValue), I32(sbyte.MaxValue));
        return new Select(Le(x, I32(-radius)), I32(sbyte.MinValue), new Select(Ge(x, I32(radius)), I32(sbyte.MaxValue), clamped));
    }

    private static Expr Emulated(GroupLowerer lowerer, Node node, Expr q, TensorType input, TensorType output)
    {
        var x = lowerer.Builder.Bind("real", ConversionLowering.Dequantized(node, q, input));
        return ConversionLowering.Quantized(node, ElementwiseLowering.FloatUnary(node, x), output, ConversionLowering.TfliteRounding);
    }
}
