using System.IO.Compression;
using MicroTvm.IR.Interpretation;

namespace MicroTvm.IR.IO;

/// <summary>
/// NumPy's <c>.npz</c>: a zip of <c>name.npy</c> entries, stored or deflated. Names are given
/// without the <c>.npy</c> suffix. Writing stores entries uncompressed with a fixed timestamp so
/// the same tensors always give the same bytes.
/// </summary>
public static class NpzArchive
{
    private const long MaxEntryBytes = int.MaxValue;
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads every array; on failure adds diagnostics naming <paramref name="source"/> and returns null.</summary>
    public static IReadOnlyDictionary<string, TensorData>? Read(Stream stream, string source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var result = new SortedDictionary<string, TensorData>(StringComparer.Ordinal);
        var failed = false;
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                var name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
                if (entry.Length > MaxEntryBytes || result.ContainsKey(name))
                {
                    diagnostics.Error(InterpreterDiagnosticIds.MalformedFile, $"'{source}': entry '{entry.FullName}' is too large or repeated");
                    failed = true;
                    continue;
                }

                using var content = entry.Open();
                using var buffer = new MemoryStream();
                content.CopyTo(buffer);
                if (NpyFormat.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), $"{source}:{entry.FullName}", diagnostics) is { } tensor)
                {
                    result[name] = tensor;
                }
                else
                {
                    failed = true;
                }
            }
        }
        catch (InvalidDataException exception)
        {
            diagnostics.Error(InterpreterDiagnosticIds.MalformedFile, $"'{source}' is not a readable .npz (zip) archive: {exception.Message}");
            return null;
        }

        return failed ? null : result;
    }

    public static void Write(Stream stream, IReadOnlyDictionary<string, TensorData> tensors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, tensor) in tensors.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var entry = archive.CreateEntry(name + ".npy", CompressionLevel.NoCompression);
            entry.LastWriteTime = FixedTimestamp;
            using var content = entry.Open();
            content.Write(NpyFormat.Write(tensor));
        }
    }
}
