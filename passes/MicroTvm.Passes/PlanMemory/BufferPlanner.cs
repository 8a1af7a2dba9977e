namespace MicroTvm.Passes;

/// <summary>
/// The planners of <c>plan-memory</c>, on a <see cref="PlacementProblem"/> alone (so they can be
/// tested and benchmarked without a module). Each returns first-fit offsets for its order.
/// </summary>
public static class BufferPlanner
{
    public static PlannerResult Plan(PlacementProblem problem, PlanningAlgorithm algorithm, PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        return algorithm switch
        {
            PlanningAlgorithm.GreedyBySize => Placed(problem, PlacementOrders.BySize(problem), algorithm, null),
            PlanningAlgorithm.GreedyByConflicts => Placed(problem, PlacementOrders.ByConflicts(problem), algorithm, null),
            PlanningAlgorithm.HillClimb => Placed(
                problem,
                HillClimbPlanner.Improve(problem, PlacementOrders.BySize(problem), options.Seed, options.HillClimbIterations).Order,
                algorithm,
                null),
            PlanningAlgorithm.Exact => Exact(problem, PlacementOrders.BySize(problem), options),
            PlanningAlgorithm.Best => Best(problem, options),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown planning algorithm"),
        };
    }

    private static PlannerResult Best(PlacementProblem problem, PlannerOptions options)
    {
        PlannerResult? best = null;
        foreach (var algorithm in new[] { PlanningAlgorithm.GreedyBySize, PlanningAlgorithm.GreedyByConflicts, PlanningAlgorithm.HillClimb })
        {
            var result = Plan(problem, algorithm, options);
            if (best is null || result.Bytes < best.Bytes)
            {
                best = result;
            }

            if (best.Bytes <= problem.LowerBound)
            {
                return best;
            }
        }

        if (problem.Buffers.Count > options.ExactMaxBuffers)
        {
            return best!;
        }

        var exact = Exact(problem, PlacementOrders.BySize(problem), options);
        return exact.Bytes < best!.Bytes ? exact : best with { ProvenOptimal = exact.ProvenOptimal };
    }

    private static PlannerResult Exact(PlacementProblem problem, int[] start, PlannerOptions options)
    {
        var (order, _, optimal) = ExactPlanner.Search(problem, start, options.ExactTimeLimitMs, options.ExactNodeLimit);
        return Placed(problem, order, PlanningAlgorithm.Exact, optimal);
    }

    private static PlannerResult Placed(PlacementProblem problem, IReadOnlyList<int> order, PlanningAlgorithm algorithm, bool? optimal)
    {
        var (offsets, bytes) = FirstFit.Place(problem, order);
        return new PlannerResult(offsets, bytes, algorithm, optimal);
    }
}
