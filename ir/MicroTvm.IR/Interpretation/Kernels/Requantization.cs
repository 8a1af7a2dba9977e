namespace MicroTvm.IR.Interpretation;

/// <summary>
/// The epilogue shared by conv, depthwise_conv, conv_transpose, fully_connected and matmul.
/// Float: sum + bias, rounded to f32, then the fused activation. Quantized, with
/// <c>rounding = "tflite"</c>: acc = Σ(x − zx)(w − zw) + bias in int32 (int64 for 16x8 inputs),
/// then MultiplyByQuantizedMultiplier with a per-channel multiplier from
/// input_scale·filter_scale/output_scale, plus the output zero point, clamped to the activation
/// range. With <c>rounding = "half_even"</c> (ONNX QLinear*): round_half_even(acc · m) + zy with
/// m = f32(sx·sw/sy) and the product in double. An unquantized integer output (ConvInteger,
/// MatMulInteger) is the accumulator itself.
/// </summary>
internal static class Requantization
{
    /// <summary>Stored values minus their zero points (per channel), or the float values of an unquantized tensor.</summary>
    public static double[] Shifted(HostTensor tensor)
    {
        if (tensor.Type.Quantization is not { } quantization)
        {
            return tensor.Values;
        }

        var channels = ChannelIndexer.For(tensor.Type);
        var values = new double[tensor.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = tensor.Values[i] - quantization.ZeroPoints[channels.Channel(i)];
        }

        return values;
    }

    /// <param name="legacyScale">TFLite's GetQuantizedConvolutionMultipler: the multiplier is (double)(f32 input_scale·filter_scale) / output_scale.</param>
    public static ImmutableArray<HostTensor> Finish(KernelContext context, double[] sums, bool legacyScale, int biasOperand = 2)
    {
        var type = context.ResultType;
        var channels = type.Rank == 0 ? 1 : type.Shape[^1];
        if (sums.Length != type.ElementCount)
        {
            throw new InterpreterFailure($"the operands produce {sums.Length} elements but the result {type} has {type.ElementCount}");
        }

        var bias = context.Node.Op.Operands.Length > biasOperand ? context.OptionalOperand(biasOperand) : null;
        if (bias is not null && bias.Length != channels)
        {
            throw new InterpreterFailure($"bias has {bias.Length} elements, expected {channels}");
        }

        var values = new double[sums.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = sums[i] + (bias?.Values[i % channels] ?? 0);
        }

        if (!NodeEvaluator.IsQuantized(context))
        {
            var activation = ActivationRange.Of(context.Node);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ActivationRange.ApplyFloat(activation, (float)values[i]);
            }

            return KernelContext.One(HostTensor.Stored(type, values));
        }

        if (!type.IsQuantized)
        {
            return KernelContext.One(HostTensor.Stored(type, values));
        }

        Requantize(context, values, channels, legacyScale);
        return KernelContext.One(new HostTensor(type, values));
    }

    private static void Requantize(KernelContext context, double[] values, int channels, bool legacyScale)
    {
        var type = context.ResultType;
        var input = context.Operand(0).Type;
        var (inputScale, _) = QuantizedValues.PerTensor(input, "input");
        var filterScales = QuantizedValues.Require(context.Operand(1).Type).Scales;
        if (filterScales.Length != 1 && filterScales.Length != channels)
        {
            throw new InterpreterFailure($"filter has {filterScales.Length} scales for {channels} output channels");
        }

        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var (min, max) = ActivationRange.Quantized(ActivationRange.Of(context.Node), type);
        var wide = input.ElementType == ElementType.I16;
        var rounding = Rounding.Of(context.Node);
        var multipliers = new (int Multiplier, int Shift)[channels];
        var factors = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var filterScale = filterScales.Length == 1 ? filterScales[0] : filterScales[c];
            var real = legacyScale ? (double)(inputScale * filterScale) / outputScale : (double)inputScale * filterScale / outputScale;
            multipliers[c] = FixedPoint.QuantizeMultiplier(real);
            factors[c] = inputScale * filterScale / outputScale;
        }

        for (var i = 0; i < values.Length; i++)
        {
            var c = i % channels;
            long result;
            if (rounding == RoundingMode.HalfEven)
            {
                result = (long)Math.Clamp(Math.Round(values[i] * factors[c], MidpointRounding.ToEven), long.MinValue / 4, long.MaxValue / 4) + outputZero;
            }
            else if (wide)
            {
                result = FixedPoint.MultiplyByQuantizedMultiplier((long)values[i], multipliers[c].Multiplier, multipliers[c].Shift) + outputZero;
            }
            else
            {
                result = FixedPoint.MultiplyByQuantizedMultiplier(unchecked((int)(long)values[i]), multipliers[c].Multiplier, multipliers[c].Shift) + outputZero;
            }

            values[i] = Math.Clamp(result, min, max);
        }
    }
}
