namespace MicroTvm.Frontend.Onnx.Converters;

/// <summary>Axis normalisation with ONNX's negative-axis convention.</summary>
internal static class Axes
{
    public static int Normalize(NodeContext n, long axis, int rank)
    {
        var normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            throw n.Unsupported($"axis {axis} is out of range for rank {rank}");
        }

        return (int)normalized;
    }

    /// <summary>Axes from the attribute (older opsets) or the constant input (newer ones); null when neither is given.</summary>
    public static long[]? AttributeOrInput(NodeContext n, int input)
    {
        if (n.Ints("axes") is { } attribute)
        {
            return attribute;
        }

        return n.HasInput(input) ? ConstantTensors.Ints(n.RequireConstant(input, "axes"), "axes") : null;
    }

    public static long Product(ImmutableArray<int> shape, int from, int to)
    {
        long product = 1;
        for (var d = from; d < to; d++)
        {
            product *= shape[d];
        }

        return product;
    }
}
