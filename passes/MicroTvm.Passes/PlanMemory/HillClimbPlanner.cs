namespace MicroTvm.Passes;

/// <summary>
/// Starts from an order and tries seeded random moves, keeping each that does not make the plan
/// bigger (so it can cross plateaus): half the moves take the buffer that ends highest to a
/// random earlier place, the other half swap two random buffers. Stops at the lower bound. The
/// same seed, problem and start give the same plan.
/// </summary>
internal static class HillClimbPlanner
{
    public static (int[] Order, long Bytes) Improve(PlacementProblem problem, int[] start, int seed, int iterations)
    {
        var order = (int[])start.Clone();
        var (offsets, bytes) = FirstFit.Place(problem, order);
        var random = new Random(seed);
        var count = order.Length;
        for (var iteration = 0; iteration < iterations && count > 1 && bytes > problem.LowerBound; iteration++)
        {
            var candidate = (int[])order.Clone();
            if (random.Next(2) == 0)
            {
                var top = Array.FindIndex(candidate, i => offsets[i] + problem.Buffers[i].Bytes == bytes);
                if (top == 0)
                {
                    continue;
                }

                var to = random.Next(top);
                var moved = candidate[top];
                Array.Copy(candidate, to, candidate, to + 1, top - to);
                candidate[to] = moved;
            }
            else
            {
                var (a, b) = (random.Next(count), random.Next(count));
                (candidate[a], candidate[b]) = (candidate[b], candidate[a]);
            }

            var (candidateOffsets, candidateBytes) = FirstFit.Place(problem, candidate);
            if (candidateBytes <= bytes)
            {
                (order, offsets, bytes) = (candidate, candidateOffsets, candidateBytes);
            }
        }

        return (order, bytes);
    }
}
