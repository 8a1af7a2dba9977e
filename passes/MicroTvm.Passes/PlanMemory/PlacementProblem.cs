using MicroTvm.IR.Memory;

namespace MicroTvm.Passes;

/// <summary>
/// What a planner solves: buffers with sizes, alignments and lifetimes, and for every two buffers
/// live at the same step the separation each needs when placed below the other. Normally that is
/// the lower one's size; an <see cref="InPlacePair"/> lowers it for its output below its input to
/// the proven gap, which lets them share bytes. Planners see only this, not the module.
/// </summary>
public sealed class PlacementProblem
{
    public PlacementProblem(IReadOnlyList<PlannableBuffer> buffers, IEnumerable<InPlacePair>? inPlace = null)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        Buffers = buffers;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < buffers.Count; i++)
        {
            if (buffers[i].Workspace is null)
            {
                index[buffers[i].Value] = i;
            }
        }

        var gaps = new Dictionary<(int Lower, int Upper), long>();
        foreach (var pair in inPlace ?? [])
        {
            if (index.TryGetValue(pair.Output, out var output) && index.TryGetValue(pair.Input, out var input) && pair.MinimumGap < buffers[output].Bytes)
            {
                gaps[(output, input)] = pair.MinimumGap;
            }
        }

        InPlaceCount = gaps.Count;
        var conflicts = new List<Conflict>[buffers.Count];
        for (var i = 0; i < buffers.Count; i++)
        {
            conflicts[i] = [];
        }

        for (var i = 0; i < buffers.Count; i++)
        {
            for (var j = i + 1; j < buffers.Count; j++)
            {
                if (buffers[i].IsLiveWith(buffers[j]))
                {
                    var iBelowJ = gaps.TryGetValue((i, j), out var gap) ? gap : buffers[i].Bytes;
                    var jBelowI = gaps.TryGetValue((j, i), out var back) ? back : buffers[j].Bytes;
                    conflicts[i].Add(new Conflict(j, iBelowJ, jBelowI));
                    conflicts[j].Add(new Conflict(i, jBelowI, iBelowJ));
                }
            }
        }

        Conflicts = [.. conflicts.Select(c => c.ToArray())];
        LowerBound = ComputeLowerBound(buffers, gaps);
    }

    public IReadOnlyList<PlannableBuffer> Buffers { get; }

    /// <summary>Per buffer, every buffer live with it and the separations in both directions.</summary>
    public ImmutableArray<Conflict[]> Conflicts { get; }

    /// <summary>How many output/input pairs may share bytes.</summary>
    public int InPlaceCount { get; }

    /// <summary>
    /// No placement needs less: per step, the live bytes less what each in-place pair live there
    /// could save at most (an output and an input at gap g span at least max(output, g + input)).
    /// Equal to the plain lower bound without in-place pairs.
    /// </summary>
    public long LowerBound { get; }

    /// <summary>Another buffer live with this one: this one below needs <c>Above</c> bytes up to it, it below needs <c>Below</c> up to this one.</summary>
    public readonly record struct Conflict(int Other, long Above, long Below);

    private static long ComputeLowerBound(IReadOnlyList<PlannableBuffer> buffers, Dictionary<(int Lower, int Upper), long> gaps)
    {
        var steps = buffers.Select(b => b.LastStep).DefaultIfEmpty(-1).Max() + 1;
        var delta = new long[steps + 1];
        foreach (var buffer in buffers)
        {
            delta[buffer.FirstStep] += buffer.Bytes;
            delta[buffer.LastStep + 1] -= buffer.Bytes;
        }

        foreach (var ((output, input), gap) in gaps)
        {
            var (o, i) = (buffers[output], buffers[input]);
            var saving = o.Bytes + i.Bytes - Math.Max(o.Bytes, gap + i.Bytes);
            var from = Math.Max(o.FirstStep, i.FirstStep);
            var to = Math.Min(o.LastStep, i.LastStep);
            delta[from] -= saving;
            delta[to + 1] += saving;
        }

        var (best, live) = (0L, 0L);
        for (var step = 0; step < steps; step++)
        {
            live += delta[step];
            best = Math.Max(best, live);
        }

        return best;
    }
}
