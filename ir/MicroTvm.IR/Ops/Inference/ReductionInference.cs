namespace MicroTvm.IR;

/// <summary>mean, sum, reduce_max, reduce_min over <c>axes</c> (empty: every axis), keeping reduced axes as 1 when <c>keepdims</c>.</summary>
internal static class ReductionInference
{
    public static ImmutableArray<TensorType> Reduce(InferenceContext context)
    {
        var input = context.Operand(0);
        var axes = ReducedAxes(context.Node, input.Rank, context.Error);
        if (axes is null)
        {
            return default;
        }

        var keep = context.Node.GetBool("keepdims");
        var shape = new List<int>();
        for (var d = 0; d < input.Rank; d++)
        {
            if (!axes.Contains(d))
            {
                shape.Add(input.Shape[d]);
            }
            else if (keep)
            {
                shape.Add(1);
            }
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, [.. shape]));
    }

    /// <summary>The normalised, distinct axes a reduction node reduces over.</summary>
    public static SortedSet<int>? ReducedAxes(Node node, int rank, Action<string> error)
    {
        var axes = node.GetInts("axes");
        var result = new SortedSet<int>();
        if (axes.Length == 0)
        {
            for (var d = 0; d < rank; d++)
            {
                result.Add(d);
            }

            return result;
        }

        foreach (var axis in axes)
        {
            var normalized = axis < 0 ? axis + rank : axis;
            if (normalized < 0 || normalized >= rank || !result.Add((int)normalized))
            {
                error($"axis {axis} is out of range for rank {rank} or repeated");
                return null;
            }
        }

        return result;
    }
}
