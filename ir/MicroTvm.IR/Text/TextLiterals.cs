using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MicroTvm.IR.Text;

/// <summary>
/// Spellings shared by the printer and the parser: names (bare or quoted), strings with escapes,
/// and float literals that round-trip bit-exactly.
/// </summary>
internal static partial class TextLiterals
{
    /// <summary>Words that are a token of their own, a literal or the start of a conversion where a kernel expression may hold a name.</summary>
    private static readonly HashSet<string> ReservedKernelWords = new(["_", "true", "false", "inf", "nan", "cast", "saturate"], StringComparer.Ordinal);

    public static string ValueName(string name) => "%" + Name(name);

    public static string GraphName(string name) => "@" + Name(name);

    /// <summary>
    /// A kernel buffer or variable name: bare when it lexes as an identifier (or a keyword the
    /// grammar takes as a name), quoted when it would read as something else.
    /// </summary>
    public static string KernelName(string name) =>
        KernelIdentifierPattern().IsMatch(name) && !ReservedKernelWords.Contains(name) ? name : Quote(name);

    /// <summary>An attribute key: bare when it lexes as an identifier, else quoted.</summary>
    public static string AttributeKey(string key) => IdentifierPattern().IsMatch(key) && key != "_" ? key : Quote(key);

    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    // Surrogates are escaped too, so that a lone one survives any encoding of the file.
                    if (char.IsControl(c) || char.IsSurrogate(c))
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A double with a '.' or exponent, or inf/-inf/nan; non-canonical NaNs keep their bits.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value))
        {
            var bits = BitConverter.DoubleToInt64Bits(value);
            return bits == BitConverter.DoubleToInt64Bits(double.NaN) ? "nan" : $"nan(0x{bits:x16})";
        }

        return Finite(value.ToString("R", CultureInfo.InvariantCulture), value);
    }

    /// <summary>A float32 spelled like <see cref="Double(double)"/>.</summary>
    public static string Single(float value)
    {
        if (float.IsNaN(value))
        {
            var bits = BitConverter.SingleToInt32Bits(value);
            return bits == BitConverter.SingleToInt32Bits(float.NaN) ? "nan" : $"nan(0x{bits:x8})";
        }

        return Finite(value.ToString("R", CultureInfo.InvariantCulture), value);
    }

    /// <summary>A quantization scale: like <see cref="Single(float)"/> but integral values stay bare (<c>1:0</c>).</summary>
    public static string Scale(float value) =>
        float.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : Single(value);

    private static string Name(string name) => BareNamePattern().IsMatch(name) ? name : Quote(name);

    private static string Finite(string text, double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-inf";
        }

        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.$-]+\z")]
    private static partial Regex BareNamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.$]*\z")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*\z")]
    private static partial Regex KernelIdentifierPattern();
}
