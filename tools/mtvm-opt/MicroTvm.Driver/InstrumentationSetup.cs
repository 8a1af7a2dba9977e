using System.CommandLine;
using MicroTvm.Passes;
using MicroTvm.Passes.Instrumentation;

namespace MicroTvm.Driver;

/// <summary>The instrumentations the command line asks for, and their reports after the run.</summary>
internal sealed class InstrumentationSetup
{
    private readonly TimingInstrumentation? _timing;
    private readonly TimingFormat _timingFormat;
    private readonly StatisticsInstrumentation? _statistics;
    private readonly BisectInstrumentation? _bisect;
    private readonly CrashReproducerInstrumentation _reproducer;

    public InstrumentationSetup(OptCommandLine commandLine, ParseResult parsed, TextWriter error)
    {
        var all = new List<IPassInstrumentation>();
        if (parsed.GetValue(commandLine.BisectLimit) is { } limit)
        {
            _bisect = new BisectInstrumentation(limit);
            all.Add(_bisect);
        }

        var before = Names(parsed.GetValue(commandLine.PrintIrBefore));
        var after = Names(parsed.GetValue(commandLine.PrintIrAfter));
        var afterAll = parsed.GetValue(commandLine.PrintIrAfterAll);
        if (before.Count > 0 || after.Count > 0 || afterAll)
        {
            all.Add(new IrPrintingInstrumentation(error, before, after, afterAll));
        }

        if (parsed.GetValue(commandLine.IrDumpDir) is { } dumpDirectory)
        {
            all.Add(new IrDumpInstrumentation(dumpDirectory));
        }

        if (parsed.GetValue(commandLine.Timing))
        {
            _timing = new TimingInstrumentation();
            _timingFormat = parsed.GetValue(commandLine.TimingFormat);
            all.Add(_timing);
        }

        if (parsed.GetValue(commandLine.Statistics))
        {
            _statistics = new StatisticsInstrumentation();
            all.Add(_statistics);
        }

        _reproducer = new CrashReproducerInstrumentation(
            parsed.GetValue(commandLine.ReproducerDir) ?? Path.Combine(Path.GetTempPath(), "mtvm-opt-reproducers"));
        all.Add(_reproducer);
        All = [.. all];
    }

    public ImmutableArray<IPassInstrumentation> All { get; }

    public void Report(TextWriter error)
    {
        _timing?.Report(error, _timingFormat);
        _statistics?.Report(error);
        if (_bisect is not null)
        {
            error.WriteLine(_bisect.Summary);
        }

        if (_reproducer.ReproducerPath is { } path)
        {
            error.WriteLine($"crash reproducer written to {path}");
        }
    }

    private static HashSet<string> Names(string[]? lists) =>
        new((lists ?? []).SelectMany(list => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparer.Ordinal);
}
