using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Quantized unary ops as the interpreter's QuantizedActivationKernels: relu/relu6/clip are
/// TFLite's QuantizedReluX (rescale by si/so, add zo, clamp to the quantized bounds),
/// leaky_relu picks the identity or the alpha multiplier by sign; abs and neg have no integer
/// kernel and are emulated in f32 exactly as the interpreter emulates them (dequantize, op,
/// quantize). The gemmlowp logistic/tanh and hard_swish are not lowered yet.
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

    private static Expr Emulated(GroupLowerer lowerer, Node node, Expr q, TensorType input, TensorType output)
    {
        var x = lowerer.Builder.Bind("real", ConversionLowering.Dequantized(node, q, input));
        return ConversionLowering.Quantized(node, ElementwiseLowering.FloatUnary(node, x), output, ConversionLowering.TfliteRounding);
    }
}
