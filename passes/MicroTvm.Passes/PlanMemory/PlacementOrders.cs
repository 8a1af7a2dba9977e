namespace MicroTvm.Passes;

/// <summary>The greedy orders: by size, and by conflicting bytes. Ties fall to the earlier first step, then the name.</summary>
internal static class PlacementOrders
{
    public static int[] BySize(PlacementProblem problem)
    {
        var buffers = problem.Buffers;
        return [.. Enumerable.Range(0, buffers.Count)
            .OrderByDescending(i => buffers[i].Bytes)
            .ThenBy(i => buffers[i].FirstStep)
            .ThenBy(i => buffers[i].Name, StringComparer.Ordinal)];
    }

    public static int[] ByConflicts(PlacementProblem problem)
    {
        var buffers = problem.Buffers;
        var pressure = problem.Conflicts.Select(conflicts => conflicts.Sum(c => buffers[c.Other].Bytes)).ToArray();
        return [.. Enumerable.Range(0, buffers.Count)
            .OrderByDescending(i => pressure[i] + buffers[i].Bytes)
            .ThenByDescending(i => buffers[i].Bytes)
            .ThenBy(i => buffers[i].FirstStep)
            .ThenBy(i => buffers[i].Name, StringComparer.Ordinal)];
    }
}
