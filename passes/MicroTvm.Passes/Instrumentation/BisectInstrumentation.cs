namespace MicroTvm.Passes.Instrumentation;

/// <summary>
/// <c>--bisect-limit N</c>: applies only the first N pass runs and skips the rest, to find the
/// run that breaks a model by halving N. Remembers the last run it applied.
/// </summary>
public sealed class BisectInstrumentation(int limit) : IPassInstrumentation
{
    public PassRun? LastApplied { get; private set; }

    public int Skipped { get; private set; }

    public bool ShouldRun(PassRun run)
    {
        if (run.Number > limit)
        {
            Skipped++;
            return false;
        }

        LastApplied = run;
        return true;
    }

    public string Summary => LastApplied is { } last
        ? $"bisect: applied {last.Number} pass run(s), skipped {Skipped}; the last applied was #{last.Number} {last.Step}"
        : $"bisect: applied no pass run, skipped {Skipped}";
}
