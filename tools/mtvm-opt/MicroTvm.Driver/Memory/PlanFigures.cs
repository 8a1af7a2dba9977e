using MicroTvm.IR.Memory;

namespace MicroTvm.Driver.Memory;

/// <summary>
/// The figures the memory report and plot show, computed once from a planned module: each
/// buffer with its lifetime and place, every pool's size and the step where its highest live
/// byte is reached (the plan's peak), the lower bound without and with model I/O, and the gap.
/// </summary>
internal sealed record PlanFigures(
    string Algorithm,
    ImmutableArray<PlanFigures.Row> Rows,
    ImmutableArray<PlanFigures.PoolPeak> Pools,
    long PlannedBytes,
    long LowerBound,
    int LowerBoundStep,
    long LowerBoundWithIo,
    int Steps)
{
    /// <summary>Planned bytes above the lower bound, in percent of it (negative when overlap beats it).</summary>
    public double GapPercent => LowerBound == 0 ? 0 : 100.0 * (PlannedBytes - LowerBound) / LowerBound;

    public static PlanFigures Of(Module module)
    {
        var plan = module.MemoryPlan ?? throw new ArgumentException("the module has no memory plan", nameof(module));
        var buffers = PlannableBuffers.Of(module);
        var rows = buffers.Select(b => new Row(b, plan.Find(b.Value, b.Workspace)!)).ToImmutableArray();
        var pools = plan.Pools.Select(pool => new PoolPeak(pool, PeakStep(rows.Where(r => r.Placement.Pool == pool.Name)))).ToImmutableArray();
        var (step, bound) = PlannableBuffers.LowerBound(buffers);
        var algorithm = plan.Attributes.GetValueOrDefault(MemoryPlan.AlgorithmAttribute) is StringAttribute { Value: var name } ? name : "unknown";
        return new PlanFigures(
            algorithm,
            rows,
            pools,
            plan.Pools.Sum(p => p.Bytes),
            bound,
            step,
            PlannableBuffers.LowerBoundWithIo(module),
            module.Main.Nodes.Length);
    }

    /// <summary>The first step at which the highest end of the buffers live there is largest.</summary>
    private static int PeakStep(IEnumerable<Row> rows)
    {
        var (step, top) = (0, -1L);
        var list = rows.ToList();
        foreach (var s in list.Select(r => r.Buffer.FirstStep).Distinct().Order())
        {
            var end = list.Where(r => r.Buffer.FirstStep <= s && s <= r.Buffer.LastStep).Max(r => r.End);
            if (end > top)
            {
                (step, top) = (s, end);
            }
        }

        return step;
    }

    public sealed record Row(PlannableBuffer Buffer, BufferPlacement Placement)
    {
        public long End => Placement.Offset + Buffer.Bytes;
    }

    public sealed record PoolPeak(MemoryPool Pool, int Step);
}
