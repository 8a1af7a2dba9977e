namespace MicroTvm.Frontend.Onnx.Converters;

/// <summary>
/// Conv and ConvTranspose (float and, through <see cref="ConvCore"/>, integer): the input is
/// transposed to channels-last, the filter re-laid-out (at import when it is a constant), and
/// the result transposed back. Conv with one input channel per group becomes depthwise_conv.
/// </summary>
internal static class ConvolutionConverters
{
    public static void Conv(NodeContext n) => ConvCore(n, 0, 1, 2, null, Attrs.None);

    /// <summary>A convolution reading x, w and the optional bias at the given inputs.</summary>
    public static void ConvCore(NodeContext n, int x, int w, int bias, TensorType? declared, ImmutableSortedDictionary<string, Attribute> extra)
    {
        var input = n.InputType(x);
        var filter = n.InputType(w);
        var rank = input.Rank;
        if (rank is < 3 or > 5 || filter.Rank != rank)
        {
            throw n.Unsupported($"input {input} and filter {filter} must have the same rank, 3 to 5");
        }

        var kernel = CheckKernel(n, filter.Shape.AsSpan()[2..]);
        var window = OnnxWindow.Read(n, input.Shape.AsSpan()[2..], kernel);
        var group = n.Int("group", 1);
        var channels = input.Shape[1];
        var depthwise = group > 1 && group == channels && filter.Shape[1] == 1;
        var filterValue = Filter(n, w, depthwise ? Layouts.MoveFirstToLast(rank) : Layouts.ConvFilter(rank));
        var grouping = depthwise
            ? ("depth_multiplier", Attrs.Int(filter.Shape[0] / Math.Max(channels, 1)))
            : ("groups", Attrs.Int(group));
        var attributes = window.ToAttributes([grouping, .. extra.Select(p => (p.Key, p.Value))]);
        ImmutableArray<string> operands = n.HasInput(bias)
            ? [n.ChannelsLast(n.Input(x)), filterValue, n.Input(bias)]
            : [n.ChannelsLast(n.Input(x)), filterValue];
        var result = n.Emit(depthwise ? Ops.DepthwiseConv : Ops.Conv, n.Temp("nhwc"), operands, attributes, declared);
        n.ChannelsFirst(result, n.Output());
    }

    /// <summary>
    /// ONNX's filter is [Cin, Cout/group, k…]. Output extents follow <c>output_shape</c> when given
    /// (the total padding derived from it), else pads / auto_pad and <c>output_padding</c>.
    /// </summary>
    public static void ConvTranspose(NodeContext n)
    {
        var input = n.InputType(0);
        var filter = n.InputType(1);
        var rank = input.Rank;
        if (rank is < 3 or > 5 || filter.Rank != rank)
        {
            throw n.Unsupported($"input {input} and filter {filter} must have the same rank, 3 to 5");
        }

        if (n.Int("group", 1) != 1)
        {
            throw n.Unsupported($"group {n.Int("group", 1)} is not supported (the IR's conv_transpose has no groups)");
        }

        var spatial = rank - 2;
        var kernel = CheckKernel(n, filter.Shape.AsSpan()[2..]);
        var strides = n.Ints("strides") ?? [.. Enumerable.Repeat(1L, spatial)];
        var dilations = n.Ints("dilations") ?? [.. Enumerable.Repeat(1L, spatial)];
        var outputPadding = n.Ints("output_padding") ?? new long[spatial];
        if (strides.Length != spatial || dilations.Length != spatial || outputPadding.Length != spatial
            || strides.Any(s => s <= 0) || dilations.Any(d => d <= 0))
        {
            throw n.Unsupported("strides, dilations and output_padding need one positive value per spatial dimension");
        }

        var pads = TransposedPads(n, input.Shape.AsSpan()[2..], kernel, strides, dilations, outputPadding);
        var attributes = Attrs.Of(
            ("strides", Attrs.Ints(strides)),
            ("dilations", Attrs.Ints(dilations)),
            ("pads", Attrs.Ints(pads)),
            ("output_padding", Attrs.Ints(outputPadding)));
        var filterValue = Filter(n, 1, Layouts.MoveFirstToLast(rank));
        ImmutableArray<string> operands = n.HasInput(2)
            ? [n.ChannelsLast(n.Input(0)), filterValue, n.Input(2)]
            : [n.ChannelsLast(n.Input(0)), filterValue];
        var result = n.Emit(Ops.ConvTranspose, n.Temp("nhwc"), operands, attributes);
        n.ChannelsFirst(result, n.Output());
    }

    /// <summary>The filter permuted for the IR: at import for a constant, by a transpose node otherwise.</summary>
    public static string Filter(NodeContext n, int index, int[] perm) =>
        n.ConstantInput(index) is { } constant
            ? n.Constant(ConstantTensors.Permute(constant, perm), "filter")
            : n.Transpose(n.Input(index), perm, "filter");

    private static int[] CheckKernel(NodeContext n, ReadOnlySpan<int> filterKernel)
    {
        var kernel = filterKernel.ToArray();
        if (n.Ints("kernel_shape") is { } declared && !declared.SequenceEqual(kernel.Select(k => (long)k)))
        {
            throw n.Unsupported($"kernel_shape [{string.Join(", ", declared)}] differs from the filter's [{string.Join(", ", kernel)}]");
        }

        return kernel;
    }

    private static long[] TransposedPads(NodeContext n, ReadOnlySpan<int> extents, int[] kernel, long[] strides, long[] dilations, long[] outputPadding)
    {
        var spatial = extents.Length;
        var autoPad = n.String("auto_pad", "NOTSET");
        var outputShape = n.Ints("output_shape");
        if (outputShape is { Length: > 0 } && outputShape.Length != spatial)
        {
            outputShape = outputShape.Length == spatial + 2 ? outputShape[2..] : throw n.Unsupported("output_shape needs one value per spatial dimension");
        }

        if (outputShape is null && autoPad is "NOTSET" or "VALID")
        {
            var explicitPads = autoPad == "VALID" ? null : n.Ints("pads");
            return explicitPads ?? new long[2 * spatial];
        }

        var pads = new long[2 * spatial];
        for (var d = 0; d < spatial; d++)
        {
            var target = outputShape is { Length: > 0 } ? outputShape[d] : extents[d] * strides[d];
            var total = (strides[d] * (extents[d] - 1)) + outputPadding[d] + (((kernel[d] - 1) * dilations[d]) + 1) - target;
            if (total < 0)
            {
                // ONNX's reference grows the output at the end, as output_padding does.
                outputPadding[d] -= total;
                continue;
            }

            var half = total / 2;
            (pads[d], pads[d + spatial]) = autoPad == "SAME_UPPER" ? (half, total - half) : (total - half, half);
        }

        return pads;
    }
}
