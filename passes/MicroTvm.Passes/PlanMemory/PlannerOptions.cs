namespace MicroTvm.Passes;

/// <summary>The knobs of <see cref="BufferPlanner"/>: hill-climb's seed and moves, the exact search's limits.</summary>
public sealed record PlannerOptions
{
    public int Seed { get; init; }

    public int HillClimbIterations { get; init; } = 300;

    public int ExactTimeLimitMs { get; init; } = 1000;

    public long ExactNodeLimit { get; init; } = 20_000;

    public int ExactMaxBuffers { get; init; } = 64;
}
