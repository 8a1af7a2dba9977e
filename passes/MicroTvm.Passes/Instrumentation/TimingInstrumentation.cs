using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MicroTvm.Passes.Instrumentation;

/// <summary><c>--timing</c>: wall time of every pass run, reported as a table or as JSON (<c>--timing-format json</c>).</summary>
public sealed class TimingInstrumentation : IPassInstrumentation
{
    private readonly List<(PassRun Run, TimeSpan Elapsed)> _times = [];
    private long _start;

    public IReadOnlyList<(PassRun Run, TimeSpan Elapsed)> Times => _times;

    public void BeforePass(PassRun run, Module module) => _start = Stopwatch.GetTimestamp();

    public void AfterPass(PassRun run, Module module, ImmutableArray<StatisticValue> statistics) =>
        _times.Add((run, Stopwatch.GetElapsedTime(_start)));

    public void PassFailed(PassRun run, Module input, PassFailure failure) =>
        _times.Add((run, Stopwatch.GetElapsedTime(_start)));

    public void Report(TextWriter output, TimingFormat format)
    {
        if (format == TimingFormat.Json)
        {
            ReportJson(output);
            return;
        }

        var total = _times.Sum(t => t.Elapsed.TotalMilliseconds);
        var width = Math.Max("pass".Length, _times.Select(t => t.Run.PassName.Length).DefaultIfEmpty(0).Max());
        output.WriteLine("=== Pass execution timing ===");
        output.WriteLine($"{"#",4}  {"pass".PadRight(width)}  {"time (ms)",10}  {"share",6}");
        foreach (var (run, elapsed) in _times)
        {
            var share = total > 0 ? elapsed.TotalMilliseconds / total : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Number,4}  {run.PassName.PadRight(width)}  {elapsed.TotalMilliseconds,10:F3}  {share,6:P1}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Empty,4}  {"total".PadRight(width)}  {total,10:F3}"));
    }

    private void ReportJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("passes");
            foreach (var (run, elapsed) in _times)
            {
                json.WriteStartObject();
                json.WriteNumber("number", run.Number);
                json.WriteString("pass", run.PassName);
                json.WriteNumber("ms", elapsed.TotalMilliseconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("total_ms", _times.Sum(t => t.Elapsed.TotalMilliseconds));
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
