namespace MicroTvm.IR;

/// <summary>
/// conv: input [N, spatial…, Cin], filter [Cout, kernel…, Cin/groups] (OHWI), bias [Cout].
/// depthwise_conv: filter [1, kernel…, Cin·multiplier]. conv_transpose: filter [Cout, kernel…, Cin].
/// </summary>
internal static class ConvolutionInference
{
    public static ImmutableArray<TensorType> Conv(InferenceContext context)
    {
        var input = context.Operand(0);
        var filter = context.Operand(1);
        if (!InferenceRules.RequireRank(context, input, "input", 3, 5)
            || !InferenceRules.RequireRank(context, filter, "filter", input.Rank, input.Rank))
        {
            return default;
        }

        var spatial = input.Rank - 2;
        var groups = context.Node.GetInt("groups");
        var inChannels = input.Shape[^1];
        var outChannels = filter.Shape[0];
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            context.Error($"groups {groups} must divide both input channels {inChannels} and output channels {outChannels}");
            return default;
        }

        if (filter.Shape[^1] != inChannels / groups)
        {
            context.Error($"filter has {filter.Shape[^1]} input channels, expected {inChannels / groups} (input channels {inChannels} / groups {groups})");
            return default;
        }

        return Windowed(context, input, filter, spatial, outChannels);
    }

    public static ImmutableArray<TensorType> DepthwiseConv(InferenceContext context)
    {
        var input = context.Operand(0);
        var filter = context.Operand(1);
        if (!InferenceRules.RequireRank(context, input, "input", 3, 5)
            || !InferenceRules.RequireRank(context, filter, "filter", input.Rank, input.Rank))
        {
            return default;
        }

        var multiplier = context.Node.GetInt("depth_multiplier");
        var outChannels = input.Shape[^1] * multiplier;
        if (multiplier <= 0 || filter.Shape[0] != 1 || filter.Shape[^1] != outChannels)
        {
            context.Error($"depthwise filter must be [1, kernel…, {outChannels}] (channels {input.Shape[^1]} × multiplier {multiplier}), but is {InferenceRules.Format(filter.Shape)}");
            return default;
        }

        return Windowed(context, input, filter, input.Rank - 2, (int)outChannels);
    }

    public static ImmutableArray<TensorType> ConvTranspose(InferenceContext context)
    {
        var input = context.Operand(0);
        var filter = context.Operand(1);
        if (!InferenceRules.RequireRank(context, input, "input", 3, 5)
            || !InferenceRules.RequireRank(context, filter, "filter", input.Rank, input.Rank))
        {
            return default;
        }

        var spatial = input.Rank - 2;
        if (filter.Shape[^1] != input.Shape[^1])
        {
            context.Error($"filter has {filter.Shape[^1]} input channels, but the input has {input.Shape[^1]}");
            return default;
        }

        var window = SpatialWindow.FromNode(context.Node, spatial, context.Error);
        if (window is null)
        {
            return default;
        }

        var outputPadding = context.Node.GetInts("output_padding");
        if ((outputPadding.Length != 0 && outputPadding.Length != spatial) || outputPadding.Any(p => p < 0))
        {
            context.Error($"output_padding must have {spatial} non-negative values or none");
            return default;
        }

        var shape = new int[input.Rank];
        shape[0] = input.Shape[0];
        shape[^1] = filter.Shape[0];
        for (var d = 0; d < spatial; d++)
        {
            var extra = outputPadding.Length == 0 ? 0 : (int)outputPadding[d];
            shape[d + 1] = ((input.Shape[d + 1] - 1) * window.Strides[d]) - window.PadsBegin[d] - window.PadsEnd[d]
                + (window.Dilations[d] * (filter.Shape[d + 1] - 1)) + 1 + extra;
            if (shape[d + 1] < 0)
            {
                context.Error($"spatial dimension {d} would have extent {shape[d + 1]}: the padding exceeds the output");
                return default;
            }
        }

        return CheckBias(context, filter.Shape[0])
            ? InferenceRules.One(InferenceRules.FloatOrDeclared(context, 0, input.ElementType, [.. shape]))
            : default;
    }

    private static ImmutableArray<TensorType> Windowed(InferenceContext context, TensorType input, TensorType filter, int spatial, int outChannels)
    {
        var window = SpatialWindow.FromNode(context.Node, spatial, context.Error);
        if (window is null || !CheckBias(context, outChannels))
        {
            return default;
        }

        var shape = new int[input.Rank];
        shape[0] = input.Shape[0];
        shape[^1] = outChannels;
        for (var d = 0; d < spatial; d++)
        {
            shape[d + 1] = window.OutputExtent(d, input.Shape[d + 1], filter.Shape[d + 1]);
        }

        return InferenceRules.One(InferenceRules.FloatOrDeclared(context, 0, input.ElementType, [.. shape]));
    }

    private static bool CheckBias(InferenceContext context, int outChannels)
    {
        if (!context.HasOperand(2))
        {
            return true;
        }

        var bias = context.Operand(2);
        if (bias.ElementCount != outChannels)
        {
            context.Error($"bias has {bias.ElementCount} elements, expected {outChannels} (one per output channel)");
            return false;
        }

        return true;
    }
}
