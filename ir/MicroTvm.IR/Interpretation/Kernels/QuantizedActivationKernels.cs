namespace MicroTvm.IR.Interpretation;

/// <summary>
/// Quantized activations as TFLite's reference kernels compute them: relu/relu6/clip
/// (QuantizedReluX), leaky_relu (QuantizeLeakyRelu), prelu (BroadcastPrelu4DSlow), hard_swish
/// (reference_ops::HardSwish), and int8 logistic/tanh (reference_integer_ops, gemmlowp).
/// </summary>
internal static class QuantizedActivationKernels
{
    public static readonly Kernel Relu = ReluX(_ => (0f, float.PositiveInfinity));
    public static readonly Kernel Relu6 = ReluX(_ => (0f, 6f));
    public static readonly Kernel Clip = ReluX(node => ((float)node.GetFloat("min"), (float)node.GetFloat("max")));

    public static readonly Kernel LeakyRelu = context =>
    {
        var (input, type) = (context.Operand(0), context.ResultType);
        var (inputScale, inputZero) = QuantizedValues.PerTensor(input.Type, "input");
        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var alpha = (float)context.Node.GetFloat("alpha");
        var (alphaMultiplier, alphaShift) = FixedPoint.QuantizeMultiplier(inputScale * alpha / outputScale);
        var (identityMultiplier, identityShift) = FixedPoint.QuantizeMultiplier(inputScale / outputScale);
        return Map(context, q =>
        {
            var x = (int)(q - inputZero);
            var scaled = x >= 0
                ? FixedPoint.MultiplyByQuantizedMultiplier(x, identityMultiplier, identityShift)
                : FixedPoint.MultiplyByQuantizedMultiplier(x, alphaMultiplier, alphaShift);
            return Storage.Saturate(type.ElementType, outputZero + scaled);
        });
    };

    public static readonly Kernel Prelu = context =>
    {
        var (input, slope, type) = (context.Operand(0), context.Operand(1), context.ResultType);
        var (inputScale, inputZero) = QuantizedValues.PerTensor(input.Type, "input");
        var (slopeScale, slopeZero) = QuantizedValues.PerTensor(slope.Type, "slope");
        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var (identityMultiplier, identityShift) = FixedPoint.QuantizeMultiplier(inputScale / outputScale);
        var (slopeMultiplier, slopeShift) = FixedPoint.QuantizeMultiplier(inputScale * slopeScale / outputScale);
        var map = Layout.BroadcastMap(input.Shape, slope.Shape);
        var values = new double[input.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var x = (int)(input.Values[i] - inputZero);
            var scaled = x >= 0
                ? FixedPoint.MultiplyByQuantizedMultiplier(x, identityMultiplier, identityShift)
                : FixedPoint.MultiplyByQuantizedMultiplier(unchecked(x * (int)(slope.Values[map[i]] - slopeZero)), slopeMultiplier, slopeShift);
            values[i] = Storage.Saturate(type.ElementType, scaled + outputZero);
        }

        return KernelContext.One(new HostTensor(type, values));
    };

    public static readonly Kernel HardSwish = context =>
    {
        var (input, type) = (context.Operand(0), context.ResultType);
        var (inputScale, inputZero) = QuantizedValues.PerTensor(input.Type, "input");
        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var hiresInputScale = 1.0f / 128.0f * inputScale;
        const float reluishScale = 3.0f / 32768.0f;
        var (outputMultiplier32, outputExponent) = FixedPoint.QuantizeMultiplier(hiresInputScale / outputScale);
        var (reluishMultiplier32, reluishExponent) = FixedPoint.QuantizeMultiplier(hiresInputScale / reluishScale);
        var outputMultiplier = Fixed16.DownScaleMultiplier(outputMultiplier32);
        var reluishMultiplier = Fixed16.DownScaleMultiplier(reluishMultiplier32);
        return Map(context, q =>
        {
            var inputValue = unchecked((short)(q - inputZero));
            var hires = unchecked((short)(inputValue * (1 << 7)));
            var preshiftOutput = Fixed16.SaturatingRoundingDoublingHighMul(hires, outputMultiplier);
            var reluish = hires;
            if (reluishExponent > 0)
            {
                reluish = Fixed16.SaturatingLeftShift(reluish, reluishExponent - 1);
            }

            reluish = Fixed16.SaturatingRoundingDoublingHighMul(reluish, reluishMultiplier);
            if (reluishExponent > 0)
            {
                reluish = Fixed16.SaturatingLeftShift(reluish, 1);
            }

            if (reluishExponent < 0)
            {
                reluish = Fixed16.RoundingDivideByPot(reluish, -reluishExponent);
            }

            reluish = unchecked((short)((reluish + (1 << 15)) >> 1));
            var preshiftValue = Fixed16.SaturatingDoublingHighMul(reluish, preshiftOutput);
            var output = unchecked((short)(Fixed16.RoundingDivideByPot(preshiftValue, -outputExponent) + outputZero));
            return Storage.Saturate(type.ElementType, output);
        });
    };

    /// <summary>int8 logistic with TFLite's fixed output quantization (1/256, −128): gemmlowp's fixed-point logistic on a Q4 input.</summary>
    public static readonly Kernel Sigmoid = context =>
        IsInt8With(context, 1f / 256, -128)
            ? FixedPointQ4(context, input => Gemmlowp.Logistic(input, 4), output => FixedPoint.RoundingDivideByPot(output, 23) - 128)
            : Emulation.Run(context, ActivationKernels.Sigmoid);

    /// <summary>int8 tanh with TFLite's fixed output quantization (1/128, 0).</summary>
    public static readonly Kernel Tanh = context =>
        IsInt8With(context, 1f / 128, 0)
            ? FixedPointQ4(context, input => Gemmlowp.Tanh(input, 4), output => FixedPoint.RoundingDivideByPot(output, 24))
            : Emulation.Run(context, ActivationKernels.Tanh);

    private static Kernel ReluX(Func<Node, (float Min, float Max)> bounds) => context =>
    {
        var (input, type) = (context.Operand(0), context.ResultType);
        var (inputScale, inputZero) = QuantizedValues.PerTensor(input.Type, "input");
        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var (multiplier, shift) = FixedPoint.QuantizeMultiplier(inputScale / outputScale);
        var (minReal, maxReal) = bounds(context.Node);
        var min = float.IsNegativeInfinity(minReal)
            ? type.ElementType.MinValue()
            : Math.Max(type.ElementType.MinValue(), outputZero + (long)FixedPoint.Round(minReal / outputScale));
        var max = float.IsPositiveInfinity(maxReal)
            ? type.ElementType.MaxValue()
            : Math.Min(type.ElementType.MaxValue(), outputZero + (long)FixedPoint.Round(maxReal / outputScale));
        return Map(context, q => Math.Clamp(outputZero + FixedPoint.MultiplyByQuantizedMultiplier((int)(q - inputZero), multiplier, shift), min, max));
    };

    private static bool IsInt8With(KernelContext context, float outputScale, long outputZero) =>
        context.Operand(0).Type is { ElementType: ElementType.I8, Quantization.Scales.Length: 1 }
        && context.ResultType is { ElementType: ElementType.I8, Quantization: { } q }
        && q.Scales.Length == 1 && q.Scale == outputScale && q.ZeroPoint == outputZero;

    /// <summary>The shared shape of TFLite's int8 logistic and tanh: saturate outside the input radius, else evaluate on a Q4 input.</summary>
    private static ImmutableArray<HostTensor> FixedPointQ4(KernelContext context, Func<int, int> function, Func<int, int> rescale)
    {
        const int inputIntegerBits = 4;
        var (inputScale, inputZero) = QuantizedValues.PerTensor(context.Operand(0).Type, "input");
        var (fraction, leftShift) = FixedPoint.Frexp(inputScale * (double)(1 << (31 - inputIntegerBits)));
        var multiplier = (int)FixedPoint.Round(fraction * (1L << 31));
        var radius = FixedPoint.CalculateInputRadius(inputIntegerBits, leftShift);
        return Map(context, q =>
        {
            var x = (int)(q - inputZero);
            if (x <= -radius)
            {
                return sbyte.MinValue;
            }

            if (x >= radius)
            {
                return sbyte.MaxValue;
            }

            var inputQ4 = FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, leftShift);
            return Math.Clamp(rescale(function(inputQ4)), sbyte.MinValue, sbyte.MaxValue);
        });
    }

    private static ImmutableArray<HostTensor> Map(KernelContext context, Func<long, long> function)
    {
        var input = context.Operand(0);
        var values = new double[input.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = function((long)input.Values[i]);
        }

        return KernelContext.One(new HostTensor(context.ResultType, values));
    }
}
