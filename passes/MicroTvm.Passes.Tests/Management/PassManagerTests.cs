using MicroTvm.Passes.Instrumentation;
using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.Management;

public sealed class PassManagerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-pm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static PassManagerResult Run(string steps, params IPassInstrumentation[] instrumentations) =>
        new PassManager(new PassManagerOptions(), instrumentations).Run(TestRegistry.Parse(TestRegistry.SmallModule), TestRegistry.Bind(steps));

    [Fact]
    public void SetsOptionsOnAFreshInstanceForEveryRun()
    {
        var statistics = new StatisticsInstrumentation();
        var result = Run("test-options { depth = 3, kind = hill-climb, sizes = [4], budget = 1M, target = \"m\" }, test-options { target = \"n\" }", statistics);
        Assert.True(result.Succeeded);
        Assert.Equal("8 0.5 True x 262144 Plain [] n", result.Module!.Attributes["test.options"].ToString());
        var (pass, totals) = Assert.Single(statistics.Totals);
        Assert.Equal("test-options", pass.Name);
        Assert.Equal(new[] { new StatisticValue("num-runs", 2) }, totals.ToArray());
    }

    [Fact]
    public void VerifiesAfterEveryPassAndNamesThePass()
    {
        var result = Run("eliminate-dead-code, test-break-ir, infer-types");
        Assert.False(result.Succeeded);
        Assert.Equal(PassDiagnosticIds.VerificationFailed, result.Diagnostics[0].Id);
        Assert.Contains("after pass 'test-break-ir'", result.Diagnostics[0].Message);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'%r' is not defined"));
    }

    [Fact]
    public void VerificationCanBeTurnedOff()
    {
        var result = new PassManager(new PassManagerOptions { VerifyEach = false }, [])
            .Run(TestRegistry.Parse(TestRegistry.SmallModule), TestRegistry.Bind("test-break-ir"));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void PrintsTheModuleAfterEveryPass()
    {
        var output = new StringWriter();
        Run("infer-types, eliminate-dead-code", new IrPrintingInstrumentation(output, new HashSet<string> { "eliminate-dead-code" }, new HashSet<string>(), afterAll: true));
        var text = output.ToString();
        Assert.Equal(
            [
                "// ----- IR Dump After infer-types (#1) ----- //",
                "// ----- IR Dump Before eliminate-dead-code (#2) ----- //",
                "// ----- IR Dump After eliminate-dead-code (#2) ----- //",
            ],
            text.Split('\n').Where(l => l.StartsWith("// -----", StringComparison.Ordinal)));
        Assert.Contains("%n = neg", text[..text.IndexOf("After eliminate-dead-code", StringComparison.Ordinal)]);
        Assert.DoesNotContain("%n = neg", text[text.IndexOf("After eliminate-dead-code", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void DumpsOneNumberedFilePerPassRun()
    {
        Run("infer-types, each graph { eliminate-dead-code }", new IrDumpInstrumentation(_directory));
        Assert.Equal(["001-infer-types.mir", "002-eliminate-dead-code.mir"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
        Assert.DoesNotContain("neg", File.ReadAllText(Path.Combine(_directory, "002-eliminate-dead-code.mir")));
    }

    [Fact]
    public void TimesEveryRunAsATableOrJson()
    {
        var timing = new TimingInstrumentation();
        Run("infer-types, eliminate-dead-code", timing);
        Assert.Equal(["infer-types", "eliminate-dead-code"], timing.Times.Select(t => t.Run.PassName));
        var table = new StringWriter();
        timing.Report(table, TimingFormat.Text);
        Assert.Matches(@"(?m)^\s+2  eliminate-dead-code\s+\d+\.\d{3}", table.ToString());
        var json = new StringWriter();
        timing.Report(json, TimingFormat.Json);
        using var document = System.Text.Json.JsonDocument.Parse(json.ToString());
        Assert.Equal("eliminate-dead-code", document.RootElement.GetProperty("passes")[1].GetProperty("pass").GetString());
        Assert.True(document.RootElement.GetProperty("total_ms").GetDouble() >= 0);
    }

    [Fact]
    public void BisectionAppliesOnlyTheFirstRunsAndNamesTheLast()
    {
        var bisect = new BisectInstrumentation(1);
        var statistics = new StatisticsInstrumentation();
        var result = Run("infer-types, eliminate-dead-code, test-crash", bisect, statistics);
        Assert.True(result.Succeeded);
        Assert.Contains("%n = neg", MicroTvm.IR.Text.ModulePrinter.Print(result.Module!));
        Assert.Equal(2, bisect.Skipped);
        Assert.Equal("bisect: applied 1 pass run(s), skipped 2; the last applied was #1 infer-types", bisect.Summary);
    }

    [Fact]
    public void ACrashWritesAReproducerThatCrashesAgain()
    {
        var reproducer = new CrashReproducerInstrumentation(_directory);
        var result = Run("eliminate-dead-code, test-crash { message = \"kaput\" }, infer-types", reproducer);
        Assert.False(result.Succeeded);
        var crash = Assert.Single(result.Diagnostics);
        Assert.Equal(PassDiagnosticIds.PassCrashed, crash.Id);
        Assert.Equal("pass 'test-crash' crashed: InvalidOperationException: kaput", crash.Message);

        var text = File.ReadAllText(reproducer.ReproducerPath!);
        var test = MicroTvm.Passes.Testing.MirTestCase.Parse(text, reproducer.ReproducerPath!);
        Assert.Equal("test-crash { message = \"kaput\" }", test.Pipeline);
        Assert.DoesNotContain("neg", text);
        var again = new PassManager(new PassManagerOptions(), []).Run(TestRegistry.Parse(text), TestRegistry.Bind(test.Pipeline!));
        Assert.Equal(crash, Assert.Single(again.Diagnostics) with { Location = crash.Location });
    }

    [Fact]
    public void AFailingPassStopsThePipelineWithItsDiagnostics()
    {
        var module = TestRegistry.Parse("graph @main(%a: tensor<2xf32>, %b: tensor<3xf32>) {\n  %s = add(%a, %b) : tensor<2xf32>\n  return %s\n}");
        var result = new PassManager(new PassManagerOptions(), []).Run(module, TestRegistry.Bind("infer-types, test-crash"));
        Assert.False(result.Succeeded);
        Assert.Equal([PassDiagnosticIds.TypeInference, PassDiagnosticIds.PassFailed], result.Diagnostics.Select(d => d.Id));
    }
}
