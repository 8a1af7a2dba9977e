using System.Globalization;
using MicroTvm.IR;

namespace MicroTvm.Backends.C;

/// <summary>C constants that denote exactly the kernel IR value, with the type the context needs.</summary>
internal static class CLiterals
{
    /// <summary>
    /// A decimal integer; the minimum of i32/i64 as the stdint macro (its decimal magnitude does
    /// not fit the signed type). i64 values in expressions are wrapped in INT64_C so that, e.g.,
    /// a shift happens in 64 bits.
    /// </summary>
    public static string Integer(long value, ElementType type, bool typed)
    {
        if (type == ElementType.I32 && value == int.MinValue)
        {
            return "INT32_MIN";
        }

        if (type == ElementType.I64 && value == long.MinValue)
        {
            return "INT64_MIN";
        }

        var digits = value.ToString(CultureInfo.InvariantCulture);
        return typed && type == ElementType.I64 ? $"INT64_C({digits})" : digits;
    }

    /// <summary>The shortest decimal that reads back as the same float, with an f suffix; NAN and INFINITY from math.h.</summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value))
        {
            return "NAN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "INFINITY" : "-INFINITY";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return (text.Contains('.') || text.Contains('E') ? text : text + ".0") + "f";
    }

    /// <summary>A C string literal of the UTF-8 bytes of <paramref name="text"/>: '"' and '\' escaped, every byte outside printable ASCII as a three-digit octal escape.</summary>
    public static string String(string text)
    {
        var literal = new System.Text.StringBuilder("\"");
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            literal.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'?' => "\\?", // "??x" would be a trigraph under -std=c99
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
            });
        }

        return literal.Append('"').ToString();
    }

    /// <summary>A name quoted for use inside a C comment: as <see cref="String"/>, so no trigraph, and never closing the comment.</summary>
    public static string Comment(string text) => String(text).Replace("*/", "*\\/", StringComparison.Ordinal);
}
