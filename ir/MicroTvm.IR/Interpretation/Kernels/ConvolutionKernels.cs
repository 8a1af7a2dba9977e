namespace MicroTvm.IR.Interpretation;

/// <summary>
/// conv (OHWI filter, groups), depthwise_conv ([1, kernel…, C·multiplier]) and conv_transpose
/// ([Cout, kernel…, Cin]). The loops compute exact sums of products: in float for float tensors,
/// and of zero-point-shifted integers for quantized ones (exact in double), so the same loop
/// nest feeds <see cref="Requantization"/>. Padded taps contribute nothing (a real zero).
/// </summary>
internal static class ConvolutionKernels
{
    public static readonly Kernel Conv = context => Requantization.Finish(context, ConvSums(context), legacyScale: IsUint8(context));
    public static readonly Kernel DepthwiseConv = context => Requantization.Finish(context, DepthwiseSums(context), legacyScale: IsUint8(context));
    public static readonly Kernel ConvTranspose = context => Requantization.Finish(context, TransposeSums(context), legacyScale: false);

    private static double[] ConvSums(KernelContext context)
    {
        var (input, filter) = (Requantization.Shifted(context.Operand(0)), Requantization.Shifted(context.Operand(1)));
        var g = ConvGeometry.Create(context, context.Operand(0).Type, context.ResultType, KernelExtents(context.Operand(1).Type));
        var groups = (int)context.Node.GetInt("groups");
        if (groups <= 0 || g.InChannels % groups != 0 || g.OutChannels % groups != 0)
        {
            throw new InterpreterFailure($"groups {groups} must divide the channels {g.InChannels} and {g.OutChannels}");
        }

        var groupIn = g.InChannels / groups;
        var groupOut = g.OutChannels / groups;
        var sums = new double[g.OutputCount];
        for (var n = 0; n < g.Batch; n++)
            for (var oz = 0; oz < g.Output[0]; oz++)
                for (var oy = 0; oy < g.Output[1]; oy++)
                    for (var ox = 0; ox < g.Output[2]; ox++)
                        for (var oc = 0; oc < g.OutChannels; oc++)
                        {
                            var firstIn = oc / groupOut * groupIn;
                            var sum = 0.0;
                            for (var kz = 0; kz < g.Kernel[0]; kz++)
                                for (var ky = 0; ky < g.Kernel[1]; ky++)
                                    for (var kx = 0; kx < g.Kernel[2]; kx++)
                                    {
                                        var (iz, iy, ix) = (g.Tap(0, oz, kz), g.Tap(1, oy, ky), g.Tap(2, ox, kx));
                                        if (!g.Inside(0, iz) || !g.Inside(1, iy) || !g.Inside(2, ix))
                                        {
                                            continue;
                                        }

                                        var filterBase = ((((((oc * g.Kernel[0]) + kz) * g.Kernel[1]) + ky) * g.Kernel[2]) + kx) * groupIn;
                                        var inputBase = g.InputIndex(n, iz, iy, ix, firstIn);
                                        for (var ic = 0; ic < groupIn; ic++)
                                        {
                                            sum += input[inputBase + ic] * filter[filterBase + ic];
                                        }
                                    }

                            sums[g.OutputIndex(n, oz, oy, ox, oc)] = sum;
                        }

        return sums;
    }

    private static double[] DepthwiseSums(KernelContext context)
    {
        var (input, filter) = (Requantization.Shifted(context.Operand(0)), Requantization.Shifted(context.Operand(1)));
        var g = ConvGeometry.Create(context, context.Operand(0).Type, context.ResultType, KernelExtents(context.Operand(1).Type));
        var multiplier = (int)context.Node.GetInt("depth_multiplier");
        if (multiplier <= 0 || g.OutChannels != g.InChannels * multiplier)
        {
            throw new InterpreterFailure($"depthwise output has {g.OutChannels} channels, expected {g.InChannels} × {multiplier}");
        }

        var sums = new double[g.OutputCount];
        for (var n = 0; n < g.Batch; n++)
            for (var oz = 0; oz < g.Output[0]; oz++)
                for (var oy = 0; oy < g.Output[1]; oy++)
                    for (var ox = 0; ox < g.Output[2]; ox++)
                        for (var oc = 0; oc < g.OutChannels; oc++)
                        {
                            var sum = 0.0;
                            for (var kz = 0; kz < g.Kernel[0]; kz++)
                                for (var ky = 0; ky < g.Kernel[1]; ky++)
                                    for (var kx = 0; kx < g.Kernel[2]; kx++)
                                    {
                                        var (iz, iy, ix) = (g.Tap(0, oz, kz), g.Tap(1, oy, ky), g.Tap(2, ox, kx));
                                        if (g.Inside(0, iz) && g.Inside(1, iy) && g.Inside(2, ix))
                                        {
                                            var filterIndex = ((((((kz * g.Kernel[1]) + ky) * g.Kernel[2]) + kx) * g.OutChannels) + oc);
                                            sum += input[g.InputIndex(n, iz, iy, ix, oc / multiplier)] * filter[filterIndex];
                                        }
                                    }

                            sums[g.OutputIndex(n, oz, oy, ox, oc)] = sum;
                        }

        return sums;
    }

    /// <summary>Every input element scatters input × filter tap to output coordinate input·stride − pad_begin + k·dilation.</summary>
    private static double[] TransposeSums(KernelContext context)
    {
        var (input, filter) = (Requantization.Shifted(context.Operand(0)), Requantization.Shifted(context.Operand(1)));
        var inputType = context.Operand(0).Type;
        var outputType = context.ResultType;
        var g = ConvGeometry.Create(context, outputType, inputType, KernelExtents(context.Operand(1).Type));
        var sums = new double[Layout.Count(outputType.Shape)];
        for (var n = 0; n < g.Batch; n++)
            for (var iz = 0; iz < g.Output[0]; iz++)
                for (var iy = 0; iy < g.Output[1]; iy++)
                    for (var ix = 0; ix < g.Output[2]; ix++)
                        for (var kz = 0; kz < g.Kernel[0]; kz++)
                            for (var ky = 0; ky < g.Kernel[1]; ky++)
                                for (var kx = 0; kx < g.Kernel[2]; kx++)
                                {
                                    var (oz, oy, ox) = (g.Tap(0, iz, kz), g.Tap(1, iy, ky), g.Tap(2, ix, kx));
                                    if (!g.Inside(0, oz) || !g.Inside(1, oy) || !g.Inside(2, ox))
                                    {
                                        continue;
                                    }

                                    for (var oc = 0; oc < g.InChannels; oc++)
                                    {
                                        var filterBase = ((((((oc * g.Kernel[0]) + kz) * g.Kernel[1]) + ky) * g.Kernel[2]) + kx) * g.OutChannels;
                                        var inputBase = g.OutputIndex(n, iz, iy, ix, 0);
                                        var sum = 0.0;
                                        for (var ic = 0; ic < g.OutChannels; ic++)
                                        {
                                            sum += input[inputBase + ic] * filter[filterBase + ic];
                                        }

                                        sums[g.InputIndex(n, oz, oy, ox, oc)] += sum;
                                    }
                                }

        return sums;
    }

    /// <summary>TFLite's legacy uint8 kernels derive the multiplier from the f32 product of the input and filter scales.</summary>
    private static bool IsUint8(KernelContext context) => context.Operand(0).Type.ElementType == ElementType.U8;

    private static int[] KernelExtents(TensorType filter) => [.. filter.Shape.Skip(1).Take(filter.Rank - 2)];
}
