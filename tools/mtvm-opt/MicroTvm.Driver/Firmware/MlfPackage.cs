using System.Formats.Tar;
using System.Text.Json;

namespace MicroTvm.Driver.Firmware;

/// <summary>An unpacked Model Library Format archive and what its metadata.json says about the model's interface.</summary>
public sealed class MlfPackage
{
    private MlfPackage(string directory, string name, string cName, ImmutableArray<MlfTensor> inputs, ImmutableArray<MlfTensor> outputs, long poolBytes, long alignments)
    {
        Directory = directory;
        Name = name;
        CName = cName;
        Inputs = inputs;
        Outputs = outputs;
        PoolBytes = poolBytes;
        AlignmentSlack = alignments;
    }

    public string Directory { get; }

    public string Name { get; }

    public string CName { get; }

    public ImmutableArray<MlfTensor> Inputs { get; }

    public ImmutableArray<MlfTensor> Outputs { get; }

    public long PoolBytes { get; }

    /// <summary>The most bytes alignment padding can add when every buffer is carved from one arena.</summary>
    public long AlignmentSlack { get; }

    public string DescriptorSymbol => $"mtvmgen_{CName}_model";

    /// <summary>Bytes the firmware's arena needs for this model: inputs, outputs, pools, padding and the two structs.</summary>
    public long ArenaBytes => Inputs.Concat(Outputs).Sum(t => t.Bytes) + PoolBytes + AlignmentSlack + 1024;

    /// <summary>Unpacks <paramref name="archive"/> into <paramref name="directory"/> and reads its metadata.</summary>
    public static MlfPackage Extract(string archive, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        try
        {
            TarFile.ExtractToDirectory(archive, directory, overwriteFiles: true);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException($"'{archive}' is not a readable Model Library Format archive: {e.Message}");
        }

        return Open(directory, archive);
    }

    /// <summary>Reads the metadata.json of an archive unpacked into <paramref name="directory"/>; <paramref name="origin"/> names it in errors.</summary>
    public static MlfPackage Open(string directory, string origin)
    {
        var path = Path.Combine(directory, "metadata.json");
        if (!File.Exists(path))
        {
            throw new UsageException($"'{origin}' has no metadata.json: it is not a Model Library Format archive");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var inputs = Tensors(root.GetProperty("inputs"));
            var outputs = Tensors(root.GetProperty("outputs"));
            var pools = root.GetProperty("pools").EnumerateArray().Select(p => (Bytes: p.GetProperty("bytes").GetInt64(), Alignment: p.GetProperty("alignment").GetInt64())).ToList();
            var slack = inputs.Concat(outputs).Sum(t => t.Alignment) + pools.Sum(p => p.Alignment);
            return new MlfPackage(directory, root.GetProperty("name").GetString()!, root.GetProperty("c_name").GetString()!, inputs, outputs, pools.Sum(p => p.Bytes), slack);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UsageException($"'{origin}': metadata.json is malformed: {e.Message}");
        }
    }

    private static ImmutableArray<MlfTensor> Tensors(JsonElement list) =>
    [
        .. list.EnumerateArray().Select(t => new MlfTensor(
            t.GetProperty("name").GetString()!,
            ElementTypeOf(t.GetProperty("dtype").GetString()!),
            [.. t.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())],
            t.GetProperty("bytes").GetInt64(),
            t.GetProperty("alignment").GetInt64())),
    ];

    private static ElementType ElementTypeOf(string dtype) => dtype switch
    {
        "int8" => ElementType.I8,
        "uint8" => ElementType.U8,
        "int16" => ElementType.I16,
        "int32" => ElementType.I32,
        "int64" => ElementType.I64,
        "float32" => ElementType.F32,
        "bool" => ElementType.Bool,
        _ => throw new FormatException($"unknown dtype '{dtype}'"),
    };
}

/// <summary>An input or output of a packaged model.</summary>
public sealed record MlfTensor(string Name, ElementType ElementType, ImmutableArray<int> Shape, long Bytes, long Alignment)
{
    public TensorType Type => new(ElementType, Shape);
}
