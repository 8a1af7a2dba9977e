namespace MicroTvm.Passes.Tests.Pipelines;

public sealed class PipelineLoaderTests
{
    private static PipelineLibrary Load(Dictionary<string, string> files, string root) =>
        PipelineLoader.Load(root, path => files.TryGetValue(path, out var text) ? text : throw new FileNotFoundException(path));

    [Fact]
    public void IncludesAreRelativeToTheIncludingFile()
    {
        var library = Load(
            new()
            {
                ["p/aot.pass"] = "include \"lib/common.pass\"\npipeline default { cleanup }",
                ["p/lib/common.pass"] = "pipeline cleanup { eliminate-dead-code }",
            },
            "p/aot.pass");
        Assert.Empty(library.Diagnostics);
        Assert.Equal(["default", "cleanup"], library.Declarations.Select(d => d.Name));
        var (pipeline, diagnostics) = new PipelineBinder(PassRegistry.Core).Bind(library, null, [], []);
        Assert.Empty(diagnostics);
        Assert.Equal("eliminate-dead-code", Assert.IsType<ResolvedPass>(Assert.Single(pipeline!.Steps)).Pass.Name);
    }

    [Fact]
    public void ReportsIncludeCyclesAndMissingFiles()
    {
        var library = Load(
            new()
            {
                ["a.pass"] = "include \"b.pass\"\ninclude \"missing.pass\"",
                ["b.pass"] = "\ninclude \"a.pass\"",
            },
            "a.pass");
        Assert.Equal(
            [
                (PassDiagnosticIds.IncludeCycle, "b.pass", 2, "include cycle: a.pass -> b.pass -> a.pass"),
                (PassDiagnosticIds.IncludeNotFound, "a.pass", 2, "cannot find included file 'missing.pass'"),
            ],
            library.Diagnostics.Select(d => (d.Id, d.Location!.File, d.Location.Line, d.Message)));
    }

    [Fact]
    public void ReportsSyntaxErrorsOfEveryFile()
    {
        var library = Load(new() { ["a.pass"] = "include \"b.pass\"\ninclude \"c.pass\"", ["b.pass"] = "pipeline x { y { = } }", ["c.pass"] = "pipeline {" }, "a.pass");
        Assert.Contains(library.Diagnostics, d => d.Location!.File == "c.pass");
        Assert.Contains(library.Diagnostics, d => d.Location!.File == "b.pass");
    }
}
