namespace MicroTvm.IR;

/// <summary>Injective data-movement ops: the output keeps the input's element type and quantization.</summary>
internal static class ShapeInference
{
    public static ImmutableArray<TensorType> Reshape(InferenceContext context)
    {
        var input = context.Operand(0);
        var shape = context.Node.GetInts("shape");
        if (shape.Any(d => d < 0 || d > int.MaxValue))
        {
            context.Error($"reshape target [{string.Join(", ", shape)}] must be static and non-negative");
            return default;
        }

        var target = shape.Select(d => (int)d).ToImmutableArray();
        var result = input.WithShape(target);
        if (result.ElementCount != input.ElementCount)
        {
            context.Error($"cannot reshape {input.ElementCount} elements {InferenceRules.Format(input.Shape)} to {InferenceRules.Format(target)} ({result.ElementCount} elements)");
            return default;
        }

        return InferenceRules.One(result);
    }

    public static ImmutableArray<TensorType> Transpose(InferenceContext context)
    {
        var input = context.Operand(0);
        var perm = context.Node.GetInts("perm");
        if (perm.Length != input.Rank || perm.Distinct().Count() != perm.Length || perm.Any(p => p < 0 || p >= input.Rank))
        {
            context.Error($"perm [{string.Join(", ", perm)}] is not a permutation of rank {input.Rank}");
            return default;
        }

        var quantization = input.Quantization;
        if (quantization?.Axis is { } axis)
        {
            quantization = Quantization.PerAxis(quantization.Scales, quantization.ZeroPoints, perm.IndexOf(axis));
        }

        return InferenceRules.One(new TensorType(input.ElementType, [.. perm.Select(p => input.Shape[(int)p])], quantization));
    }

    public static ImmutableArray<TensorType> Concat(InferenceContext context)
    {
        if (context.OperandCount == 0)
        {
            context.Error("concat needs at least one operand");
            return default;
        }

        var first = context.Operand(0);
        if (InferenceRules.Axis(context, context.Node.GetInt("axis"), first.Rank) is not { } axis)
        {
            return default;
        }

        var shape = first.Shape.ToArray();
        for (var i = 1; i < context.OperandCount; i++)
        {
            var next = context.Operand(i);
            if (!InferenceRules.RequireSameElementType(context, first, next))
            {
                return default;
            }

            if (next.Rank != first.Rank || Enumerable.Range(0, first.Rank).Any(d => d != axis && next.Shape[d] != first.Shape[d]))
            {
                context.Error($"operand {i} {InferenceRules.Format(next.Shape)} does not match {InferenceRules.Format(first.Shape)} outside axis {axis}");
                return default;
            }

            shape[axis] += next.Shape[axis];
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, first, [.. shape]));
    }

    public static ImmutableArray<TensorType> Split(InferenceContext context)
    {
        var input = context.Operand(0);
        var sizes = context.Node.GetInts("sizes");
        if (InferenceRules.Axis(context, context.Node.GetInt("axis"), input.Rank) is not { } axis)
        {
            return default;
        }

        if (sizes.Length == 0 || sizes.Any(s => s < 0) || sizes.Sum() != input.Shape[axis])
        {
            context.Error($"split sizes [{string.Join(", ", sizes)}] must be non-negative and add up to {input.Shape[axis]}");
            return default;
        }

        var results = ImmutableArray.CreateBuilder<TensorType>(sizes.Length);
        for (var i = 0; i < sizes.Length; i++)
        {
            var shape = input.Shape.SetItem(axis, (int)sizes[i]);
            results.Add(InferenceRules.SameElementType(context, i, input, shape));
        }

        return results.MoveToImmutable();
    }

    public static ImmutableArray<TensorType> Slice(InferenceContext context)
    {
        var input = context.Operand(0);
        var begins = context.Node.GetInts("begins");
        var sizes = context.Node.GetInts("sizes");
        if (begins.Length != input.Rank || sizes.Length != input.Rank)
        {
            context.Error($"begins and sizes need {input.Rank} values each");
            return default;
        }

        for (var d = 0; d < input.Rank; d++)
        {
            if (begins[d] < 0 || sizes[d] < 0 || begins[d] + sizes[d] > input.Shape[d])
            {
                context.Error($"slice [{begins[d]}, {begins[d] + sizes[d]}) is outside dimension {d} of extent {input.Shape[d]}");
                return default;
            }
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, [.. sizes.Select(s => (int)s)]));
    }

    /// <summary>
    /// strided_slice with normalised bounds: for each dimension begin ∈ [0, extent], end ∈ [-1, extent]
    /// (exclusive; -1 only with a negative stride), stride ≠ 0; <c>shrink_axes</c> drop extent-1 dimensions.
    /// </summary>
    public static ImmutableArray<TensorType> StridedSlice(InferenceContext context)
    {
        var input = context.Operand(0);
        var begins = context.Node.GetInts("begins");
        var ends = context.Node.GetInts("ends");
        var strides = context.Node.GetInts("strides");
        var shrink = context.Node.GetInts("shrink_axes");
        if (begins.Length != input.Rank || ends.Length != input.Rank || strides.Length != input.Rank)
        {
            context.Error($"begins, ends and strides need {input.Rank} values each");
            return default;
        }

        if (shrink.Any(a => a < 0 || a >= input.Rank))
        {
            context.Error($"shrink_axes [{string.Join(", ", shrink)}] must name dimensions of rank {input.Rank}");
            return default;
        }

        var shape = new List<int>();
        for (var d = 0; d < input.Rank; d++)
        {
            var extent = StridedExtent(begins[d], ends[d], strides[d]);
            // With a negative stride the first element read is begin itself, so begin = extent would read past the end.
            var beginLimit = strides[d] < 0 && extent > 0 ? input.Shape[d] - 1 : input.Shape[d];
            if (strides[d] == 0 || begins[d] < 0 || begins[d] > beginLimit || ends[d] < -1 || ends[d] > input.Shape[d])
            {
                context.Error($"dimension {d}: begin {begins[d]}, end {ends[d]}, stride {strides[d]} are not normalised for extent {input.Shape[d]}");
                return default;
            }

            if (shrink.Contains(d))
            {
                if (extent != 1)
                {
                    context.Error($"dimension {d} is shrunk but the slice keeps {extent} elements");
                    return default;
                }

                continue;
            }

            shape.Add(extent);
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, [.. shape]));
    }

    public static int StridedExtent(long begin, long end, long stride) =>
        stride > 0
            ? (int)Math.Max(0, (end - begin + stride - 1) / stride)
            : (int)Math.Max(0, (begin - end + (-stride) - 1) / -stride);

    public static ImmutableArray<TensorType> Pad(InferenceContext context)
    {
        var input = context.Operand(0);
        var pads = context.Node.GetInts("pads");
        if (pads.Length != 2 * input.Rank || pads.Any(p => p < 0))
        {
            context.Error($"pads needs {2 * input.Rank} non-negative values (begins, then ends), got [{string.Join(", ", pads)}]");
            return default;
        }

        var mode = context.Node.GetString("mode");
        var shape = new int[input.Rank];
        for (var d = 0; d < input.Rank; d++)
        {
            if (mode == "reflect" && (pads[d] >= input.Shape[d] || pads[d + input.Rank] >= input.Shape[d]))
            {
                context.Error($"reflect padding of dimension {d} must be smaller than its extent {input.Shape[d]}");
                return default;
            }

            shape[d] = input.Shape[d] + (int)pads[d] + (int)pads[d + input.Rank];
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, [.. shape]));
    }

    public static ImmutableArray<TensorType> Squeeze(InferenceContext context)
    {
        var input = context.Operand(0);
        var axes = context.Node.GetInts("axes").Select(a => a < 0 ? a + input.Rank : a).ToHashSet();
        if (axes.Any(a => a < 0 || a >= input.Rank || input.Shape[(int)a] != 1))
        {
            context.Error($"squeeze axes [{string.Join(", ", context.Node.GetInts("axes"))}] must name dimensions of extent 1 in {InferenceRules.Format(input.Shape)}");
            return default;
        }

        var shape = Enumerable.Range(0, input.Rank)
            .Where(d => axes.Count == 0 ? input.Shape[d] != 1 : !axes.Contains(d))
            .Select(d => input.Shape[d]);
        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, [.. shape]));
    }

    public static ImmutableArray<TensorType> ExpandDims(InferenceContext context)
    {
        var input = context.Operand(0);
        if (InferenceRules.Axis(context, context.Node.GetInt("axis"), input.Rank + 1) is not { } axis)
        {
            return default;
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, input.Shape.Insert(axis, 1)));
    }

    /// <summary>gather: output = data.shape[:axis] + indices.shape[batch_dims:] + data.shape[axis+1:].</summary>
    public static ImmutableArray<TensorType> Gather(InferenceContext context)
    {
        var data = context.Operand(0);
        var indices = context.Operand(1);
        if (indices.ElementType is not (ElementType.I32 or ElementType.I64))
        {
            context.Error($"indices must be i32 or i64, not {indices.ElementType.Mnemonic()}");
            return default;
        }

        if (InferenceRules.Axis(context, context.Node.GetInt("axis"), data.Rank) is not { } axis)
        {
            return default;
        }

        var batchDims = (int)context.Node.GetInt("batch_dims");
        if (batchDims < 0 || batchDims > axis || batchDims > indices.Rank)
        {
            context.Error($"batch_dims {batchDims} must be between 0 and min(axis {axis}, indices rank {indices.Rank})");
            return default;
        }

        for (var d = 0; d < batchDims; d++)
        {
            if (data.Shape[d] != indices.Shape[d])
            {
                context.Error($"batch dimension {d} differs: data {InferenceRules.Format(data.Shape)}, indices {InferenceRules.Format(indices.Shape)}");
                return default;
            }
        }

        var shape = data.Shape.Take(axis).Concat(indices.Shape.Skip(batchDims)).Concat(data.Shape.Skip(axis + 1));
        return InferenceRules.One(InferenceRules.SameElementType(context, 0, data, [.. shape]));
    }
}
