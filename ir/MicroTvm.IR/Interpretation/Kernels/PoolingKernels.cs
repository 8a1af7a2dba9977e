namespace MicroTvm.IR.Interpretation;

/// <summary>
/// max_pool, avg_pool and the global pools. Windows follow ONNX: taps at
/// o·stride − pad_begin + k·dilation; taps outside the input are skipped by max and by avg
/// without count_include_pad; with count_include_pad the divisor also counts taps inside the
/// padding (those before input + pad_end; taps a ceil-mode window puts beyond the end padding
/// never count). Quantized pools (same quantization in and out) work on stored values as
/// TFLite's reference kernels do: avg with round-half-away integer division, padding counted
/// as the zero point.
/// </summary>
internal static class PoolingKernels
{
    public static readonly Kernel MaxPool = context => Pool(context, PoolKind.Max);
    public static readonly Kernel AvgPool = context => Pool(context, PoolKind.Average);
    public static readonly Kernel GlobalMaxPool = context => Pool(context, PoolKind.Max, global: true);
    public static readonly Kernel GlobalAvgPool = context => Pool(context, PoolKind.Average, global: true);

    public static readonly Kernel QuantizedMaxPool = Quantized(MaxPool);
    public static readonly Kernel QuantizedAvgPool = Quantized(AvgPool);
    public static readonly Kernel QuantizedGlobalMaxPool = Quantized(GlobalMaxPool);
    public static readonly Kernel QuantizedGlobalAvgPool = Quantized(GlobalAvgPool);

    private enum PoolKind
    {
        Max,
        Average,
    }

    private static Kernel Quantized(Kernel pool) => context =>
        Equals(context.Operand(0).Type.Quantization, context.ResultType.Quantization) && context.ResultType.Quantization!.Scales.Length == 1
            ? pool(context)
            : Emulation.Run(context, pool);

    private static ImmutableArray<HostTensor> Pool(KernelContext context, PoolKind kind, bool global = false)
    {
        var input = context.Operand(0);
        var type = context.ResultType;
        var kernel = global ? input.Shape.Skip(1).Take(input.Type.Rank - 2).ToArray() : [.. context.Node.GetInts("kernel").Select(k => (int)k)];
        var g = ConvGeometry.Create(context, input.Type, type, kernel, global ? ConvGeometry.Plain(input.Type.Rank - 2) : null);
        var includePad = !global && context.Node.GetBool("count_include_pad");
        var quantization = type.Quantization;
        var activation = global ? Activations.None : ActivationRange.Of(context.Node);
        var (min, max) = quantization is null ? (0L, 0L) : ActivationRange.Quantized(activation, type);
        var zeroPoint = quantization?.ZeroPoint ?? 0;
        var values = new double[g.OutputCount];
        for (var n = 0; n < g.Batch; n++)
            for (var oz = 0; oz < g.Output[0]; oz++)
                for (var oy = 0; oy < g.Output[1]; oy++)
                    for (var ox = 0; ox < g.Output[2]; ox++)
                        for (var c = 0; c < g.OutChannels; c++)
                        {
                            var (sum, best, count, padded) = (0.0, double.NegativeInfinity, 0, 0);
                            for (var kz = 0; kz < g.Kernel[0]; kz++)
                                for (var ky = 0; ky < g.Kernel[1]; ky++)
                                    for (var kx = 0; kx < g.Kernel[2]; kx++)
                                    {
                                        var (iz, iy, ix) = (g.Tap(0, oz, kz), g.Tap(1, oy, ky), g.Tap(2, ox, kx));
                                        if (g.Inside(0, iz) && g.Inside(1, iy) && g.Inside(2, ix))
                                        {
                                            var x = input.Values[g.InputIndex(n, iz, iy, ix, c)];
                                            sum += x;
                                            best = double.IsNaN(x) || x > best ? x : best;
                                            count++;
                                        }
                                        else if (iz < g.Input[0] + g.PadsEnd[0] && iy < g.Input[1] + g.PadsEnd[1] && ix < g.Input[2] + g.PadsEnd[2])
                                        {
                                            padded++;
                                        }
                                    }

                            if (includePad)
                            {
                                sum += padded * zeroPoint;
                                count += padded;
                            }

                            var index = g.OutputIndex(n, oz, oy, ox, c);
                            if (count == 0)
                            {
                                values[index] = quantization is null ? double.NaN : zeroPoint;
                            }
                            else if (quantization is null)
                            {
                                var value = kind == PoolKind.Max ? best : (float)sum / (float)count;
                                values[index] = ActivationRange.ApplyFloat(activation, (float)value);
                            }
                            else
                            {
                                var total = (long)sum;
                                var value = kind == PoolKind.Max ? (long)best : total > 0 ? (total + (count / 2)) / count : (total - (count / 2)) / count;
                                values[index] = Math.Clamp(value, min, max);
                            }
                        }

        return KernelContext.One(HostTensor.Stored(type, values));
    }
}
