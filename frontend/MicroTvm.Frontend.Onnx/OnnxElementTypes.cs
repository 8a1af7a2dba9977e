namespace MicroTvm.Frontend.Onnx;

/// <summary>ONNX <c>TensorProto.DataType</c> codes and their IR element types.</summary>
internal static class OnnxElementTypes
{
    public static bool TryToElementType(int dataType, out ElementType type)
    {
        ElementType? mapped = (TensorProto.Types.DataType)dataType switch
        {
            TensorProto.Types.DataType.Float => ElementType.F32,
            TensorProto.Types.DataType.Uint8 => ElementType.U8,
            TensorProto.Types.DataType.Int8 => ElementType.I8,
            TensorProto.Types.DataType.Int16 => ElementType.I16,
            TensorProto.Types.DataType.Int32 => ElementType.I32,
            TensorProto.Types.DataType.Int64 => ElementType.I64,
            TensorProto.Types.DataType.Bool => ElementType.Bool,
            _ => null,
        };
        type = mapped ?? default;
        return mapped is not null;
    }

    public static ElementType ToElementType(int dataType, string what) =>
        TryToElementType(dataType, out var type)
            ? type
            : throw new OnnxImportException(
                OnnxDiagnosticIds.UnsupportedElementType,
                $"{what} has element type {Name(dataType)}, which the IR does not support (supported: float, int8, uint8, int16, int32, int64, bool)");

    public static string Name(int dataType) =>
        Enum.IsDefined((TensorProto.Types.DataType)dataType)
            ? ((TensorProto.Types.DataType)dataType).ToString().ToLowerInvariant()
            : $"code {dataType}";
}
