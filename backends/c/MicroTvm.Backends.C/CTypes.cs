using MicroTvm.IR;

namespace MicroTvm.Backends.C;

/// <summary>C spellings of kernel IR scalar types (docs/runtime.md: bool is stored as uint8_t).</summary>
internal static class CTypes
{
    public static string Name(ElementType type) => type switch
    {
        ElementType.F32 => "float",
        ElementType.I8 => "int8_t",
        ElementType.U8 => "uint8_t",
        ElementType.I16 => "int16_t",
        ElementType.I32 => "int32_t",
        ElementType.I64 => "int64_t",
        ElementType.Bool => "uint8_t",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The suffix of the runtime's typed helpers: mtvm_min_i32, mtvm_clamp_i64, mtvm_max_f32.</summary>
    public static string HelperSuffix(ElementType type) => type switch
    {
        ElementType.I32 => "i32",
        ElementType.I64 => "i64",
        ElementType.F32 => "f32",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no runtime helper for this type"),
    };
}
