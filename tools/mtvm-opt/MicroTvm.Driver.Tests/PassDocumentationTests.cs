namespace MicroTvm.Driver.Tests;

/// <summary>docs/passes.md is generated from the pass declarations; MTVM_TEST_BLESS=1 regenerates it.</summary>
public sealed class PassDocumentationTests
{
    [Fact]
    public void DocsPassesMdIsUpToDate()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "docs", "passes.md");
        var expected = PassListing.Markdown(PassRegistry.Core);
        if (Environment.GetEnvironmentVariable("MTVM_TEST_BLESS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with MTVM_TEST_BLESS=1");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}
