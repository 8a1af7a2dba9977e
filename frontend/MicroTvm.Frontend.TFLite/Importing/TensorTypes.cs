using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>Converts a TFLite tensor's element type, shape and quantization to an IR <see cref="TensorType"/>.</summary>
internal static class TensorTypes
{
    private const long MaxElements = 1L << 40;

    public static ElementType? ElementTypeOf(TfliteElementType type) => type switch
    {
        TfliteElementType.Float32 => ElementType.F32,
        TfliteElementType.Int8 => ElementType.I8,
        TfliteElementType.UInt8 => ElementType.U8,
        TfliteElementType.Int16 => ElementType.I16,
        TfliteElementType.Int32 => ElementType.I32,
        TfliteElementType.Int64 => ElementType.I64,
        TfliteElementType.Bool => ElementType.Bool,
        _ => null,
    };

    /// <summary>The IR type, or null after reporting why there is none. <paramref name="note"/> receives remarks that are not errors.</summary>
    public static TensorType? Convert(TfliteTensor tensor, string name, Action<string, string> error, Action<string, string> note)
    {
        if (ElementTypeOf(tensor.Type) is not { } elementType)
        {
            var spelling = Enum.IsDefined(tensor.Type) ? tensor.Type.ToString().ToUpperInvariant() : $"type {(int)tensor.Type}";
            error(TfliteDiagnosticIds.UnsupportedElementType, $"tensor '{name}' has element type {spelling}, which the IR does not support");
            return null;
        }

        if (tensor.IsSparse)
        {
            error(TfliteDiagnosticIds.SparseTensor, $"tensor '{name}' is sparse; sparse tensors are not supported");
            return null;
        }

        if (Shape(tensor, name, error, note) is not { } shape)
        {
            return null;
        }

        if (elementType == ElementType.F32 || elementType == ElementType.Bool || tensor.Quantization is not { } q)
        {
            return new TensorType(elementType, shape);
        }

        return Quantization(q, shape, name, error) is { } quantization ? new TensorType(elementType, shape, quantization) : null;
    }

    private static ImmutableArray<int>? Shape(TfliteTensor tensor, string name, Action<string, string> error, Action<string, string> note)
    {
        var shape = tensor.Shape;
        long elements = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                error(TfliteDiagnosticIds.DynamicShape, $"tensor '{name}' has a dynamic shape [{string.Join(", ", shape)}]; only static shapes are supported");
                return null;
            }

            elements = dimension == 0 ? 0 : Math.Min(elements * dimension, MaxElements + 1);
        }

        if (elements > MaxElements)
        {
            error(TfliteDiagnosticIds.TensorTooLarge, $"tensor '{name}' of shape [{string.Join(", ", shape)}] has more than 2^40 elements");
            return null;
        }

        var signature = tensor.ShapeSignature;
        if (!signature.IsEmpty && signature.Length == shape.Length)
        {
            for (var d = 0; d < signature.Length; d++)
            {
                if (signature[d] >= 0)
                {
                    continue;
                }

                if (d != 0 || shape[0] < 1)
                {
                    error(TfliteDiagnosticIds.DynamicShape, $"tensor '{name}' has dynamic dimension {d} (shape signature [{string.Join(", ", signature)}]); only static shapes are supported");
                    return null;
                }

                note(TfliteDiagnosticIds.StaticBatch, $"tensor '{name}' has a dynamic batch dimension; taking the stored extent {shape[0]}");
            }
        }

        return shape;
    }

    private static Quantization? Quantization(TfliteQuantization q, ImmutableArray<int> shape, string name, Action<string, string> error)
    {
        if (q.HasCustomDetails)
        {
            error(TfliteDiagnosticIds.BadQuantization, $"tensor '{name}' uses custom quantization, which is not supported");
            return null;
        }

        var count = q.Scales.Length;
        ImmutableArray<long> zeroPoints;
        if (q.ZeroPoints.Length == count)
        {
            zeroPoints = q.ZeroPoints;
        }
        else if (q.ZeroPoints.Length <= 1)
        {
            zeroPoints = [.. Enumerable.Repeat(q.ZeroPoints.IsEmpty ? 0L : q.ZeroPoints[0], count)];
        }
        else
        {
            error(TfliteDiagnosticIds.BadQuantization, $"tensor '{name}' has {count} scales but {q.ZeroPoints.Length} zero points");
            return null;
        }

        if (count == 1)
        {
            return IR.Quantization.PerTensor(q.Scales[0], zeroPoints[0]);
        }

        var axis = q.QuantizedDimension;
        if ((axis < 0 || axis >= shape.Length) && shape.Length == 1)
        {
            // Legacy converters tag 1-D biases with the filter's quantized dimension (e.g. 3).
            axis = 0;
        }

        if (axis < 0 || axis >= shape.Length || shape[axis] != count)
        {
            error(TfliteDiagnosticIds.BadQuantization, $"tensor '{name}' of shape [{string.Join(", ", shape)}] has {count} scales along dimension {q.QuantizedDimension}");
            return null;
        }

        return IR.Quantization.PerAxis(q.Scales, zeroPoints, axis);
    }
}
