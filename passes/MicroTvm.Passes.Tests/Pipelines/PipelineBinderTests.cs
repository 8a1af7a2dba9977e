using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.Pipelines;

public sealed class PipelineBinderTests
{
    private static (ResolvedPipeline? Pipeline, ImmutableArray<Diagnostic> Diagnostics) Bind(
        string text,
        string? name = null,
        (string, PipelineValue)[]? parameters = null,
        PassOptionOverride[]? overrides = null)
    {
        var library = PipelineLoader.FromText(text, "aot.pass");
        Assert.Empty(library.Diagnostics);
        return new PipelineBinder(TestRegistry.Instance).Bind(
            library,
            name,
            [.. (parameters ?? []).Select(p => KeyValuePair.Create(p.Item1, p.Item2))],
            overrides ?? []);
    }

    [Fact]
    public void SuggestsTheClosestPassForAMisspeltOne()
    {
        var (pipeline, diagnostics) = Bind("pipeline default {\n  infer-types\n  eliminate-dead-cod\n}\n");
        Assert.Null(pipeline);
        var error = Assert.Single(diagnostics);
        Assert.Equal(PassDiagnosticIds.UnknownPass, error.Id);
        Assert.Equal("unknown pass 'eliminate-dead-cod'; did you mean 'eliminate-dead-code'?", error.Message);
        Assert.Equal(new SourceLocation("aot.pass", 3, 3), error.Location);
    }

    [Fact]
    public void ReportsEveryErrorOfTheFileInOneRun()
    {
        const string text = """
            pipeline default {
              infer-typez
              test-options { depht = 1, target = "t" }
              test-options { depth = "deep", target = "t" }
              test-options { kind = hill-climp, target = "t" }
              test-options { }
              each grph { infer-types }
              test-options { depth = $nope, target = "t" }
            }
            """;
        var (pipeline, diagnostics) = Bind(text);
        Assert.Null(pipeline);
        Assert.Equal(
            [
                (PassDiagnosticIds.UnknownPass, 2, "unknown pass 'infer-typez'; did you mean 'infer-types'?"),
                (PassDiagnosticIds.UnknownOption, 3, "pass 'test-options' has no option 'depht'; did you mean 'depth'?"),
                (PassDiagnosticIds.OptionType, 4, "option 'depth' of pass 'test-options': expected an int, got a string '\"deep\"'"),
                (PassDiagnosticIds.OptionType, 5, "option 'kind' of pass 'test-options': 'hill-climp' is not one of plain, hill-climb; did you mean 'hill-climb'?"),
                (PassDiagnosticIds.MissingOption, 6, "pass 'test-options' needs option 'target' (string)"),
                (PassDiagnosticIds.UnknownAnchor, 7, "unknown anchor 'grph'; did you mean 'graph'?"),
                (PassDiagnosticIds.UnknownParameter, 8, "unknown parameter '$nope'"),
            ],
            diagnostics.Select(d => (d.Id, d.Location!.Line, d.Message)));
    }

    [Fact]
    public void FillsDefaultsAndPrintsEveryOptionExplicitly()
    {
        var (pipeline, diagnostics) = Bind("pipeline p { test-options { target = \"m4\", sizes = [1, 2] } }");
        Assert.Empty(diagnostics);
        Assert.Equal(
            "pipeline p {\n  test-options { depth = 8, ratio = 0.5, enabled = true, label = \"x\", budget = 256K, kind = plain, sizes = [1, 2], target = \"m4\" }\n}\n",
            pipeline!.ToString());
    }

    [Fact]
    public void TheDumpOfABoundPipelineBindsToTheSamePipeline()
    {
        var (pipeline, _) = Bind("pipeline p(d = 3) { test-options { depth = $d, target = \"m4\" }, each graph { cleanup } }\npipeline cleanup { eliminate-dead-code }", "p");
        var (again, diagnostics) = Bind(pipeline!.ToString());
        Assert.Empty(diagnostics);
        Assert.Equal(pipeline, again);
    }

    [Fact]
    public void CommandLineParametersOverrideDefaults()
    {
        var (pipeline, diagnostics) = Bind(
            "pipeline default(d = 3, t = \"a\") { test-options { depth = $d, target = $t } }",
            parameters: [("d", new IntegerValue(5))]);
        Assert.Empty(diagnostics);
        var options = Assert.IsType<ResolvedPass>(Assert.Single(pipeline!.Steps)).OptionValues;
        Assert.Equal(new IntegerValue(5), options["depth"]);
        Assert.Equal(new StringValue("a"), options["target"]);
    }

    [Fact]
    public void PassOptionOverridesApplyToEveryRunOfThePass()
    {
        var (pipeline, diagnostics) = Bind(
            "pipeline default { test-options { depth = 1, target = \"a\" }, test-options { target = \"b\" } }",
            overrides: [new PassOptionOverride("test-options", "depth", new IntegerValue(4))]);
        Assert.Empty(diagnostics);
        Assert.All(pipeline!.Steps, step => Assert.Equal(new IntegerValue(4), ((ResolvedPass)step).OptionValues["depth"]));
    }

    [Fact]
    public void ReportsBadOverrides()
    {
        var (_, diagnostics) = Bind(
            "pipeline default { infer-types }",
            parameters: [("nope", new IntegerValue(1))],
            overrides: [new PassOptionOverride("infer-type", "x", new IntegerValue(1)), new PassOptionOverride("test-options", "depth", new StringValue("s"))]);
        Assert.Equal(
            [PassDiagnosticIds.UnknownPass, PassDiagnosticIds.OptionType, PassDiagnosticIds.UnknownParameter],
            diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void ExpandsPipelineReferencesWithArguments()
    {
        const string text = """
            pipeline default { configure { d = 2 }, configure }
            pipeline configure(d = 1) { test-options { depth = $d, target = "t" } }
            """;
        var (pipeline, diagnostics) = Bind(text);
        Assert.Empty(diagnostics);
        Assert.Equal([new IntegerValue(2), new IntegerValue(1)], pipeline!.Steps.Select(s => ((ResolvedPass)s).OptionValues["depth"]));
    }

    [Fact]
    public void RejectsRecursivePipelinesAndMissingParameters()
    {
        var (_, diagnostics) = Bind("pipeline default { a }\npipeline a { b }\npipeline b { a, c }\npipeline c(x) { }");
        Assert.Equal([PassDiagnosticIds.RecursivePipeline, PassDiagnosticIds.MissingParameter], diagnostics.Select(d => d.Id));
        Assert.Contains("default -> a -> b -> a", diagnostics[0].Message);
    }

    [Fact]
    public void ChoosesThePipelineByName()
    {
        const string text = "pipeline one { infer-types }\npipeline two { eliminate-dead-code }";
        Assert.Equal("two", Bind(text, "two").Pipeline!.Name);
        Assert.Equal(PassDiagnosticIds.UnknownPipeline, Assert.Single(Bind(text).Diagnostics).Id);
        Assert.Equal("no pipeline named 'tow'; did you mean 'two'?", Assert.Single(Bind(text, "tow").Diagnostics).Message);
    }

    [Fact]
    public void TheShippedAotPipelineBinds()
    {
        var library = PipelineLoader.Load(Path.Combine(RepoPaths.Root, "pipelines", "aot.pass"));
        Assert.Empty(library.Diagnostics);
        var (pipeline, diagnostics) = new PipelineBinder(PassRegistry.Core).Bind(library, null, [], []);
        Assert.Empty(diagnostics);
        Assert.Equal("default", pipeline!.Name);
        Assert.Contains(pipeline.Steps, s => s is ResolvedPass { Pass.Name: "infer-types" });
    }
}
