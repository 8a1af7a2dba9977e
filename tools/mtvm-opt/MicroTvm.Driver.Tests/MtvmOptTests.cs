namespace MicroTvm.Driver.Tests;

public sealed class MtvmOptTests : IDisposable
{
    private const string Model = """
        graph @main(%a: tensor<4xf32>) {
          %n = neg(%a) : tensor<4xf32>
          %r = relu(%a) : tensor<4xf32>
          return %r
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-opt-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void PrintsTheParsedModuleBack()
    {
        var (exit, output, _) = Tool.Run(Write("m.mir", Model));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(Model.ReplaceLineEndings("\n") + "\n", output);
    }

    [Fact]
    public void VerifyReportsEveryErrorWithItsPosition()
    {
        var path = Write("bad.mir", "graph @main(%a: tensor<4xf32>) {\n  %x = relu(%b) : tensor<4xf32>\n  %y = neg(%c) : tensor<4xf32>\n  return %y\n}\n");
        var (exit, _, error) = Tool.Run("--verify", path);
        Assert.Equal(ExitCodes.CompileError, exit);
        Assert.Contains($"{path}:2:3: error:", error);
        Assert.Contains($"{path}:3:3: error:", error);
    }

    [Fact]
    public void RunsTheShippedPipeline()
    {
        var (exit, output, error) = Tool.RunDefault("--pipeline", Path.Combine(TestPaths.RepoRoot, "pipelines", "aot.pass"), Write("m.mir", Model));
        Assert.True(exit == ExitCodes.Success, error);
        Assert.DoesNotContain("neg", output);
    }

    [Fact]
    public void AMisspeltPassIsReportedWithACaretAndExitsOne()
    {
        var pipeline = Write("aot.pass", "pipeline default {\n  infer-types\n    eliminate-dead-cod\n}\n");
        var (exit, _, error) = Tool.Run("--pipeline", pipeline, Write("m.mir", Model));
        Assert.Equal(ExitCodes.CompileError, exit);
        Assert.Equal(
            $"{pipeline}:3:5: error: unknown pass 'eliminate-dead-cod'; did you mean 'eliminate-dead-code'? [MTVM2002]\n    eliminate-dead-cod\n    ^\n",
            error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--no-such-flag")]
    [InlineData("--bisect-limit", "many")]
    [InlineData("-D", "x")]
    [InlineData("--pipeline-name", "x", "m.mir")]
    public void UsageErrorsExitTwo(params string[] args)
    {
        var (exit, _, error) = Tool.Run([.. args.Select(a => a == "m.mir" ? Write("m.mir", Model) : a)]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void ListsPassesWithOptionsAndStatistics()
    {
        var (exit, output, _) = Tool.RunDefault("--list-passes");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("  infer-types  recompute every node's result types from its operands", output);
        Assert.Contains("statistic num-erased", output);
    }

    [Fact]
    public void DumpsTheBoundPipelineWithOverrides()
    {
        var pipeline = Write("p.pass", "pipeline default(first = true) { each graph { infer-types }, eliminate-dead-code }");
        var (exit, output, _) = Tool.Run("--pipeline", pipeline, "--dump-pass-pipeline", "-D", "first=false");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("pipeline default {\n  each graph {\n    infer-types\n  }\n  eliminate-dead-code\n}\n", output);
    }

    [Fact]
    public void InstrumentationFlagsReportOnStandardError()
    {
        var (exit, _, error) = Tool.Run(
            "--pass-pipeline", "infer-types, eliminate-dead-code", "--print-ir-after-all", "--print-ir-before=eliminate-dead-code",
            "--timing", "--timing-format", "json", "--statistics", Write("m.mir", Model));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("// ----- IR Dump After infer-types (#1) ----- //", error);
        Assert.Contains("// ----- IR Dump Before eliminate-dead-code (#2) ----- //", error);
        Assert.Contains("\"pass\": \"eliminate-dead-code\"", error);
        Assert.Matches(@"num-erased\s+1\s+nodes removed", error);
    }

    [Fact]
    public void DumpsIrToADirectoryPerPassRun()
    {
        var dump = Path.Combine(_directory, "dump");
        var (exit, _, _) = Tool.Run("--pass-pipeline", "infer-types, eliminate-dead-code", "--ir-dump-dir", dump, Write("m.mir", Model));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["001-infer-types.mir", "002-eliminate-dead-code.mir"], Directory.GetFiles(dump).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void BisectLimitSaysWhichPassWasLast()
    {
        var (exit, output, error) = Tool.Run("--pass-pipeline", "infer-types, eliminate-dead-code, test-crash", "--bisect-limit", "1", Write("m.mir", Model));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("%n = neg", output);
        Assert.Contains("bisect: applied 1 pass run(s), skipped 2; the last applied was #1 infer-types", error);
    }

    [Fact]
    public void ACrashingPassLeavesAReproducerAndExitsOne()
    {
        var reproducers = Path.Combine(_directory, "crashes");
        var (exit, _, error) = Tool.Run("--pass-pipeline", "eliminate-dead-code, test-crash", "--reproducer-dir", reproducers, Write("m.mir", Model));
        Assert.Equal(ExitCodes.CompileError, exit);
        Assert.Contains("pass 'test-crash' crashed: InvalidOperationException: on purpose", error);
        var path = Assert.Single(Directory.GetFiles(reproducers));
        Assert.Contains($"crash reproducer written to {path}", error);
        var text = File.ReadAllText(path);
        Assert.Contains("\n// PIPELINE: test-crash\n", text);
        Assert.DoesNotContain("neg", text);

        var (again, _, againError) = Tool.Run("--pass-pipeline", "test-crash", "--reproducer-dir", reproducers, path);
        Assert.Equal(ExitCodes.CompileError, again);
        Assert.Contains("crashed: InvalidOperationException: on purpose", againError);
    }

    [Fact]
    public void APluginAddsPassesUsableFromPipelineFiles()
    {
        var pipeline = Write("fork.pass", "pipeline default { fork-annotate-module { key = \"fork.variant\", value = \"acme\" }, eliminate-dead-code }");
        var (exit, output, error) = Tool.RunDefault("--load-pass-plugin", TestPaths.SamplePlugin, "--pipeline", pipeline, "--statistics", Write("m.mir", Model));
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("fork.variant = \"acme\"", output);
        Assert.Matches(@"num-annotated\s+1", error);

        var (_, listing, _) = Tool.RunDefault("--load-pass-plugin", TestPaths.SamplePlugin, "--list-passes");
        Assert.Contains("fork-annotate-module  set a string attribute on the module", listing);
        Assert.Contains("key: string (required)", listing);

        var (withoutPlugin, _, withoutError) = Tool.RunDefault("--pipeline", pipeline, Write("m.mir", Model));
        Assert.Equal(ExitCodes.CompileError, withoutPlugin);
        Assert.Contains("unknown pass 'fork-annotate-module'", withoutError);
    }

    [Fact]
    public void AMissingPluginIsACompileError()
    {
        var (exit, _, error) = Tool.RunDefault("--load-pass-plugin", Path.Combine(_directory, "Nope.dll"), "--list-passes");
        Assert.Equal(ExitCodes.CompileError, exit);
        Assert.Contains("MTVM2300", error);
    }
}
