namespace MicroTvm.Passes;

/// <summary>How <c>plan-memory</c> chooses offsets.</summary>
public enum PlanningAlgorithm
{
    /// <summary>Largest buffer first, each at the lowest aligned offset free of every buffer live with it (TVM's greedy_by_size).</summary>
    GreedyBySize,
}
