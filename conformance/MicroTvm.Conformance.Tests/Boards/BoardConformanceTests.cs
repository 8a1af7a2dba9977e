using MicroTvm.Conformance.Report;
using MicroTvm.Conformance.Running;
using MicroTvm.Conformance.Tests.GraphPipeline;
using MicroTvm.IR.Testing;
using Xunit.Abstractions;

namespace MicroTvm.Conformance.Tests.Boards;

/// <summary>
/// The QEMU conformance suite on the CI boards (qemu-mps2-an385, qemu-mps2-an386, qemu-riscv32):
/// every case that compiles must pass on every board; unsupported cases are listed with their
/// reasons. The tables go to out/conformance/ (results.md, results.json). All boards:
/// <c>dotnet cake --target=Conformance</c>.
/// </summary>
public sealed class BoardConformanceTests(ITestOutputHelper output)
{
    [CorpusFact]
    public void EveryCompiledCasePassesOnTheCiBoards()
    {
        var directory = Path.Combine(TestEnvironment.RepoRoot, "out", "conformance");
        Run(new SuiteOptions(SuiteOptions.CiBoards, directory, Path.Combine(directory, "work")));
    }

    /// <summary>Issue 10's check: the same cases with LLVM objects instead of the C backend, on the Cortex-M4 board.</summary>
    [CorpusFact]
    public void EveryCompiledCasePassesWithLlvmObjectsOnTheCortexM4()
    {
        var directory = Path.Combine(TestEnvironment.RepoRoot, "out", "conformance-llvm");
        Run(new SuiteOptions(["qemu-mps2-an386"], directory, Path.Combine(directory, "work"), LlvmCpu: "cortex-m4"));
    }

    private void Run(SuiteOptions options)
    {
        var directory = options.OutputDirectory;
        var result = ConformanceSuite.Run(options, TestEnvironment.RepoRoot, TestEnvironment.Corpus!, ModelPaths.AotPipeline, new TestProgress(output));
        ResultTables.Write(result, directory);
        output.WriteLine(ResultTables.Totals(result));
        output.WriteLine($"{result.Elapsed.TotalMinutes:F1} minutes; tables in {directory}");

        Assert.All(options.Boards, board => Assert.True(result.Count(board, CaseStatus.Pass) > 0, $"nothing passed on {board}"));
        var failures = result.Failures.Select(f => $"{f.Case} on {f.Board}: {f.Detail}").ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} case × board failures (see {directory}/results.md):\n{string.Join("\n", failures)}");
    }

    /// <summary>Writes when each stage starts; the console runner draws bars instead.</summary>
    private sealed class TestProgress(ITestOutputHelper output) : ISuiteProgress
    {
        public void Start(string task, int total) => output.WriteLine($"{DateTime.Now:HH:mm:ss} {task}: {total} steps");

        public void Advance(string task, int count)
        {
        }
    }
}
