using MicroTvm.IR.Memory;
using static MicroTvm.Passes.Tests.PlanMemory.PlanMemoryPassTests;

namespace MicroTvm.Passes.Tests.PlanMemory;

/// <summary>
/// The algorithms on <see cref="PlanMemoryPassTests.GreedyLosingChain"/>, where greedy-by-size
/// needs 20 bytes and the lower bound is 18: the exact search finds 18 and proves it, best says
/// which algorithm won, hill-climb is deterministic, and a zero time limit still returns a plan.
/// </summary>
public sealed class PlanningAlgorithmTests
{
    [Theory]
    [InlineData(PlanningAlgorithm.Exact, 18, "exact")]
    [InlineData(PlanningAlgorithm.Best, 18, "hill-climb")]
    [InlineData(PlanningAlgorithm.HillClimb, 18, "hill-climb")]
    [InlineData(PlanningAlgorithm.GreedyBySize, 20, "greedy-by-size")]
    public void TheChainGreedyLosesIsPlannedAtTheBoundByTheSearches(PlanningAlgorithm algorithm, long bytes, string winner)
    {
        var pass = new PlanMemoryPass { Algorithm = algorithm };
        var plan = Plan(pass, Built(GreedyLosingChain)).MemoryPlan!;
        Assert.Equal(bytes, plan.Pools.Single().Bytes);
        Assert.Equal(new StringAttribute(winner), plan.Attributes[MemoryPlan.AlgorithmAttribute]);
        Assert.Equal(bytes, pass.PoolBytes.Value);
    }

    [Fact]
    public void TheExactSearchRecordsThatItProvedOptimality()
    {
        var plan = Plan(new PlanMemoryPass { Algorithm = PlanningAlgorithm.Exact }, Built(GreedyLosingChain)).MemoryPlan!;
        Assert.Equal(new BoolAttribute(true), plan.Attributes["optimal"]);
        Assert.False(Plan(new PlanMemoryPass(), Built(GreedyLosingChain)).MemoryPlan!.Attributes.ContainsKey("optimal"));
    }

    /// <summary>Alignment can keep every plan above the bound: the search ends at the bound or proves what it found.</summary>
    [Fact]
    public void TheExactSearchStopsAtTheBoundWhenAlignmentAllowsIt()
    {
        PlannableBuffer[] padded = [new("a", null, 1, 1, 0, 2), new("b", null, 8, 8, 0, 2), new("c", null, 7, 8, 1, 2)];
        var tight = BufferPlanner.Plan(new PlacementProblem(padded), PlanningAlgorithm.Exact, new PlannerOptions());
        Assert.Equal((16L, true), (tight.Bytes, tight.ProvenOptimal));
    }

    [Fact]
    public void HillClimbIsDeterministicForASeed()
    {
        var problem = new PlacementProblem(RandomBuffers.Make(new Random(7), 60));
        var options = new PlannerOptions { Seed = 3 };
        var first = BufferPlanner.Plan(problem, PlanningAlgorithm.HillClimb, options);
        var second = BufferPlanner.Plan(problem, PlanningAlgorithm.HillClimb, options);
        Assert.Equal(first.Offsets, second.Offsets);
    }

    [Fact]
    public void AnExhaustedTimeLimitKeepsTheBestPlanAndSaysItIsNotProven()
    {
        var problem = new PlacementProblem(RandomBuffers.Make(new Random(11), 40));
        var greedy = BufferPlanner.Plan(problem, PlanningAlgorithm.GreedyBySize, new PlannerOptions());
        var exact = BufferPlanner.Plan(problem, PlanningAlgorithm.Exact, new PlannerOptions { ExactTimeLimitMs = 0 });
        Assert.True(exact.Bytes <= greedy.Bytes);
        Assert.Equal(exact.Bytes <= problem.LowerBound, exact.ProvenOptimal);
    }

    [Fact]
    public void BestSkipsTheExactSearchOnLargePools()
    {
        var problem = new PlacementProblem(RandomBuffers.Make(new Random(5), 80));
        var best = BufferPlanner.Plan(problem, PlanningAlgorithm.Best, new PlannerOptions { ExactMaxBuffers = 64 });
        Assert.NotEqual(PlanningAlgorithm.Exact, best.Algorithm);
        Assert.Null(best.ProvenOptimal);
    }
}
