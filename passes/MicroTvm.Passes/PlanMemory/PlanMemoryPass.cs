using MicroTvm.IR.Memory;

namespace MicroTvm.Passes;

/// <summary>
/// Places every intermediate buffer of the AOT executor (<see cref="PlannableBuffers"/>: kernel
/// results that are not model outputs, and kernel workspaces; with <c>io-pool</c> the model's
/// inputs and outputs as well, zero copy) at a static offset in a workspace
/// pool, reusing bytes between buffers whose lifetimes do not meet, and records the result as
/// the module's <see cref="MemoryPlan"/>. Backends only read <see cref="Module.MemoryPlan"/>.
///
/// Phases: (1) buffers and lifetimes over the step list, and with <c>in-place</c> the output/input
/// pairs the kernels allow to overlap (<see cref="InPlaceAnalysis"/>); (2) pools: buffers of at
/// least <c>large-tensor-bytes</c> go to <c>large-tensor-pool</c>, model I/O to <c>io-pool</c>, the
/// rest to the first pool listed; (3) each pool is planned (<see cref="BufferPlanner"/>); a pool over its capacity hands
/// its largest movable buffer live at its peak step to the next pool and is planned again, and the
/// last pool over capacity is an error saying how many bytes are missing and what is live at the peak.
/// </summary>
[Pass(
    "plan-memory",
    "place the executor's intermediate buffers at static offsets in workspace pools",
    Description = "Computes every intermediate buffer's lifetime over the executor's steps and places it, aligned as its kernels need, "
        + "with `algorithm` (greedy-by-size, greedy-by-conflicts, hill-climb, exact, or best of all; docs/memory-planning.md). "
        + "Pools: one named `pool` (base alignment `alignment`, capacity `pool-size`), or the list `pools` of `name=SIZE@ALIGNMENT` "
        + "filled in order; `large-tensor-pool` takes buffers of `large-tensor-bytes` or more. With `in-place`, a kernel's output may "
        + "overlap an input that dies there where the kernel's access order proves it safe. Model inputs and outputs are the "
        + "application's and are not placed, unless `io-pool` names a pool to hold them (zero copy: the application writes the "
        + "inputs and reads the outputs in place). Requires build-aot-executor.")]
public sealed partial class PlanMemoryPass : Pass
{
    [PassOption("pool", "name of the workspace pool the application provides (when `pools` is empty)")]
    public string Pool { get; set; } = "workspace";

    [PassOption("alignment", "alignment of a pool's base address in bytes (a power of two), unless its entry in `pools` says otherwise")]
    public int Alignment { get; set; } = 16;

    [PassOption("pool-size", "the pool's capacity; 0 means unlimited (the plan decides the size)")]
    public ByteSize PoolSize { get; set; } = new(0);

    [PassOption("pools", "pools to fill in order, each `name`, `name=SIZE` or `name=SIZE@ALIGNMENT`; replaces pool, pool-size")]
    public ImmutableArray<string> Pools { get; set; } = [];

    [PassOption("large-tensor-pool", "the pool (of `pools`) that takes every buffer of at least `large-tensor-bytes`")]
    public string LargeTensorPool { get; set; } = string.Empty;

    [PassOption("large-tensor-bytes", "the size from which a buffer goes to `large-tensor-pool`")]
    public ByteSize LargeTensorBytes { get; set; } = new(0);

    [PassOption("io-pool", "the pool that holds the model's inputs and outputs, planned with the activations (zero copy); empty: the application supplies them")]
    public string IoPool { get; set; } = string.Empty;

    [PassOption("algorithm", "how offsets are chosen")]
    public PlanningAlgorithm Algorithm { get; set; } = PlanningAlgorithm.GreedyBySize;

    [PassOption("in-place", "let a kernel's output overlap an input that dies at that kernel where its access order proves it safe")]
    public bool InPlace { get; set; }

    [PassOption("seed", "hill-climb's random seed")]
    public int Seed { get; set; }

    [PassOption("hill-climb-iterations", "moves hill-climb tries")]
    public int HillClimbIterations { get; set; } = 300;

    [PassOption("exact-time-limit", "milliseconds the exact search may take per pool before it keeps its best plan (a safety net: exact-node-limit normally ends it first, the same on every machine)")]
    public int ExactTimeLimit { get; set; } = 1000;

    [PassOption("exact-node-limit", "search nodes the exact search may visit per pool before it keeps its best plan")]
    public long ExactNodeLimit { get; set; } = 20_000;

    [PassOption("exact-max-buffers", "the largest pool `best` runs the exact search on")]
    public int ExactMaxBuffers { get; set; } = 64;

    [PassStatistic("num-buffers", "intermediate buffers and kernel workspaces placed")]
    public PassStatistic NumBuffers { get; } = new();

    [PassStatistic("pool-bytes", "bytes of the planned workspace pools")]
    public PassStatistic PoolBytes { get; } = new();

    [PassStatistic("lower-bound-bytes", "largest sum of bytes live at one step: no plan of this schedule without overlap needs less")]
    public PassStatistic LowerBoundBytes { get; } = new();

    [PassStatistic("num-in-place", "output/input pairs placed sharing bytes")]
    public PassStatistic NumInPlace { get; } = new();

    [PassStatistic("optimality-gap-bytes", "bytes above the lower bound of pools the exact search could not prove optimal")]
    public PassStatistic OptimalityGapBytes { get; } = new();

    public override Module Run(Module module, PassContext context)
    {
        if (!BuildAotExecutorPass.IsBuilt(module))
        {
            context.Error(PassDiagnosticIds.NoExecutor, "plan-memory: the module has no executor to plan; run build-aot-executor first", null);
            return module;
        }

        if (PoolSpecs(context) is not { } pools)
        {
            return module;
        }

        var buffers = PlannableBuffers.Of(module, includeIo: IoPool.Length > 0);
        var pairs = InPlace ? InPlaceAnalysis.Pairs(module, buffers) : [];
        var lowerBound = PlannableBuffers.LowerBound(buffers).Bytes;
        NumBuffers.Add(buffers.Length);
        LowerBoundBytes.Add(lowerBound);
        var ioValues = module.Main.Inputs.Select(input => input.Name).Concat(module.Main.Outputs).ToHashSet(StringComparer.Ordinal);
        if (PlanPools(buffers, pairs, pools, ioValues, context) is not { } planned)
        {
            return module;
        }

        var placements = new BufferPlacement[buffers.Length];
        var declared = ImmutableArray.CreateBuilder<MemoryPool>();
        foreach (var (spec, members, result) in planned.Where(p => p.Result.Bytes > 0))
        {
            for (var i = 0; i < members.Length; i++)
            {
                placements[members[i]] = new BufferPlacement(buffers[members[i]].Value, buffers[members[i]].Workspace, spec.Name, result.Offsets[i]);
            }

            declared.Add(new MemoryPool(spec.Name, result.Bytes, members.Select(i => buffers[i].Alignment).Append(spec.Alignment).Max()));
            PoolBytes.Add(result.Bytes);
        }

        NumInPlace.Add(CountOverlapping(buffers, placements, pairs));
        var attributes = new Dictionary<string, IR.Attribute>
        {
            [MemoryPlan.AlgorithmAttribute] = new StringAttribute(string.Join(",", planned.Select(p => KebabCase.From(p.Result.Algorithm.ToString())).Distinct())),
            ["lower_bound_bytes"] = new IntAttribute(lowerBound),
        };
        if (InPlace)
        {
            attributes[MemoryPlan.InPlaceAttribute] = new BoolAttribute(true);
        }

        if (IoPool.Length > 0)
        {
            attributes[MemoryPlan.IoInPoolAttribute] = new BoolAttribute(true);
        }

        if (planned.All(p => p.Result.ProvenOptimal is not null))
        {
            attributes["optimal"] = new BoolAttribute(planned.All(p => p.Result.ProvenOptimal == true));
        }

        return module.WithMemoryPlan(new MemoryPlan(
            declared.ToImmutable(),
            [.. placements],
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, attributes)));
    }

    private PlannerOptions Options => new()
    {
        Seed = Seed,
        HillClimbIterations = HillClimbIterations,
        ExactTimeLimitMs = ExactTimeLimit,
        ExactNodeLimit = ExactNodeLimit,
        ExactMaxBuffers = ExactMaxBuffers,
    };

    private static int CountOverlapping(ImmutableArray<PlannableBuffer> buffers, BufferPlacement[] placements, ImmutableArray<InPlacePair> pairs)
    {
        var at = Enumerable.Range(0, buffers.Length).Where(i => buffers[i].Workspace is null).ToDictionary(i => buffers[i].Value, StringComparer.Ordinal);
        return pairs.Count(pair =>
        {
            var (o, i) = (at[pair.Output], at[pair.Input]);
            var (po, pi) = (placements[o], placements[i]);
            return po.Pool == pi.Pool && po.Offset < pi.Offset + buffers[i].Bytes && pi.Offset < po.Offset + buffers[o].Bytes;
        });
    }
}
