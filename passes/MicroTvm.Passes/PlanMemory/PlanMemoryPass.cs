using MicroTvm.IR.Memory;

namespace MicroTvm.Passes;

/// <summary>
/// Places every intermediate buffer of the AOT executor (<see cref="PlannableBuffers"/>: kernel
/// results that are not model outputs, and kernel workspaces) at a static offset in one workspace
/// pool, reusing bytes between buffers whose lifetimes do not meet, and records the result as
/// the module's <see cref="MemoryPlan"/>. The plan is a separate, replaceable step: backends only
/// read <see cref="Module.MemoryPlan"/>. The lower bound (the largest sum of bytes live at one
/// step) is reported beside the planned size. With <c>pool-size</c> set, a plan that does not
/// fit is an error saying how many bytes are missing and what is live at the peak.
/// </summary>
[Pass(
    "plan-memory",
    "place the executor's intermediate buffers at static offsets in a workspace pool",
    Description = "Computes every intermediate buffer's lifetime over the executor's steps and places it (algorithm "
        + "`greedy-by-size`) in the pool named by `pool`, aligned as its kernels need; the pool's base alignment is "
        + "`alignment` or more. Model inputs and outputs are the application's and are not placed. Requires build-aot-executor.")]
public sealed class PlanMemoryPass : Pass
{
    [PassOption("pool", "name of the workspace pool the application provides")]
    public string Pool { get; set; } = "workspace";

    [PassOption("alignment", "alignment of the pool's base address in bytes (a power of two)")]
    public int Alignment { get; set; } = 16;

    [PassOption("pool-size", "the pool's capacity; 0 means unlimited (the plan decides the size)")]
    public ByteSize PoolSize { get; set; } = new(0);

    [PassOption("algorithm", "how offsets are chosen")]
    public PlanningAlgorithm Algorithm { get; set; } = PlanningAlgorithm.GreedyBySize;

    [PassStatistic("num-buffers", "intermediate buffers and kernel workspaces placed")]
    public PassStatistic NumBuffers { get; } = new();

    [PassStatistic("pool-bytes", "bytes of the planned workspace pool")]
    public PassStatistic PoolBytes { get; } = new();

    [PassStatistic("lower-bound-bytes", "largest sum of bytes live at one step: no plan of this schedule needs less")]
    public PassStatistic LowerBoundBytes { get; } = new();

    public override Module Run(Module module, PassContext context)
    {
        if (!BuildAotExecutorPass.IsBuilt(module))
        {
            context.Error(PassDiagnosticIds.NoExecutor, "plan-memory: the module has no executor to plan; run build-aot-executor first", null);
            return module;
        }

        if (Alignment < 1 || !System.Numerics.BitOperations.IsPow2(Alignment))
        {
            context.Error(PassDiagnosticIds.InvalidPlanOption, $"plan-memory: alignment {Alignment} is not a power of two", null);
            return module;
        }

        var buffers = PlannableBuffers.Of(module);
        var offsets = Algorithm switch
        {
            PlanningAlgorithm.GreedyBySize => GreedyBySizePlacer.Place(buffers),
            _ => throw new InvalidOperationException($"unknown algorithm {Algorithm}"),
        };
        var bytes = buffers.Select((b, i) => offsets[i] + b.Bytes).DefaultIfEmpty(0).Max();
        var (peakStep, lowerBound) = PlannableBuffers.LowerBound(buffers);
        NumBuffers.Add(buffers.Length);
        PoolBytes.Add(bytes);
        LowerBoundBytes.Add(lowerBound);
        if (PoolSize.Bytes > 0 && bytes > PoolSize.Bytes)
        {
            var live = buffers.Where(b => b.FirstStep <= peakStep && peakStep <= b.LastStep).Select(b => $"{b.Name} ({b.Bytes} B)");
            context.Error(
                PassDiagnosticIds.PoolTooSmall,
                $"plan-memory: pool '{Pool}' has {PoolSize.Bytes} bytes but the plan needs {bytes}: {bytes - PoolSize.Bytes} bytes short "
                    + $"(the lower bound is {lowerBound}; live at the peak, step {peakStep}: {string.Join(", ", live)})",
                null);
            return module;
        }

        var alignment = buffers.Select(b => b.Alignment).Append(Alignment).Max();
        var plan = new MemoryPlan(
            bytes > 0 ? [new MemoryPool(Pool, bytes, alignment)] : [],
            [.. buffers.Select((b, i) => new BufferPlacement(b.Value, b.Workspace, Pool, offsets[i]))],
            ImmutableSortedDictionary.CreateRange(
                StringComparer.Ordinal,
                [
                    new KeyValuePair<string, IR.Attribute>("algorithm", new StringAttribute("greedy-by-size")),
                    new KeyValuePair<string, IR.Attribute>("lower_bound_bytes", new IntAttribute(lowerBound)),
                ]));
        return module.WithMemoryPlan(plan);
    }
}
