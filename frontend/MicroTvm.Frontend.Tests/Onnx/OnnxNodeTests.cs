using Xunit.Abstractions;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>The ONNX backend node tests of the corpus's core tier, one theory row per case.</summary>
public sealed class OnnxNodeTests(ITestOutputHelper output)
{
    public static TheoryData<string> CoreCases()
    {
        var data = new TheoryData<string>();
        foreach (var nodeCase in OnnxNodeIndex.Cases("core"))
        {
            data.Add(nodeCase.Name);
        }

        if (data.Count == 0)
        {
            data.Add(NoCorpus);
        }

        return data;
    }

    private const string NoCorpus = "(corpus absent)";

    [Theory]
    [MemberData(nameof(CoreCases))]
    public void Core_node_test_imports_and_reproduces_its_outputs(string caseName)
    {
        if (caseName == NoCorpus)
        {
            return;
        }

        var nodeCase = OnnxNodeIndex.Cases("core").Single(c => c.Name == caseName);
        var outcome = nodeCase.Run();
        if (OnnxNodeTestGaps.TryGet(caseName, out var status, out var reason))
        {
            output.WriteLine($"known gap ({status}): {reason}\n{outcome.Detail}");
            Assert.True(outcome.Status == status, $"{caseName} ({nodeCase.Op}) is listed as a known gap ({status}: {reason}) but now ends {outcome.Status}; update OnnxNodeTestGaps.tsv.\n{outcome.Detail}");
            return;
        }

        Assert.True(outcome.Status == OnnxCaseStatus.Passed, $"{caseName} ({nodeCase.Op}): {outcome.Status}\n{outcome.Detail}");
    }

    /// <summary>Pass and fail counts per op over the core tier, printed to the test output.</summary>
    [Fact]
    public void Core_node_test_summary()
    {
        var rows = OnnxNodeIndex.Cases("core").Select(c => (c.Op, c.Name, Outcome: c.Run())).ToList();
        foreach (var group in rows.GroupBy(r => r.Op).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var counts = string.Join(", ", group.GroupBy(r => r.Outcome.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            output.WriteLine($"{group.Key,-24} {counts}");
        }

        output.WriteLine($"total: {rows.Count(r => r.Outcome.Status == OnnxCaseStatus.Passed)} of {rows.Count} pass");
        foreach (var row in rows.Where(r => r.Outcome.Status != OnnxCaseStatus.Passed))
        {
            output.WriteLine($"{row.Name}\t{row.Outcome.Status}\t{row.Outcome.Detail.Split('\n')[0]}");
        }
    }
}
