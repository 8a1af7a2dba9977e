using MicroTvm.IR.Testing;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>
/// Known gaps of the core node tests, kept as data in <c>OnnxNodeTestGaps.tsv</c> beside this file:
/// case, expected status, reason. A listed case must still fail that way (so a fixed case is
/// noticed and removed from the list).
/// </summary>
internal static class OnnxNodeTestGaps
{
    private static readonly Dictionary<string, (OnnxCaseStatus Status, string Reason)> Gaps = Load();

    public static bool TryGet(string caseName, out OnnxCaseStatus status, out string reason)
    {
        var found = Gaps.TryGetValue(caseName, out var gap);
        (status, reason) = gap;
        return found;
    }

    private static Dictionary<string, (OnnxCaseStatus, string)> Load()
    {
        var path = Path.Combine(TestEnvironment.RepoRoot, "frontend", "MicroTvm.Frontend.Tests", "Onnx", "OnnxNodeTestGaps.tsv");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(c => c[0], c => (Enum.Parse<OnnxCaseStatus>(c[1]), c[2]), StringComparer.Ordinal);
    }
}
