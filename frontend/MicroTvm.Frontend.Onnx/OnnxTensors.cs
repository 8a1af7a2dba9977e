using System.Runtime.InteropServices;

namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// Reads a <see cref="TensorProto"/> into <see cref="TensorData"/>. <c>raw_data</c> is wrapped,
/// not copied; typed fields are packed into little-endian bytes. float16 constants are widened
/// to f32 (they appear as quantization scales). The declared element count must match the data
/// present, which also bounds every allocation by the file's size.
/// </summary>
internal static class OnnxTensors
{
    /// <summary>Largest element count of any tensor the importer accepts.</summary>
    public const long MaxElements = 1L << 28;

    public static TensorData Read(TensorProto tensor, string what)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
        {
            var location = tensor.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value ?? "?";
            throw new OnnxImportException(
                OnnxDiagnosticIds.ExternalData,
                $"{what} keeps its data in the external file '{location}'; external data is not supported: save the model as one file (onnx.save_model(model, path, save_as_external_data=False))");
        }

        var shape = Shape(tensor.Dims, what);
        var count = ElementCount(shape);
        var isHalf = tensor.DataType == (int)TensorProto.Types.DataType.Float16;
        var elementType = isHalf ? ElementType.F32 : OnnxElementTypes.ToElementType(tensor.DataType, what);
        var type = new TensorType(elementType, shape);
        if (tensor.HasRawData)
        {
            var sourceSize = isHalf ? 2 : elementType.ByteSize();
            if (tensor.RawData.Length != count * sourceSize)
            {
                throw Mismatch(what, count, $"{tensor.RawData.Length} bytes of raw_data ({count * sourceSize} expected)");
            }

            return isHalf ? WidenHalves(type, tensor.RawData.Span) : new TensorData(type, tensor.RawData.Memory);
        }

        return FromTypedFields(tensor, type, isHalf, count, what);
    }

    public static ImmutableArray<int> Shape(IReadOnlyList<long> dims, string what)
    {
        var shape = new int[dims.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (dims[i] < 0 || dims[i] > int.MaxValue)
            {
                throw new OnnxImportException(OnnxDiagnosticIds.TensorDataMismatch, $"{what} has invalid dimension {dims[i]}");
            }

            shape[i] = (int)dims[i];
        }

        ElementCount([.. shape], what);
        return [.. shape];
    }

    public static long ElementCount(ImmutableArray<int> shape, string what = "tensor")
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension != 0 && count > MaxElements / dimension)
            {
                throw new OnnxImportException(
                    OnnxDiagnosticIds.TooLarge,
                    $"{what} of shape [{string.Join(", ", shape)}] has more than {MaxElements} elements");
            }

            count *= dimension;
        }

        return count;
    }

    private static TensorData FromTypedFields(TensorProto tensor, TensorType type, bool isHalf, long count, string what)
    {
        if (isHalf)
        {
            RequireCount(tensor.Int32Data.Count, count, "int32_data", what);
            var halves = new float[count];
            for (var i = 0; i < halves.Length; i++)
            {
                halves[i] = (float)BitConverter.UInt16BitsToHalf((ushort)tensor.Int32Data[i]);
            }

            return TensorData.FromSingles(type, halves);
        }

        switch (type.ElementType)
        {
            case ElementType.F32:
                RequireCount(tensor.FloatData.Count, count, "float_data", what);
                return TensorData.FromSingles(type, [.. tensor.FloatData]);
            case ElementType.I64:
                RequireCount(tensor.Int64Data.Count, count, "int64_data", what);
                return TensorData.FromInt64s(type, [.. tensor.Int64Data]);
            default:
                RequireCount(tensor.Int32Data.Count, count, "int32_data", what);
                var values = new long[count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = tensor.Int32Data[i];
                }

                return TensorData.FromInt64s(type, values);
        }
    }

    private static TensorData WidenHalves(TensorType type, ReadOnlySpan<byte> raw)
    {
        var halves = MemoryMarshal.Cast<byte, Half>(raw);
        var values = new float[halves.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)halves[i];
        }

        return TensorData.FromSingles(type, values);
    }

    private static void RequireCount(int present, long expected, string field, string what)
    {
        if (present != expected)
        {
            throw Mismatch(what, expected, $"{present} values in {field}");
        }
    }

    private static OnnxImportException Mismatch(string what, long count, string present) =>
        new(OnnxDiagnosticIds.TensorDataMismatch, $"{what} declares {count} elements but holds {present}");
}
