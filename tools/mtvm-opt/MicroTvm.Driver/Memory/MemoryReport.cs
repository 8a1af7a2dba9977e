using System.Globalization;
using System.Text;

namespace MicroTvm.Driver.Memory;

/// <summary>
/// <c>--memory-report</c>: one line per planned buffer (name, bytes, first and last step, pool,
/// offset), then each pool, the planned bytes, the lower bound (with and without model I/O) and
/// the gap between them in percent.
/// </summary>
internal static class MemoryReport
{
    public static string Text(PlanFigures figures)
    {
        var culture = CultureInfo.InvariantCulture;
        var nameWidth = figures.Rows.Select(r => r.Buffer.Name.Length).Append("buffer".Length).Max();
        var poolWidth = figures.Rows.Select(r => r.Placement.Pool.Length).Append("pool".Length).Max();
        var text = new StringBuilder();
        text.Append(culture, $"memory plan ({figures.Algorithm}): {figures.Rows.Length} buffers over {figures.Steps} steps\n");
        text.Append(culture, $"{"buffer".PadRight(nameWidth)}  {"bytes",10}  {"first",5}  {"last",5}  {"pool".PadRight(poolWidth)}  {"offset",10}\n");
        foreach (var row in figures.Rows.OrderBy(r => r.Placement.Pool, StringComparer.Ordinal).ThenBy(r => r.Placement.Offset).ThenBy(r => r.Buffer.FirstStep))
        {
            text.Append(culture, $"{row.Buffer.Name.PadRight(nameWidth)}  {row.Buffer.Bytes,10:N0}  {row.Buffer.FirstStep,5}  {row.Buffer.LastStep,5}  {row.Placement.Pool.PadRight(poolWidth)}  {row.Placement.Offset,10:N0}\n");
        }

        foreach (var (pool, step) in figures.Pools)
        {
            text.Append(culture, $"pool '{pool.Name}': {pool.Bytes:N0} B, aligned to {pool.Alignment}, peak at step {step}\n");
        }

        text.Append(culture, $"peak (planned activation bytes): {figures.PlannedBytes:N0} B\n")
            .Append(culture, $"lower bound: {figures.LowerBound:N0} B at step {figures.LowerBoundStep} ({figures.LowerBoundWithIo:N0} B with model inputs and outputs)\n")
            .Append(culture, $"gap: {figures.GapPercent:F2} %\n");
        return text.ToString();
    }
}
