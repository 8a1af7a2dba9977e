using System.Globalization;
using System.Text;
using MicroTvm.IR.Interpretation;

namespace MicroTvm.IR.IO;

/// <summary>
/// NumPy's <c>.npy</c> format (versions 1–3), C order only, for the dtypes the IR has:
/// &lt;f4 |i1 |u1 &lt;i2 &lt;i4 &lt;i8 |b1. Reading is bounds-checked and reports malformed
/// files as diagnostics; writing produces version 1.0 with the header padded to 64 bytes.
/// </summary>
public static class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static readonly (string Descr, ElementType Type)[] Dtypes =
    [
        ("<f4", ElementType.F32), ("|i1", ElementType.I8), ("|u1", ElementType.U8), ("<i2", ElementType.I16),
        ("<i4", ElementType.I32), ("<i8", ElementType.I64), ("|b1", ElementType.Bool),
    ];

    /// <summary>Parses one array; on failure adds a diagnostic naming <paramref name="source"/> and returns null.</summary>
    public static TensorData? Read(ReadOnlySpan<byte> bytes, string source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
        {
            return Fail(diagnostics, InterpreterDiagnosticIds.MalformedFile, source, "is not a .npy file (missing the \\x93NUMPY magic)");
        }

        var major = bytes[6];
        var (headerLength, headerStart) = major switch
        {
            1 => ((long)BitConverter.ToUInt16(bytes.Slice(8, 2)), 10),
            2 or 3 when bytes.Length >= 12 => ((long)BitConverter.ToUInt32(bytes.Slice(8, 4)), 12),
            _ => (-1L, 0),
        };
        if (headerLength < 0)
        {
            return Fail(diagnostics, InterpreterDiagnosticIds.MalformedFile, source, $"has unsupported .npy version {major}");
        }

        if (headerStart + headerLength > bytes.Length)
        {
            return Fail(diagnostics, InterpreterDiagnosticIds.MalformedFile, source, $"is truncated: the header needs {headerLength} bytes but the file has {bytes.Length - headerStart}");
        }

        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes.Slice(headerStart, (int)headerLength));
        if (!NpyHeader.TryParse(header, out var parsed, out var error))
        {
            return Fail(diagnostics, InterpreterDiagnosticIds.MalformedFile, source, $"has a malformed header: {error}");
        }

        if (parsed.FortranOrder)
        {
            return Fail(diagnostics, InterpreterDiagnosticIds.UnsupportedDtype, source, "is in Fortran order; only C order is supported");
        }

        if (!TryMapDtype(parsed.Descr, out var elementType))
        {
            return Fail(diagnostics, InterpreterDiagnosticIds.UnsupportedDtype, source,
                $"has dtype '{parsed.Descr}'; supported: {string.Join(", ", Dtypes.Select(d => d.Descr))}");
        }

        long count = 1;
        foreach (var extent in parsed.Shape)
        {
            count *= extent;
            if (count > int.MaxValue)
            {
                return Fail(diagnostics, InterpreterDiagnosticIds.MalformedFile, source, "declares more elements than a tensor can hold");
            }
        }

        var type = new TensorType(elementType, [.. parsed.Shape]);
        var data = bytes[(int)(headerStart + headerLength)..];
        if (data.Length != type.ByteSize)
        {
            return Fail(diagnostics, InterpreterDiagnosticIds.MalformedFile, source,
                $"holds {data.Length} data bytes but {parsed.Descr} of shape {InputBinding.FormatShape(type.Shape)} needs {type.ByteSize}");
        }

        var copy = data.ToArray();
        if (elementType == ElementType.Bool)
        {
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = copy[i] != 0 ? (byte)1 : (byte)0;
            }
        }

        return new TensorData(type, copy);
    }

    public static byte[] Write(TensorData tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var descr = Dtypes.First(d => d.Type == tensor.Type.ElementType).Descr;
        var shape = tensor.Type.Rank switch
        {
            0 => "()",
            1 => $"({tensor.Type.Shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => $"({string.Join(", ", tensor.Type.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})",
        };
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        var total = 10 + header.Length + 1;
        var padded = header + new string(' ', (64 - (total % 64)) % 64) + "\n";
        using var stream = new MemoryStream();
        stream.Write(Magic);
        stream.Write([1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)padded.Length));
        stream.Write(Encoding.Latin1.GetBytes(padded));
        stream.Write(tensor.Bytes.Span);
        return stream.ToArray();
    }

    private static bool TryMapDtype(string descr, out ElementType type)
    {
        var normalized = descr.Length == 3 && descr[0] is '<' or '|' or '=' ? descr[1..] : descr;
        foreach (var (candidate, elementType) in Dtypes)
        {
            var single = candidate[0] == '|';
            if (candidate[1..] == normalized && (single || descr[0] != '|'))
            {
                type = elementType;
                return true;
            }
        }

        type = default;
        return false;
    }

    private static TensorData? Fail(DiagnosticBag diagnostics, string id, string source, string message)
    {
        diagnostics.Error(id, $"'{source}' {message}");
        return null;
    }
}
