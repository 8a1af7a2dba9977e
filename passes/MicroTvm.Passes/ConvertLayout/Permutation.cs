namespace MicroTvm.Passes;

/// <summary>
/// Permutations as the <c>transpose</c> op reads them (<c>out.shape[i] = in.shape[perm[i]]</c>):
/// inverse, composition, and the types and constant contents a transpose produces.
/// </summary>
internal static class Permutation
{
    public static int[] Inverse(IReadOnlyList<int> perm)
    {
        var inverse = new int[perm.Count];
        for (var i = 0; i < perm.Count; i++)
        {
            inverse[perm[i]] = i;
        }

        return inverse;
    }

    /// <summary>The single permutation of <c>transpose(transpose(x, first), second)</c>.</summary>
    public static int[] Then(IReadOnlyList<int> first, IReadOnlyList<int> second) =>
        [.. second.Select(axis => first[axis])];

    public static bool IsIdentity(IReadOnlyList<int> perm) => perm.Select((axis, i) => axis == i).All(same => same);

    public static bool IsValid(IReadOnlyList<int> perm, int rank) =>
        perm.Count == rank && perm.Order().SequenceEqual(Enumerable.Range(0, rank));

    /// <summary>True when the transpose moves no data: the dimensions of extent above 1 keep their order.</summary>
    public static bool IsDataPreserving(IReadOnlyList<int> perm, ImmutableArray<int> inputShape)
    {
        var last = -1;
        foreach (var axis in perm)
        {
            if (inputShape[axis] == 1)
            {
                continue;
            }

            if (axis < last)
            {
                return false;
            }

            last = axis;
        }

        return true;
    }

    /// <summary>The type of <c>transpose(x, perm)</c>: shape permuted, a per-axis quantization's axis followed.</summary>
    public static TensorType Apply(TensorType type, IReadOnlyList<int> perm)
    {
        var inverse = Inverse(perm);
        var shape = perm.Select(axis => type.Shape[axis]).ToImmutableArray();
        var quantization = type.Quantization is { Axis: { } axis } q
            ? Quantization.PerAxis(q.Scales, q.ZeroPoints, inverse[axis])
            : type.Quantization;
        return new TensorType(type.ElementType, shape, quantization);
    }

    /// <summary>The contents of <c>transpose(data, perm)</c>, computed now.</summary>
    public static TensorData Apply(TensorData data, IReadOnlyList<int> perm)
    {
        var type = Apply(data.Type, perm);
        var size = data.Type.ElementType.ByteSize();
        var rank = perm.Count;
        var inputStrides = Strides(data.Type.Shape);
        var source = data.Bytes.Span;
        var bytes = new byte[source.Length];
        var index = new int[rank];
        for (var flat = 0; flat < type.ElementCount; flat++)
        {
            var offset = 0;
            for (var i = 0; i < rank; i++)
            {
                offset += index[i] * inputStrides[perm[i]];
            }

            source.Slice(offset * size, size).CopyTo(bytes.AsSpan(flat * size, size));
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < type.Shape[i])
                {
                    break;
                }

                index[i] = 0;
            }
        }

        return new TensorData(type, bytes);
    }

    public static int[] Strides(ImmutableArray<int> shape)
    {
        var strides = new int[shape.Length];
        var stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return strides;
    }
}
