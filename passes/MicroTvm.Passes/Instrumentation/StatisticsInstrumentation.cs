namespace MicroTvm.Passes.Instrumentation;

/// <summary><c>--statistics</c>: every pass's declared counters, summed over its runs.</summary>
public sealed class StatisticsInstrumentation : IPassInstrumentation
{
    private readonly List<(PassDescriptor Pass, ImmutableArray<StatisticValue> Values)> _runs = [];

    /// <summary>Per pass (in order of first run), the total of each counter.</summary>
    public IReadOnlyList<(PassDescriptor Pass, ImmutableArray<StatisticValue> Totals)> Totals =>
    [
        .. _runs.GroupBy(r => r.Pass).Select(group => (
            group.Key,
            group.Key.Statistics.Select(s => new StatisticValue(s.Name, group.Sum(r => r.Values.First(v => v.Name == s.Name).Value))).ToImmutableArray())),
    ];

    public void AfterPass(PassRun run, Module module, ImmutableArray<StatisticValue> statistics) =>
        _runs.Add((run.Step.Pass, statistics));

    public void Report(TextWriter output)
    {
        output.WriteLine("=== Pass statistics ===");
        foreach (var (pass, totals) in Totals)
        {
            output.WriteLine(pass.Name);
            if (totals.Length == 0)
            {
                output.WriteLine("  (no statistics)");
            }

            var width = totals.Select(t => t.Name.Length).DefaultIfEmpty(0).Max();
            foreach (var (total, statistic) in totals.Zip(pass.Statistics))
            {
                output.WriteLine($"  {total.Name.PadRight(width)}  {total.Value,8}  {statistic.Description}");
            }
        }
    }
}
