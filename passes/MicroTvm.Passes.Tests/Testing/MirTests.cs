using MicroTvm.Passes.Testing;
using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.Testing;

/// <summary>Every FileCheck-style IR test under passes/test/&lt;PassName&gt;/*.mir.</summary>
public sealed class MirTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(RepoPaths.PassTests, "*.mir", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepoPaths.PassTests, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Passes(string file)
    {
        var path = Path.Combine(RepoPaths.PassTests, file);
        var outcome = new MirTestRunner(TestRegistry.Instance).Run(MirTestCase.Parse(File.ReadAllText(path), path));
        Assert.True(outcome.Passed, outcome.Failure);
    }

    [Fact]
    public void EveryCorePassHasIrTests()
    {
        foreach (var pass in PassRegistry.Core.Passes)
        {
            var folder = Path.Combine(RepoPaths.PassTests, pass.Type.Name[..^"Pass".Length]);
            Assert.True(Directory.Exists(folder) && Directory.GetFiles(folder, "*.mir").Length > 0, $"no IR tests for '{pass.Name}' in {folder}");
        }
    }
}
