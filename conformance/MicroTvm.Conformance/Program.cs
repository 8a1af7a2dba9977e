using MicroTvm.Conformance;
using MicroTvm.Conformance.Report;
using MicroTvm.Conformance.Running;
using MicroTvm.IR.Testing;
using Spectre.Console;

// The QEMU conformance suite from the console:
//   dotnet run --project conformance/MicroTvm.Conformance -c Release -- [--boards all|b1,b2] [--filter TEXT] [--out DIR] [--llvm CPU]
// --llvm CPU compiles every case to LLVM objects for CPU (the boards must have that CPU, e.g. cortex-m4 for qemu-mps2-an386).
// Default boards: the CI three. Tables go to out/conformance/ (results.md, results.json); exit 1 on any failure.
var boards = SuiteOptions.CiBoards;
string? filter = null;
string? llvmCpu = null;
var output = Path.Combine(TestEnvironment.RepoRoot, "out", "conformance");
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--boards": boards = args[i + 1] == "all" ? SuiteOptions.AllBoards : [.. args[i + 1].Split(',')]; break;
        case "--filter": filter = args[i + 1]; break;
        case "--out": output = args[i + 1]; break;
        case "--llvm": llvmCpu = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}; options: --boards all|b1,b2  --filter TEXT  --out DIR  --llvm CPU"); return 2;
    }
}

if (TestEnvironment.Corpus is not { } corpus)
{
    Console.Error.WriteLine("no model corpus: set MTVM_CORPUS or put it in ../shared/corpus beside the checkout");
    return 2;
}

var options = new SuiteOptions(boards, output, Path.Combine(output, "work"), filter, llvmCpu);
SuiteResult? result = null;
AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).Start(context =>
{
    result = ConformanceSuite.Run(options, TestEnvironment.RepoRoot, corpus, Path.Combine(TestEnvironment.RepoRoot, "pipelines", "aot.pass"), new SpectreProgress(context));
});

ResultTables.Write(result!, output);
foreach (var failure in result!.Failures)
{
    AnsiConsole.MarkupLineInterpolated($"[red]FAIL[/] {failure.Case} on {failure.Board}: {failure.Detail}");
}

Console.WriteLine(ResultTables.Totals(result));
Console.WriteLine($"{result.Elapsed.TotalMinutes:F1} minutes; tables in {output}");
return result.Failures.Any() ? 1 : 0;
