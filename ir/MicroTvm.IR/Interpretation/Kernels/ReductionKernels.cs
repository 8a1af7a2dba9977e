namespace MicroTvm.IR.Interpretation;

/// <summary>
/// mean, sum, reduce_max and reduce_min over <c>axes</c> (empty: all) with <c>keepdims</c>.
/// Quantized mean follows TFLite's reference_integer_ops::Mean: Σ(q − zi) rescaled by
/// input_scale/output_scale with MultiplyByQuantizedMultiplier, divided by the count with
/// round-half-away integer division, plus zo. Quantized sum follows TFLite's
/// QuantizedMeanOrSum: round(Σq·s − zi·s·count) + zo with s = f32(input_scale/output_scale),
/// saturated. Quantized max/min act on stored values when the quantization is unchanged.
/// </summary>
internal static class ReductionKernels
{
    public static readonly Kernel Mean = Reduce(0, (a, x) => a + x, (a, count) => a / count);
    public static readonly Kernel Sum = Reduce(0, (a, x) => a + x, (a, _) => a);
    public static readonly Kernel ReduceMax = Reduce(double.NegativeInfinity, (a, x) => double.IsNaN(x) || x > a ? x : a, (a, _) => a);
    public static readonly Kernel ReduceMin = Reduce(double.PositiveInfinity, (a, x) => double.IsNaN(x) || x < a ? x : a, (a, _) => a);

    public static readonly Kernel QuantizedMean = context =>
    {
        var (input, type) = (context.Operand(0), context.ResultType);
        var (inputScale, inputZero) = QuantizedValues.PerTensor(input.Type, "input");
        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var (multiplier, shift) = FixedPoint.QuantizeMultiplier((double)inputScale / outputScale);
        var (sums, count) = Accumulate(context, q => q - inputZero);
        return Store(type, sums, total =>
        {
            long scaled = FixedPoint.MultiplyByQuantizedMultiplier(unchecked((int)(long)total), multiplier, shift);
            var mean = scaled > 0 ? (scaled + (count / 2)) / count : (scaled - (count / 2)) / count;
            return Storage.Saturate(type.ElementType, mean + outputZero);
        });
    };

    public static readonly Kernel QuantizedSum = context =>
    {
        var (input, type) = (context.Operand(0), context.ResultType);
        var (inputScale, inputZero) = QuantizedValues.PerTensor(input.Type, "input");
        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var scale = inputScale / outputScale;
        var (sums, count) = Accumulate(context, q => q);
        var bias = -inputZero * scale * count;
        return Store(type, sums, total => Storage.Saturate(type.ElementType, (long)FixedPoint.Round((float)total * scale + bias) + outputZero));
    };

    public static readonly Kernel QuantizedReduceMax = SameQuantization(ReduceMax);
    public static readonly Kernel QuantizedReduceMin = SameQuantization(ReduceMin);

    private static Kernel SameQuantization(Kernel kernel) => context =>
        Equals(context.Operand(0).Type.Quantization, context.ResultType.Quantization) ? kernel(context) : Emulation.Run(context, kernel);

    private static Kernel Reduce(double seed, Func<double, double, double> combine, Func<double, int, double> finish) => context =>
    {
        var input = context.Operand(0);
        var (map, outputCount, count) = Plan(context);
        var values = new double[outputCount];
        Array.Fill(values, seed);
        for (var i = 0; i < input.Length; i++)
        {
            values[map[i]] = combine(values[map[i]], input.Values[i]);
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = finish(values[i], count);
        }

        return KernelContext.One(HostTensor.Stored(context.ResultType, values));
    };

    private static (double[] Sums, int Count) Accumulate(KernelContext context, Func<long, long> term)
    {
        var input = context.Operand(0);
        var (map, outputCount, count) = Plan(context);
        var sums = new double[outputCount];
        for (var i = 0; i < input.Length; i++)
        {
            sums[map[i]] += term((long)input.Values[i]);
        }

        if (count == 0)
        {
            throw new InterpreterFailure("a quantized reduction over no elements has no value");
        }

        return (sums, count);
    }

    private static ImmutableArray<HostTensor> Store(TensorType type, double[] sums, Func<double, long> convert)
    {
        var values = new double[sums.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = convert(sums[i]);
        }

        return KernelContext.One(new HostTensor(type, values));
    }

    /// <summary>For every input element, the output element it reduces into; the output size; the elements per output.</summary>
    private static (int[] Map, int OutputCount, int Count) Plan(KernelContext context)
    {
        var input = context.Operand(0);
        var axes = ReductionInference.ReducedAxes(context.Node, input.Type.Rank, message => throw new InterpreterFailure(message))!;
        var kept = input.Shape.Select((extent, d) => axes.Contains(d) ? 1 : extent).ToImmutableArray();
        var strides = RowMajor.Strides(kept);
        var map = new int[input.Length];
        var index = new int[input.Type.Rank];
        for (var i = 0; i < map.Length; i++)
        {
            var target = 0;
            for (var d = 0; d < index.Length; d++)
            {
                target += axes.Contains(d) ? 0 : index[d] * strides[d];
            }

            map[i] = target;
            Layout.Increment(index, input.Shape);
        }

        var count = axes.Aggregate(1, (product, d) => product * input.Shape[d]);
        return (map, Layout.Count(kept), count);
    }
}
