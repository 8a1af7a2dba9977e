namespace MicroTvm.IR;

/// <summary>
/// Stride, dilation and padding of a windowed op over the spatial dimensions of an NHWC-style
/// tensor (rank = spatial + 2), with the output-extent arithmetic shared by conv and pooling.
/// </summary>
public sealed record SpatialWindow(ImmutableArray<int> Strides, ImmutableArray<int> Dilations, ImmutableArray<int> PadsBegin, ImmutableArray<int> PadsEnd)
{
    public int SpatialRank => Strides.Length;

    /// <summary>Reads <c>strides</c>, <c>dilations</c> and <c>pads</c> of a node, filling in the documented defaults.</summary>
    public static SpatialWindow? FromNode(Node node, int spatialRank, Action<string> error)
    {
        var strides = Expand(node.GetInts("strides"), spatialRank, 1, "strides", error);
        var dilations = Expand(node.GetInts("dilations"), spatialRank, 1, "dilations", error);
        var pads = node.GetInts("pads");
        if (pads.Length != 0 && pads.Length != 2 * spatialRank)
        {
            error($"pads has {pads.Length} values, expected {2 * spatialRank} (begins, then ends)");
            return null;
        }

        if (strides is null || dilations is null)
        {
            return null;
        }

        if (strides.Value.Any(s => s <= 0) || dilations.Value.Any(d => d <= 0) || pads.Any(p => p < 0))
        {
            error("strides and dilations must be positive and pads non-negative");
            return null;
        }

        var begin = pads.Length == 0 ? Enumerable.Repeat(0, spatialRank).ToImmutableArray() : [.. pads.Take(spatialRank).Select(p => (int)p)];
        var end = pads.Length == 0 ? Enumerable.Repeat(0, spatialRank).ToImmutableArray() : [.. pads.Skip(spatialRank).Select(p => (int)p)];
        return new SpatialWindow(strides.Value, dilations.Value, begin, end);
    }

    /// <summary>Output extent of spatial dimension <paramref name="d"/>; with ceil mode, the last partial window counts
    /// unless it would start inside the end padding (ONNX's rule).</summary>
    public int OutputExtent(int d, int input, int kernel, bool ceilMode = false)
    {
        var effectiveKernel = (Dilations[d] * (kernel - 1)) + 1;
        var span = input + PadsBegin[d] + PadsEnd[d] - effectiveKernel;
        if (span < 0)
        {
            return 0;
        }

        if (!ceilMode)
        {
            return (span / Strides[d]) + 1;
        }

        var extent = ((span + Strides[d] - 1) / Strides[d]) + 1;
        if ((extent - 1) * Strides[d] >= input + PadsBegin[d])
        {
            extent--;
        }

        return extent;
    }

    private static ImmutableArray<int>? Expand(ImmutableArray<long> values, int rank, int fill, string name, Action<string> error)
    {
        if (values.Length == 0)
        {
            return Enumerable.Repeat(fill, rank).ToImmutableArray();
        }

        if (values.Length != rank)
        {
            error($"{name} has {values.Length} values, expected {rank} (one per spatial dimension)");
            return null;
        }

        return [.. values.Select(v => (int)v)];
    }
}
