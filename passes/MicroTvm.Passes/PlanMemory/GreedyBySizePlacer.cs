using MicroTvm.IR.Memory;

namespace MicroTvm.Passes;

/// <summary>
/// Places buffers largest first (ties: earlier first step, then name), each at the lowest offset,
/// aligned as it needs, that shares no byte with an already placed buffer whose lifetime meets
/// its own. Returns the offsets in the input order.
/// </summary>
internal static class GreedyBySizePlacer
{
    public static long[] Place(IReadOnlyList<PlannableBuffer> buffers)
    {
        var order = Enumerable.Range(0, buffers.Count)
            .OrderByDescending(i => buffers[i].Bytes)
            .ThenBy(i => buffers[i].FirstStep)
            .ThenBy(i => buffers[i].Name, StringComparer.Ordinal)
            .ToList();
        var offsets = new long[buffers.Count];
        var placed = new List<int>();
        foreach (var index in order)
        {
            var buffer = buffers[index];
            var conflicts = placed
                .Where(other => buffers[other].IsLiveWith(buffer))
                .Select(other => (Start: offsets[other], End: offsets[other] + buffers[other].Bytes))
                .OrderBy(range => range.Start)
                .ToList();
            var offset = 0L;
            foreach (var (start, end) in conflicts)
            {
                if (offset + buffer.Bytes <= start)
                {
                    break;
                }

                offset = Math.Max(offset, AlignUp(end, buffer.Alignment));
            }

            offsets[index] = offset;
            placed.Add(index);
        }

        return offsets;
    }

    public static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
