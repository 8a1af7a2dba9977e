using System.Globalization;
using System.Text;
using MicroTvm.IR;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// Kernel IR element types and values in LLVM IR (typed pointers, LLVM 14): bool is <c>i1</c> in
/// registers and a byte holding 0 or 1 in memory, u8 is <c>i8</c> extended with zeros, f32 is
/// <c>float</c>. Constants are printed so that they parse back to the same bits.
/// </summary>
internal static class LlvmTypes
{
    public static string Register(ElementType type) => type switch
    {
        ElementType.F32 => "float",
        ElementType.I8 or ElementType.U8 => "i8",
        ElementType.I16 => "i16",
        ElementType.I32 => "i32",
        ElementType.I64 => "i64",
        ElementType.Bool => "i1",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no LLVM type"),
    };

    public static string Memory(ElementType type) => type == ElementType.Bool ? "i8" : Register(type);

    public static int Bits(ElementType type) => type == ElementType.Bool ? 1 : type.ByteSize() * 8;

    /// <summary>u8 and bool widen with zeros; every other integer with its sign.</summary>
    public static bool IsUnsigned(ElementType type) => type is ElementType.U8 or ElementType.Bool;

    /// <summary>An integer or bool constant of <paramref name="type"/> (u8 values above 127 print as their signed i8 bits).</summary>
    public static string Integer(long value, ElementType type) => type switch
    {
        ElementType.Bool => value != 0 ? "true" : "false",
        ElementType.U8 => ((sbyte)(byte)value).ToString(CultureInfo.InvariantCulture),
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// An f32 constant: LLVM reads float literals as the double of the same value, exact for every
    /// finite value and infinity; NaNs (whose payload a float-to-double conversion may change) are
    /// the bit pattern itself.
    /// </summary>
    public static string Float(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        return float.IsNaN(value)
            ? $"bitcast (i32 {bits.ToString(CultureInfo.InvariantCulture)} to float)"
            : "0x" + BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);
    }

    /// <summary>Bytes as an LLVM string constant: <c>c"\01\FF..."</c>.</summary>
    public static string Bytes(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 3 + 3).Append("c\"");
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'"' && b != (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>A global's name, quoted so that any characters are allowed.</summary>
    public static string Global(string name) => $"@\"{name.Replace("\\", "\\5C", StringComparison.Ordinal).Replace("\"", "\\22", StringComparison.Ordinal)}\"";
}
