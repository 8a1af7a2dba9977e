namespace MicroTvm.IR;

internal static class PoolingInference
{
    public static ImmutableArray<TensorType> Pool(InferenceContext context)
    {
        var input = context.Operand(0);
        if (!InferenceRules.RequireRank(context, input, "input", 3, 5))
        {
            return default;
        }

        var spatial = input.Rank - 2;
        var kernel = context.Node.GetInts("kernel");
        if (kernel.Length != spatial || kernel.Any(k => k <= 0))
        {
            context.Error($"kernel must have {spatial} positive values, but is [{string.Join(", ", kernel)}]");
            return default;
        }

        var window = SpatialWindow.FromNode(context.Node, spatial, context.Error);
        if (window is null)
        {
            return default;
        }

        var ceilMode = context.Node.GetBool("ceil_mode");
        var shape = input.Shape.ToArray();
        for (var d = 0; d < spatial; d++)
        {
            shape[d + 1] = window.OutputExtent(d, input.Shape[d + 1], (int)kernel[d], ceilMode);
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, [.. shape]));
    }

    public static ImmutableArray<TensorType> GlobalPool(InferenceContext context)
    {
        var input = context.Operand(0);
        if (!InferenceRules.RequireRank(context, input, "input", 3, 5))
        {
            return default;
        }

        var shape = input.Shape.ToArray();
        for (var d = 1; d < shape.Length - 1; d++)
        {
            shape[d] = 1;
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, [.. shape]));
    }
}
