namespace MicroTvm.Passes;

/// <summary>
/// Places buffers one by one in a given order, each at the lowest offset, aligned as it needs,
/// that keeps the required separation from every already placed buffer live with it. Every
/// planner here is a way of choosing that order: some order gives an optimal plan (place an
/// optimal plan's buffers by increasing offset and none lands higher than it was).
/// </summary>
internal static class FirstFit
{
    /// <summary>The offsets (by buffer index) and the end of the highest buffer.</summary>
    public static (long[] Offsets, long Bytes) Place(PlacementProblem problem, IReadOnlyList<int> order)
    {
        var offsets = new long[problem.Buffers.Count];
        var placed = new bool[problem.Buffers.Count];
        var scratch = new List<(long Low, long High)>();
        var bytes = 0L;
        foreach (var index in order)
        {
            offsets[index] = Lowest(problem, index, offsets, placed, scratch);
            placed[index] = true;
            bytes = Math.Max(bytes, offsets[index] + problem.Buffers[index].Bytes);
        }

        return (offsets, bytes);
    }

    /// <summary>
    /// The lowest aligned offset o with, for every placed buffer p live with it, o + (its
    /// separation below p) ≤ offset(p) or o ≥ offset(p) + (p's separation below it).
    /// </summary>
    public static long Lowest(PlacementProblem problem, int index, long[] offsets, bool[] placed, List<(long Low, long High)> scratch)
    {
        scratch.Clear();
        foreach (var conflict in problem.Conflicts[index])
        {
            if (placed[conflict.Other])
            {
                var at = offsets[conflict.Other];
                scratch.Add((at - conflict.Above, at + conflict.Below));
            }
        }

        scratch.Sort(static (a, b) => a.Low.CompareTo(b.Low));
        var alignment = problem.Buffers[index].Alignment;
        var offset = 0L;
        foreach (var (low, high) in scratch)
        {
            if (offset <= low)
            {
                break;
            }

            offset = Math.Max(offset, AlignUp(high, alignment));
        }

        return offset;
    }

    public static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
