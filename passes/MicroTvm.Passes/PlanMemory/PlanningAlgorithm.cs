namespace MicroTvm.Passes;

/// <summary>How <c>plan-memory</c> chooses offsets. Every algorithm is an order for <see cref="FirstFit"/>.</summary>
public enum PlanningAlgorithm
{
    /// <summary>Largest buffer first (TVM's greedy_by_size).</summary>
    GreedyBySize,

    /// <summary>The buffer live with the most bytes first, then the largest (TVM's greedy_by_conflicts).</summary>
    GreedyByConflicts,

    /// <summary>Greedy-by-size's order improved by seeded random moves, keeping those that do not grow the plan.</summary>
    HillClimb,

    /// <summary>Branch and bound over orders within a time limit: optimal when it finishes or meets the lower bound.</summary>
    Exact,

    /// <summary>All of the above (exact only up to <c>exact-max-buffers</c>), the smallest plan; the first listed wins ties.</summary>
    Best,
}
