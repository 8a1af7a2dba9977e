using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MicroTvm.Conformance.Cases;
using MicroTvm.Conformance.Report;
using MicroTvm.Driver.Micro;

namespace MicroTvm.Conformance.Running;

/// <summary>
/// The QEMU conformance suite. Every model is compiled once to a Model Library Format archive
/// (in parallel, on all cores); every case's inferences, with their reference outputs, are put in
/// one plan; each board builds one image holding every model and runs the plan in as few boots as
/// failures allow (<see cref="BoardRunner"/>), boards in parallel. Unsupported cases (refused by
/// the importer, not lowered) are reported with the reason; everything else passes or fails.
/// </summary>
public static partial class ConformanceSuite
{
    public const string CompileTask = "compile";

    public static SuiteResult Run(SuiteOptions options, string repoRoot, string corpus, string pipeline, ISuiteProgress progress)
    {
        var clock = Stopwatch.StartNew();
        var cases = CaseCatalog.All(repoRoot, corpus).Where(c => options.Filter is null || c.Name.Contains(options.Filter, StringComparison.Ordinal)).ToList();
        var outcomes = new ConcurrentBag<CaseOutcome>();
        void Everywhere(ConformanceCase c, CaseStatus status, string detail)
        {
            foreach (var board in options.Boards)
            {
                outcomes.Add(new CaseOutcome(c.Name, board, status, detail));
            }
        }

        // Compile every model once.
        var sources = cases.Where(c => c.Unsupported is null).Select(c => c.Model).Distinct().ToList();
        var names = sources.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => $"m{p.i:D3}_{CName(p.s.Path)}");
        progress.Start(CompileTask, sources.Count + cases.Count);
        var compiled = new ConcurrentDictionary<ModelSource, CompiledModel>();
        var archives = Path.Combine(options.WorkDirectory, "mlf");
        Parallel.ForEach(sources, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, source =>
        {
            compiled[source] = Guarded(() => CaseCompiler.Compile(source, names[source], archives, pipeline, options.TargetArguments), e => new CompiledModel(names[source], null, null, null, $"compile crashed: {e}"));
            progress.Advance(CompileTask, 1);
        });

        // Every case's runs, with the reference outputs the interpreter or the corpus gives.
        var runs = new ConcurrentDictionary<int, IReadOnlyList<CaseRun>>();
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var c = cases[i];
            var model = c.Unsupported is null ? compiled[c.Model] : null;
            if (c.Unsupported is { } reason || (reason = model!.Unsupported) is not null)
            {
                Everywhere(c, CaseStatus.Unsupported, reason);
            }
            else if (model!.Failure is { } failure)
            {
                Everywhere(c, CaseStatus.Fail, failure);
            }
            else
            {
                try
                {
                    runs[i] = c.Runs(model.Module!);
                }
                catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or ArgumentException or IOException or FormatException)
                {
                    Everywhere(c, CaseStatus.Fail, $"preparing the inputs or the reference failed: {e.Message}");
                }
            }

            progress.Advance(CompileTask, 1);
        });

        var plan = runs.OrderBy(p => p.Key).SelectMany(p => p.Value.Select(r => new PlanEntry(p.Key, compiled[cases[p.Key].Model].CName, r))).ToList();
        var archiveOf = compiled.Values.Where(m => m.Archive is not null).ToDictionary(m => m.CName, m => m.Archive!, StringComparer.Ordinal);
        foreach (var board in options.Boards)
        {
            MicroProject.RequireTools(board, Console.Error); // one at a time: apt-get holds a lock
            progress.Start(board, plan.Count);
        }

        Parallel.ForEach(options.Boards, new ParallelOptions { MaxDegreeOfParallelism = options.Boards.Length }, board =>
        {
            var runner = new BoardRunner(board, Path.Combine(options.WorkDirectory, board), new FirmwareSettings(TimeoutSeconds: 300), n => progress.Advance(board, n));
            var (results, flash, ram) = runner.Run(plan, archiveOf);
            foreach (var group in plan.Select((entry, i) => (entry, result: results[i])).GroupBy(p => p.entry.Case))
            {
                var c = cases[group.Key];
                var model = compiled[c.Model].CName;
                var failed = group.FirstOrDefault(p => p.result.Failure is not null);
                outcomes.Add(new CaseOutcome(
                    c.Name,
                    board,
                    failed.result is null ? CaseStatus.Pass : CaseStatus.Fail,
                    failed.result is null ? string.Empty : $"{failed.entry.Run.Label}: {failed.result.Failure}",
                    group.First().result.Instructions,
                    flash.TryGetValue(model, out var f) ? f : null,
                    ram.TryGetValue(model, out var r) ? r : null));
            }
        });

        return new SuiteResult([.. outcomes.OrderBy(o => cases.FindIndex(c => c.Name == o.Case)).ThenBy(o => options.Boards.IndexOf(o.Board))], options.Boards, clock.Elapsed);
    }

    private static T Guarded<T>(Func<T> action, Func<Exception, T> crashed)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return crashed(e);
        }
    }

    /// <summary>A C-identifier-friendly short name: the model file's, or its folder's for ONNX node tests (all named model.onnx).</summary>
    private static string CName(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path) == "model" ? Path.GetFileName(Path.GetDirectoryName(path))! : Path.GetFileNameWithoutExtension(path);
        var name = NotIdentifier().Replace(stem.ToLowerInvariant(), "_");
        return name.Length > 40 ? name[..40] : name;
    }

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotIdentifier();
}
