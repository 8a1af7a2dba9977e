using BenchmarkDotNet.Attributes;
using MicroTvm.IR.Memory;
using MicroTvm.Passes;

namespace MicroTvm.Benchmarks;

/// <summary>
/// plan-memory's planners on 200 buffers shaped like a deep executor: a chain of results that
/// each die one or two steps later, every fifth kept alive by a skip connection, and a one-step
/// workspace at every third step; sizes 64 B to 64 KiB, alignments 1 to 16. Fixed seed.
/// </summary>
[MemoryDiagnoser]
public class MemoryPlannerBenchmarks
{
    private PlacementProblem _problem = null!;

    [Params(PlanningAlgorithm.GreedyBySize, PlanningAlgorithm.GreedyByConflicts, PlanningAlgorithm.HillClimb, PlanningAlgorithm.Exact, PlanningAlgorithm.Best)]
    public PlanningAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var buffers = new List<PlannableBuffer>();
        for (var step = 0; buffers.Count < 200; step++)
        {
            var last = step + 1 + (step % 5 == 0 ? 6 + random.Next(10) : random.Next(2));
            buffers.Add(new PlannableBuffer($"v{step}", null, 64L << random.Next(11), 1 << random.Next(5), step, last));
            if (step % 3 == 0 && buffers.Count < 200)
            {
                buffers.Add(new PlannableBuffer($"v{step}", "scratch", 32L << random.Next(6), 4, step, step));
            }
        }

        _problem = new PlacementProblem(buffers);
    }

    [Benchmark]
    public long Plan() => BufferPlanner.Plan(_problem, Algorithm, new PlannerOptions()).Bytes;
}
