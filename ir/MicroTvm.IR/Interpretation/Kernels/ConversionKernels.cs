namespace MicroTvm.IR.Interpretation;

/// <summary>
/// constant, cast, quantize, dequantize and requantize. quantize rounds x / scale (f32) half
/// away from zero (TFLite) or half to even (ONNX QuantizeLinear, <c>rounding = "half_even"</c>).
/// requantize follows TFLite's Requantize: MultiplyByQuantizedMultiplier(q − zi, si/so) + zo;
/// with half_even it computes round_half_even((q − zi)·si/so) + zo in double.
/// </summary>
internal static class ConversionKernels
{
    public static readonly Kernel Constant = context =>
    {
        var data = context.Node.GetTensor("value");
        return KernelContext.One(HostTensor.FromData(data, data.Type));
    };

    /// <summary>Floats to integers truncate toward zero and saturate (NaN becomes 0); integers to integers wrap; anything to bool tests for non-zero.</summary>
    public static readonly Kernel Cast = context =>
    {
        var input = context.Operand(0);
        var target = context.ResultType.ElementType;
        var fromFloat = input.Type.ElementType == ElementType.F32;
        var values = new double[input.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var x = input.Values[i];
            values[i] = fromFloat && target.IsInteger()
                ? (double.IsNaN(x) ? 0 : Math.Clamp(Math.Truncate(x), target.MinValue(), target.MaxValue()))
                : Storage.Normalize(target, x);
        }

        return KernelContext.One(new HostTensor(context.ResultType, values));
    };

    public static readonly Kernel Dequantize = context => KernelContext.One(QuantizedValues.Dequantize(context.Operand(0)));

    public static readonly Kernel Requantize = context =>
    {
        var (input, type) = (context.Operand(0), context.ResultType);
        var (from, to) = (QuantizedValues.Require(input.Type), QuantizedValues.Require(type));
        var (inputChannels, outputChannels) = (ChannelIndexer.For(input.Type), ChannelIndexer.For(type));
        var halfEven = Rounding.Of(context.Node) == RoundingMode.HalfEven;
        var values = new double[input.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var (ci, co) = (inputChannels.Channel(i), outputChannels.Channel(i));
            var real = (double)from.Scales[ci] / to.Scales[co];
            var x = (long)input.Values[i] - from.ZeroPoints[ci];
            long scaled;
            if (halfEven)
            {
                scaled = (long)Math.Round(x * real, MidpointRounding.ToEven);
            }
            else
            {
                var (multiplier, shift) = FixedPoint.QuantizeMultiplier(real);
                scaled = FixedPoint.MultiplyByQuantizedMultiplier(unchecked((int)x), multiplier, shift);
            }

            values[i] = Storage.Saturate(type.ElementType, scaled + to.ZeroPoints[co]);
        }

        return KernelContext.One(new HostTensor(type, values));
    };

    public static readonly Kernel Quantize = context =>
    {
        var input = context.Operand(0);
        return input.Type.IsQuantized
            ? Requantize(context)
            : KernelContext.One(QuantizedValues.Quantize(input, context.ResultType, Rounding.Of(context.Node)));
    };
}
