using System.Globalization;
using System.Text;
using Antlr4.Runtime;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>
/// Turns literal tokens into values, reporting what does not fit: integers, floats (bit-exact,
/// with inf and nan), strings with escapes, and bare or quoted names.
/// </summary>
internal sealed class LiteralReader(string fileName, DiagnosticBag diagnostics)
{
    public SourceLocation At(IToken token, int offset = 0) => new(fileName, token.Line, token.Column + 1 + offset);

    public void Error(string id, string message, IToken token, int offset = 0) => diagnostics.Error(id, message, At(token, offset));

    public bool TryInt64(IToken token, out long value)
    {
        if (long.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        Error(TextDiagnosticIds.IntegerOutOfRange, $"integer {token.Text} does not fit in 64 bits", token);
        return false;
    }

    public bool TryInt32(IToken token, string what, out int value)
    {
        value = 0;
        if (!TryInt64(token, out var wide))
        {
            return false;
        }

        if (wide is < int.MinValue or > int.MaxValue)
        {
            Error(TextDiagnosticIds.IntegerOutOfRange, $"{what} {token.Text} does not fit in 32 bits", token);
            return false;
        }

        value = (int)wide;
        return true;
    }

    /// <summary>A float64 from an INT, FLOAT, INF, NEG_INF or NAN token.</summary>
    public bool TryDouble(IToken token, out double value)
    {
        value = 0;
        switch (token.Type)
        {
            case MirLexer.INF:
                value = double.PositiveInfinity;
                return true;
            case MirLexer.NEG_INF:
                value = double.NegativeInfinity;
                return true;
            case MirLexer.NAN:
                if (!TryNaNBits(token, 16, out var bits))
                {
                    return false;
                }

                value = BitConverter.Int64BitsToDouble(unchecked((long)bits));
                return CheckNaN(token, double.IsNaN(value), "f64");
            default:
                value = double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return CheckFinite(token, double.IsFinite(value), "a 64-bit float");
        }
    }

    /// <summary>A float32 parsed directly (not through float64, which could round twice).</summary>
    public bool TrySingle(IToken token, out float value)
    {
        value = 0;
        switch (token.Type)
        {
            case MirLexer.INF:
                value = float.PositiveInfinity;
                return true;
            case MirLexer.NEG_INF:
                value = float.NegativeInfinity;
                return true;
            case MirLexer.NAN:
                if (!TryNaNBits(token, 8, out var bits))
                {
                    return false;
                }

                value = BitConverter.Int32BitsToSingle(unchecked((int)(uint)bits));
                return CheckNaN(token, float.IsNaN(value), "f32");
            default:
                value = float.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return CheckFinite(token, float.IsFinite(value), "a 32-bit float");
        }
    }

    /// <summary>The contents of a STRING token, or of a quoted name after its one-character sigil.</summary>
    public bool TryString(IToken token, int sigilLength, out string value)
    {
        var text = token.Text;
        var builder = new StringBuilder(text.Length);
        var ok = true;
        for (var i = sigilLength + 1; i < text.Length - 1; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            var escape = text[i + 1];
            switch (escape)
            {
                case '"' or '\\':
                    builder.Append(escape);
                    i++;
                    break;
                case 'n':
                    builder.Append('\n');
                    i++;
                    break;
                case 'r':
                    builder.Append('\r');
                    i++;
                    break;
                case 't':
                    builder.Append('\t');
                    i++;
                    break;
                case 'u' when i + 5 < text.Length - 1
                    && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 5;
                    break;
                default:
                    var shown = escape == 'u' ? "\\u" : "\\" + escape;
                    Error(TextDiagnosticIds.InvalidEscape, $"invalid escape '{shown}' (expected \\\", \\\\, \\n, \\r, \\t or \\uXXXX)", token, i);
                    ok = false;
                    i++;
                    break;
            }
        }

        value = builder.ToString();
        return ok;
    }

    /// <summary>A kernel, buffer or variable name, bare or quoted; null (reported) when kernel IR does not accept it.</summary>
    public string? KernelName(MirParser.KernelNameContext context)
    {
        var token = context.Start;
        if (token.Type != MirLexer.STRING)
        {
            return CheckKernelName(token.Text, token);
        }

        return TryString(token, 0, out var name) ? CheckKernelName(name, token) : null;
    }

    public string? CheckKernelName(string name, IToken token)
    {
        if (Kernels.KernelNames.IsValid(name))
        {
            return name;
        }

        Error(
            TextDiagnosticIds.InvalidKernelName,
            $"'{name}' is not a kernel IR name (letters, digits, '_' and '.', not starting with a digit)",
            token);
        return null;
    }

    /// <summary>The name of a VALUE_NAME or GRAPH_NAME token without its sigil; null (reported) when invalid.</summary>
    public string? Name(IToken token)
    {
        var text = token.Text;
        string name;
        if (text.Length > 1 && text[1] == '"')
        {
            if (!TryString(token, 1, out name))
            {
                return null;
            }
        }
        else
        {
            name = text[1..];
        }

        if (name.Length == 0)
        {
            Error(TextDiagnosticIds.EmptyName, "a name must not be empty", token);
            return null;
        }

        return name;
    }

    private bool TryNaNBits(IToken token, int maxDigits, out ulong bits)
    {
        bits = 0;
        var text = token.Text;
        if (text == "nan")
        {
            bits = maxDigits == 16
                ? unchecked((ulong)BitConverter.DoubleToInt64Bits(double.NaN))
                : unchecked((uint)BitConverter.SingleToInt32Bits(float.NaN));
            return true;
        }

        var digits = text.AsSpan("nan(0x".Length, text.Length - "nan(0x".Length - 1);
        if (digits.Length <= maxDigits
            && ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bits))
        {
            return true;
        }

        Error(TextDiagnosticIds.InvalidHex, $"'{text}' has more than {maxDigits} hex digits", token);
        return false;
    }

    private bool CheckNaN(IToken token, bool isNaN, string type)
    {
        if (!isNaN)
        {
            Error(TextDiagnosticIds.InvalidHex, $"'{token.Text}' is not the bit pattern of an {type} NaN", token);
        }

        return isNaN;
    }

    private bool CheckFinite(IToken token, bool isFinite, string type)
    {
        if (!isFinite)
        {
            Error(TextDiagnosticIds.FloatOutOfRange, $"float {token.Text} is out of the range of {type} (write inf for infinity)", token);
        }

        return isFinite;
    }
}
