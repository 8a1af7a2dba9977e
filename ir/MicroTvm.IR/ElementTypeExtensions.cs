namespace MicroTvm.IR;

public static class ElementTypeExtensions
{
    public static int ByteSize(this ElementType type) => type switch
    {
        ElementType.F32 => 4,
        ElementType.I8 => 1,
        ElementType.U8 => 1,
        ElementType.I16 => 2,
        ElementType.I32 => 4,
        ElementType.I64 => 8,
        ElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The spelling used by the text format and diagnostics: f32, i8, u8, i16, i32, i64, bool.</summary>
    public static string Mnemonic(this ElementType type) => type switch
    {
        ElementType.F32 => "f32",
        ElementType.I8 => "i8",
        ElementType.U8 => "u8",
        ElementType.I16 => "i16",
        ElementType.I32 => "i32",
        ElementType.I64 => "i64",
        ElementType.Bool => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParseMnemonic(string text, out ElementType type)
    {
        foreach (var candidate in Enum.GetValues<ElementType>())
        {
            if (candidate.Mnemonic() == text)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static bool IsInteger(this ElementType type) =>
        type is ElementType.I8 or ElementType.U8 or ElementType.I16 or ElementType.I32 or ElementType.I64;

    /// <summary>Smallest representable value of an integer type (0 for bool).</summary>
    public static long MinValue(this ElementType type) => type switch
    {
        ElementType.I8 => sbyte.MinValue,
        ElementType.U8 => byte.MinValue,
        ElementType.I16 => short.MinValue,
        ElementType.I32 => int.MinValue,
        ElementType.I64 => long.MinValue,
        ElementType.Bool => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an integer type"),
    };

    /// <summary>Largest representable value of an integer type (1 for bool).</summary>
    public static long MaxValue(this ElementType type) => type switch
    {
        ElementType.I8 => sbyte.MaxValue,
        ElementType.U8 => byte.MaxValue,
        ElementType.I16 => short.MaxValue,
        ElementType.I32 => int.MaxValue,
        ElementType.I64 => long.MaxValue,
        ElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an integer type"),
    };
}
