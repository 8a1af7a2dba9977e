using System.Buffers.Binary;
using System.Globalization;
using Antlr4.Runtime;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>Builds the contents of <c>dense&lt;TYPE, [elements]&gt;</c> and <c>dense&lt;TYPE, "0xHEX"&gt;</c>.</summary>
internal sealed class DenseBuilder(LiteralReader literals, TypeBuilder types)
{
    public TensorData? Build(MirParser.DenseValueContext context)
    {
        if (types.Build(context.tensorType()) is not { } type)
        {
            return null;
        }

        return context.denseContents() switch
        {
            MirParser.DenseHexContext hex => FromHex(type, hex.STRING().Symbol),
            MirParser.DenseListContext list => FromList(type, list.scalarLiteral(), list.LBRACKET().Symbol),
            _ => throw new InvalidOperationException("unexpected dense syntax"),
        };
    }

    private TensorData? FromHex(TensorType type, IToken token)
    {
        if (!literals.TryString(token, 0, out var text))
        {
            return null;
        }

        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length % 2 != 0
            || !IsHex(text.AsSpan(2)))
        {
            literals.Error(TextDiagnosticIds.InvalidHex, "dense bytes must be \"0x\" followed by an even number of hex digits", token);
            return null;
        }

        var byteCount = (text.Length - 2) / 2;
        if (byteCount != type.ByteSize)
        {
            literals.Error(
                TextDiagnosticIds.DenseSizeMismatch,
                $"{TypePrinter.Print(type)} needs {type.ByteSize} bytes but {byteCount} are given",
                token);
            return null;
        }

        return new TensorData(type, Convert.FromHexString(text.AsSpan(2)));
    }

    private TensorData? FromList(TensorType type, MirParser.ScalarLiteralContext[] elements, IToken start)
    {
        if (elements.Length != type.ElementCount)
        {
            literals.Error(
                TextDiagnosticIds.DenseSizeMismatch,
                $"{TypePrinter.Print(type)} needs {type.ElementCount} elements but {elements.Length} are given",
                start);
            return null;
        }

        var size = type.ElementType.ByteSize();
        var bytes = new byte[type.ByteSize];
        var ok = true;
        for (var i = 0; i < elements.Length; i++)
        {
            ok &= Write(bytes.AsSpan(i * size, size), type.ElementType, elements[i].Start);
        }

        return ok ? new TensorData(type, bytes) : null;
    }

    private bool Write(Span<byte> destination, ElementType elementType, IToken token)
    {
        switch (elementType)
        {
            case ElementType.F32:
                if (token.Type is MirLexer.TRUE or MirLexer.FALSE)
                {
                    return WrongKind(token, "numbers", elementType);
                }

                if (!literals.TrySingle(token, out var single))
                {
                    return false;
                }

                BinaryPrimitives.WriteSingleLittleEndian(destination, single);
                return true;
            case ElementType.Bool:
                if (token.Type is not (MirLexer.TRUE or MirLexer.FALSE))
                {
                    return WrongKind(token, "true or false", elementType);
                }

                destination[0] = token.Type == MirLexer.TRUE ? (byte)1 : (byte)0;
                return true;
            default:
                if (token.Type != MirLexer.INT)
                {
                    return WrongKind(token, "integers", elementType);
                }

                if (!literals.TryInt64(token, out var value))
                {
                    return false;
                }

                if (value < elementType.MinValue() || value > elementType.MaxValue())
                {
                    literals.Error(
                        TextDiagnosticIds.IntegerOutOfRange,
                        $"{value.ToString(CultureInfo.InvariantCulture)} does not fit {elementType.Mnemonic()} [{elementType.MinValue().ToString(CultureInfo.InvariantCulture)}, {elementType.MaxValue().ToString(CultureInfo.InvariantCulture)}]",
                        token);
                    return false;
                }

                WriteInteger(destination, value);
                return true;
        }
    }

    private bool WrongKind(IToken token, string expected, ElementType elementType)
    {
        literals.Error(TextDiagnosticIds.DenseElementKind, $"{elementType.Mnemonic()} elements must be {expected}, not '{token.Text}'", token);
        return false;
    }

    /// <summary>Little-endian, truncated to the element's width (the range was checked).</summary>
    private static void WriteInteger(Span<byte> destination, long value)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = unchecked((byte)(value >> (8 * i)));
        }
    }

    private static bool IsHex(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
