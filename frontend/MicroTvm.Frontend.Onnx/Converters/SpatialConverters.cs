namespace MicroTvm.Frontend.Onnx.Converters;

/// <summary>Pooling and batch normalisation: channels-first ops computed channels-last between transposes.</summary>
internal static class SpatialConverters
{
    public static void Pool(NodeContext n, OpDefinition op)
    {
        var input = n.InputType(0);
        if (input.Rank is < 3 or > 5)
        {
            throw n.Unsupported($"input {input} must have rank 3 to 5");
        }

        if (n.IsOutputUsed(1))
        {
            throw n.Unsupported("the Indices output is not supported");
        }

        var kernel = n.Ints("kernel_shape") ?? throw n.Unsupported("kernel_shape is required");
        if (kernel.Length != input.Rank - 2 || kernel.Any(k => k <= 0 || k > int.MaxValue))
        {
            throw n.Unsupported($"kernel_shape [{string.Join(", ", kernel)}] needs {input.Rank - 2} positive values");
        }

        var window = OnnxWindow.Read(n, input.Shape.AsSpan()[2..], [.. kernel.Select(k => (int)k)]);
        var attributes = window.ToAttributes(
            ("kernel", Attrs.Ints(kernel)),
            ("ceil_mode", Attrs.Bool(n.Int("ceil_mode", 0) != 0)),
            ("count_include_pad", Attrs.Bool(n.Int("count_include_pad", 0) != 0)));
        var result = n.Emit(op, n.Temp("nhwc"), [n.ChannelsLast(n.Input(0))], attributes);
        n.ChannelsFirst(result, n.Output());
    }

    public static void GlobalPool(NodeContext n, OpDefinition op)
    {
        var input = n.InputType(0);
        if (input.Rank is < 3 or > 5)
        {
            throw n.Unsupported($"input {input} must have rank 3 to 5");
        }

        var result = n.Emit(op, n.Temp("nhwc"), [n.ChannelsLast(n.Input(0))]);
        n.ChannelsFirst(result, n.Output());
    }

    /// <summary>Inference only: normalises with the given mean and variance over channel axis 1.</summary>
    public static void BatchNormalization(NodeContext n)
    {
        if (n.Int("training_mode", 0) != 0 || n.IsOutputUsed(1) || n.IsOutputUsed(2))
        {
            throw n.Unsupported("training mode (batch statistics, running mean and variance outputs) is not supported; inference only");
        }

        var input = n.InputType(0);
        if (input.Rank < 2)
        {
            throw n.Unsupported($"input {input} needs a channel axis");
        }

        var attributes = Attrs.Of(("epsilon", Attrs.Float(n.Float("epsilon", 1e-5f))));
        ImmutableArray<string> parameters = [n.Input(1), n.Input(2), n.Input(3), n.Input(4)];
        if (input.Rank == 2)
        {
            n.Emit(Ops.BatchNorm, n.Output(), [n.Input(0), .. parameters], attributes);
            return;
        }

        var result = n.Emit(Ops.BatchNorm, n.Temp("nhwc"), [n.ChannelsLast(n.Input(0)), .. parameters], attributes);
        n.ChannelsFirst(result, n.Output());
    }
}
