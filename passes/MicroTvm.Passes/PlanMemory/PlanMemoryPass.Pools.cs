using MicroTvm.IR.Memory;

namespace MicroTvm.Passes;

/// <summary>The pools phase: reading the pool options, assigning buffers to pools, planning each and spilling.</summary>
public sealed partial class PlanMemoryPass
{
    private List<PoolSpec>? PoolSpecs(PassContext context)
    {
        if (Alignment < 1 || !System.Numerics.BitOperations.IsPow2(Alignment))
        {
            context.Error(PassDiagnosticIds.InvalidPlanOption, $"plan-memory: alignment {Alignment} is not a power of two", null);
            return null;
        }

        if (Pools.IsEmpty)
        {
            if (IoPool.Length > 0 && IoPool != Pool)
            {
                context.Error(PassDiagnosticIds.InvalidPlanOption, $"plan-memory: io-pool '{IoPool}' is not the pool '{Pool}'", null);
                return null;
            }

            return [new PoolSpec(Pool, PoolSize.Bytes, Alignment)];
        }

        var specs = new List<PoolSpec>();
        foreach (var text in Pools)
        {
            if (!PoolSpec.TryParse(text, Alignment, out var spec, out var problem))
            {
                context.Error(PassDiagnosticIds.InvalidPlanOption, $"plan-memory: {problem}", null);
                return null;
            }

            if (specs.Any(s => s.Name == spec.Name))
            {
                context.Error(PassDiagnosticIds.InvalidPlanOption, $"plan-memory: pool '{spec.Name}' is listed twice", null);
                return null;
            }

            specs.Add(spec);
        }

        return NamesAListedPool("large-tensor-pool", LargeTensorPool, specs, context) && NamesAListedPool("io-pool", IoPool, specs, context)
            ? specs
            : null;
    }

    /// <summary>Whether the pool option <paramref name="option"/> is empty or one of <paramref name="specs"/>; reports it if not.</summary>
    private static bool NamesAListedPool(string option, string pool, List<PoolSpec> specs, PassContext context)
    {
        if (pool.Length == 0 || specs.Any(s => s.Name == pool))
        {
            return true;
        }

        context.Error(
            PassDiagnosticIds.InvalidPlanOption,
            $"plan-memory: {option} '{pool}' is not one of the pools ({string.Join(", ", specs.Select(s => s.Name))})",
            null);
        return false;
    }

    private List<(PoolSpec Spec, int[] Members, PlannerResult Result)>? PlanPools(
        ImmutableArray<PlannableBuffer> buffers,
        ImmutableArray<InPlacePair> pairs,
        List<PoolSpec> pools,
        IReadOnlySet<string> ioValues,
        PassContext context)
    {
        var large = pools.FindIndex(p => p.Name == LargeTensorPool);
        var io = pools.FindIndex(p => p.Name == IoPool);
        var poolOf = new int[buffers.Length];
        var pinned = new bool[buffers.Length];
        for (var i = 0; i < buffers.Length; i++)
        {
            var isIo = io >= 0 && ioValues.Contains(buffers[i].Value) && buffers[i].Workspace is null;
            pinned[i] = isIo || (large >= 0 && buffers[i].Bytes >= LargeTensorBytes.Bytes);
            poolOf[i] = isIo ? io : pinned[i] ? large : 0;
        }

        var planned = new List<(PoolSpec, int[], PlannerResult)>();
        for (var p = 0; p < pools.Count; p++)
        {
            while (true)
            {
                var members = Enumerable.Range(0, buffers.Length).Where(i => poolOf[i] == p).ToArray();
                var own = members.Select(i => buffers[i]).ToList();
                var result = BufferPlanner.Plan(new PlacementProblem(own, pairs), Algorithm, Options);
                var capacity = pools[p].Capacity;
                if (capacity == 0 || result.Bytes <= capacity)
                {
                    if (result.ProvenOptimal == false)
                    {
                        OptimalityGapBytes.Add(result.Bytes - new PlacementProblem(own, pairs).LowerBound);
                    }

                    planned.Add((pools[p], members, result));
                    break;
                }

                var (peakStep, poolBound) = PlannableBuffers.LowerBound(own);
                var live = members.Where(i => buffers[i].FirstStep <= peakStep && peakStep <= buffers[i].LastStep).ToList();
                var movable = live.Where(i => !pinned[i]).OrderByDescending(i => buffers[i].Bytes).ToList();
                if (p == pools.Count - 1 || movable.Count == 0)
                {
                    context.Error(
                        PassDiagnosticIds.PoolTooSmall,
                        $"plan-memory: pool '{pools[p].Name}' has {capacity} bytes but the plan needs {result.Bytes}: {result.Bytes - capacity} bytes short "
                            + $"(the lower bound is {poolBound}; live at the peak, step {peakStep}: {string.Join(", ", live.Select(i => $"{buffers[i].Name} ({buffers[i].Bytes} B)"))})",
                        null);
                    return null;
                }

                poolOf[movable[0]] = p + 1;
            }
        }

        return planned;
    }
}
