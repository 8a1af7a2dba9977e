namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>Rows of corpus/onnx-node/INDEX.tsv: case, tier, base op.</summary>
internal static class OnnxNodeIndex
{
    public static IReadOnlyList<OnnxNodeCase> Cases(string tier)
    {
        if (OnnxCorpus.Path("onnx-node", "INDEX.tsv") is not { } index || !File.Exists(index))
        {
            return [];
        }

        return [.. File.ReadLines(index).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length > 2 && columns[1] == tier)
            .Select(columns => new OnnxNodeCase(columns[0], columns[2]))];
    }
}
