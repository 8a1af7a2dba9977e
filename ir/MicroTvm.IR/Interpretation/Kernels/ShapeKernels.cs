namespace MicroTvm.IR.Interpretation;

/// <summary>Data movement on stored values (quantized tensors move their raw integers): reshape, transpose, concat, split, slices, pad, squeeze, expand_dims, gather.</summary>
internal static class ShapeKernels
{
    /// <summary>reshape, squeeze and expand_dims: same elements in the same order.</summary>
    public static readonly Kernel Reshape = context =>
    {
        var input = context.Operand(0);
        if (input.Length != context.ResultType.ElementCount)
        {
            throw new InterpreterFailure($"cannot reshape {input.Type} to {context.ResultType}");
        }

        return KernelContext.One(new HostTensor(context.ResultType, (double[])input.Values.Clone()));
    };

    public static readonly Kernel Transpose = context =>
    {
        var perm = context.Node.GetInts("perm");
        var strides = RowMajor.Strides(context.Operand(0).Shape);
        return Select(context, index =>
        {
            var source = 0;
            for (var d = 0; d < index.Length; d++)
            {
                source += index[d] * strides[perm[d]];
            }

            return source;
        });
    };

    public static readonly Kernel Slice = context =>
    {
        var begins = context.Node.GetInts("begins");
        var strides = RowMajor.Strides(context.Operand(0).Shape);
        return Select(context, index => Offset(index, d => (int)begins[d] + index[d], strides));
    };

    public static readonly Kernel StridedSlice = context =>
    {
        var input = context.Operand(0);
        var (begins, steps, shrink) = (context.Node.GetInts("begins"), context.Node.GetInts("strides"), context.Node.GetInts("shrink_axes"));
        var strides = RowMajor.Strides(input.Shape);
        var kept = Enumerable.Range(0, input.Type.Rank).Where(d => !shrink.Contains(d)).ToArray();
        return Select(context, index =>
        {
            var source = 0;
            for (var d = 0; d < input.Type.Rank; d++)
            {
                var position = Array.IndexOf(kept, d);
                var step = position < 0 ? 0 : index[position];
                source += (int)(begins[d] + (step * steps[d])) * strides[d];
            }

            return source;
        });
    };

    public static readonly Kernel Pad = context =>
    {
        var input = context.Operand(0);
        var pads = context.Node.GetInts("pads");
        var mode = context.Node.GetString("mode");
        var fill = Storage.Normalize(context.ResultType.ElementType, context.Node.GetFloat("constant_value"));
        var rank = input.Type.Rank;
        var strides = RowMajor.Strides(input.Shape);
        return Select(context, index =>
        {
            var source = 0;
            for (var d = 0; d < rank; d++)
            {
                var extent = input.Shape[d];
                var i = index[d] - (int)pads[d];
                if (i < 0 || i >= extent)
                {
                    switch (mode)
                    {
                        case "edge":
                            i = Math.Clamp(i, 0, extent - 1);
                            break;
                        case "reflect" when extent > 1:
                            var period = 2 * (extent - 1);
                            i = ((i % period) + period) % period;
                            i = i >= extent ? period - i : i;
                            break;
                        case "reflect":
                            i = 0;
                            break;
                        default:
                            return -1;
                    }
                }

                source += i * strides[d];
            }

            return source;
        }, fill);
    };

    public static readonly Kernel Concat = context =>
    {
        var type = context.ResultType;
        var axis = Layout.NormalizeAxis(context.Node.GetInt("axis"), type.Rank);
        var outer = type.Shape.Take(axis).Aggregate(1, (a, b) => a * b);
        var inner = type.Shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var values = new double[type.ElementCount];
        var offset = 0;
        for (var i = 0; i < context.OperandCount; i++)
        {
            var operand = context.Operand(i);
            var block = operand.Shape[axis] * inner;
            for (var o = 0; o < outer; o++)
            {
                Array.Copy(operand.Values, o * block, values, (o * type.Shape[axis] * inner) + offset, block);
            }

            offset += block;
        }

        return KernelContext.One(new HostTensor(type, values));
    };

    public static readonly Kernel Split = context =>
    {
        var input = context.Operand(0);
        var axis = Layout.NormalizeAxis(context.Node.GetInt("axis"), input.Type.Rank);
        var outer = input.Shape.Take(axis).Aggregate(1, (a, b) => a * b);
        var inner = input.Shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var results = ImmutableArray.CreateBuilder<HostTensor>(context.ResultTypes.Length);
        var offset = 0;
        foreach (var type in context.ResultTypes)
        {
            var block = type.Shape[axis] * inner;
            var values = new double[type.ElementCount];
            for (var o = 0; o < outer; o++)
            {
                Array.Copy(input.Values, (o * input.Shape[axis] * inner) + offset, values, o * block, block);
            }

            offset += block;
            results.Add(new HostTensor(type, values));
        }

        return results.MoveToImmutable();
    };

    /// <summary>ONNX Gather with batch_dims: negative indices count from the end; out-of-range indices fail the node.</summary>
    public static readonly Kernel Gather = context =>
    {
        var (data, indices) = (context.Operand(0), context.Operand(1));
        var axis = Layout.NormalizeAxis(context.Node.GetInt("axis"), data.Type.Rank);
        var batchDims = (int)context.Node.GetInt("batch_dims");
        var dataStrides = RowMajor.Strides(data.Shape);
        var indexStrides = RowMajor.Strides(indices.Shape);
        var indexRank = indices.Type.Rank - batchDims;
        return Select(context, index =>
        {
            var indexOffset = 0;
            for (var d = 0; d < batchDims; d++)
            {
                indexOffset += index[d] * indexStrides[d];
            }

            for (var d = 0; d < indexRank; d++)
            {
                indexOffset += index[axis + d] * indexStrides[batchDims + d];
            }

            var position = (long)indices.Values[indexOffset];
            var extent = data.Shape[axis];
            if (position < -extent || position >= extent)
            {
                throw new InterpreterFailure($"index {position} is out of range for axis {axis} of extent {extent}");
            }

            var source = (int)(position < 0 ? position + extent : position) * dataStrides[axis];
            for (var d = 0; d < axis; d++)
            {
                source += index[d] * dataStrides[d];
            }

            for (var d = axis + 1; d < data.Type.Rank; d++)
            {
                source += index[d - 1 + indexRank] * dataStrides[d];
            }

            return source;
        });
    };

    private static int Offset(int[] index, Func<int, int> coordinate, int[] strides)
    {
        var source = 0;
        for (var d = 0; d < index.Length; d++)
        {
            source += coordinate(d) * strides[d];
        }

        return source;
    }

    /// <summary>Builds the result by reading, for every result multi-index, the input element at the returned offset (−1: <paramref name="fill"/>).</summary>
    private static ImmutableArray<HostTensor> Select(KernelContext context, Func<int[], int> source, double fill = 0)
    {
        var input = context.Operand(0);
        var type = context.ResultType;
        var values = new double[type.ElementCount];
        var index = new int[type.Rank];
        for (var i = 0; i < values.Length; i++)
        {
            var offset = source(index);
            values[i] = offset < 0 ? fill : input.Values[offset];
            Layout.Increment(index, type.Shape);
        }

        return KernelContext.One(new HostTensor(type, values));
    }
}
