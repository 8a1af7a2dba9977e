namespace MicroTvm.Frontend.Onnx;

/// <summary>Import-time arithmetic on constant tensors: re-layout of weights, scalars, reading shapes and axes.</summary>
internal static class ConstantTensors
{
    /// <summary>out.shape[i] = in.shape[perm[i]]; a per-axis quantization follows its axis.</summary>
    public static TensorData Permute(TensorData data, ReadOnlySpan<int> perm)
    {
        var type = data.Type;
        var rank = type.Rank;
        var size = type.ElementType.ByteSize();
        var outShape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            outShape[i] = type.Shape[perm[i]];
        }

        var inStrides = Strides(type.Shape);
        var source = data.Bytes.Span;
        var result = new byte[data.Bytes.Length];
        var index = new int[rank];
        var count = type.ElementCount;
        for (long o = 0; o < count; o++)
        {
            long offset = 0;
            for (var i = 0; i < rank; i++)
            {
                offset += index[i] * inStrides[perm[i]];
            }

            source.Slice((int)(offset * size), size).CopyTo(result.AsSpan((int)(o * size), size));
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < outShape[i])
                {
                    break;
                }

                index[i] = 0;
            }
        }

        var quantization = type.Quantization;
        if (quantization?.Axis is { } axis)
        {
            quantization = Quantization.PerAxis(quantization.Scales, quantization.ZeroPoints, perm.IndexOf(axis));
        }

        return new TensorData(new TensorType(type.ElementType, [.. outShape], quantization), result);
    }

    /// <summary>The same bytes under another shape (no copy).</summary>
    public static TensorData Reshape(TensorData data, ImmutableArray<int> shape) =>
        new(data.Type.WithShape(shape), data.Bytes);

    public static TensorData Scalar(float value) => TensorData.FromSingles(new TensorType(ElementType.F32, []), [value]);

    public static TensorData Scale(TensorData data, float factor)
    {
        var values = data.ToSingles();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }

        return TensorData.FromSingles(data.Type, values);
    }

    /// <summary>Integer contents (shapes, axes, pads).</summary>
    public static long[] Ints(TensorData data, string what) =>
        data.Type.ElementType.IsInteger()
            ? data.ToInt64s()
            : throw new OnnxImportException(OnnxDiagnosticIds.UnsupportedOpConfiguration, $"{what} must be an integer tensor, not {data.Type}");

    /// <summary>Real-valued contents (scales, bounds): floats as they are, integers widened.</summary>
    public static float[] Floats(TensorData data) =>
        data.Type.ElementType == ElementType.F32 ? data.ToSingles() : [.. data.ToInt64s().Select(v => (float)v)];

    private static long[] Strides(ImmutableArray<int> shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return strides;
    }
}
