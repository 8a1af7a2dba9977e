namespace MicroTvm.IR.Executor;

/// <summary>
/// A model input or output as the application sees it: a buffer of <see cref="Bytes"/> aligned to
/// <see cref="Alignment"/>, which the application supplies, or, when <see cref="Placement"/> is set
/// (a plan holding the model's I/O), the bytes at that offset of a workspace pool (zero copy).
/// </summary>
public sealed record InterfaceTensor(string Name, TensorType Type, int Alignment, Memory.BufferPlacement? Placement = null)
{
    public long Bytes => Type.ByteSize;

    /// <summary>The dtype's name in metadata.json and the runtime: int8, uint8, int16, int32, int64, float32, bool.</summary>
    public string Dtype => DtypeName(Type.ElementType);

    public static string DtypeName(ElementType elementType) => elementType switch
    {
        ElementType.I8 => "int8",
        ElementType.U8 => "uint8",
        ElementType.I16 => "int16",
        ElementType.I32 => "int32",
        ElementType.I64 => "int64",
        ElementType.F32 => "float32",
        ElementType.Bool => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "no runtime dtype"),
    };
}
