using Attribute = MicroTvm.IR.Attribute;

namespace MicroTvm.Passes;

/// <summary>
/// The ops a transpose can move across, and how their attributes follow a change of frame.
/// A frame change by <c>perm</c> rewrites a node that reads and writes values <c>v</c> into one
/// that reads and writes <c>v' = transpose(v, inverse(perm))</c>, so that
/// <c>v = transpose(v', perm)</c>: axis <c>a</c> of <c>v</c> is axis <c>perm[a]</c> of <c>v'</c>.
/// Elementwise ops need nothing; broadcast ops need their other operands re-laid out; axis ops
/// (concat, split, pad, softmax, keep-dims reductions, slices) have their axes remapped.
/// </summary>
internal static class LayoutRules
{
    private static readonly HashSet<OpDefinition> Elementwise =
    [
        Ops.Relu, Ops.Relu6, Ops.Clip, Ops.LeakyRelu, Ops.Sigmoid, Ops.HardSigmoid, Ops.Tanh, Ops.HardSwish,
        Ops.Exp, Ops.Log, Ops.Sqrt, Ops.Rsqrt, Ops.Abs, Ops.Neg, Ops.Cast, Ops.Quantize, Ops.Dequantize, Ops.Requantize,
    ];

    private static readonly HashSet<OpDefinition> Broadcasting = [Ops.Add, Ops.Sub, Ops.Mul, Ops.Div, Ops.Maximum, Ops.Minimum, Ops.Prelu];

    private static readonly HashSet<OpDefinition> Reductions = [Ops.Mean, Ops.Sum, Ops.ReduceMax, Ops.ReduceMin];

    /// <summary>Operands of these ops broadcast against each other (NumPy rules).</summary>
    public static bool Broadcasts(Node node) => Broadcasting.Contains(node.Op);

    /// <summary>True when the node computes the same thing in any frame, given its axes remapped.</summary>
    public static bool IsMovable(Node node)
    {
        if (node.Results.Length == 0 || node.Results.Any(r => r.Type.Rank != node.Results[0].Type.Rank))
        {
            return false;
        }

        if (Elementwise.Contains(node.Op) || Broadcasting.Contains(node.Op))
        {
            return node.Results.Length == 1;
        }

        if (Reductions.Contains(node.Op))
        {
            return node.GetBool("keepdims");
        }

        if (ReferenceEquals(node.Op, Ops.StridedSlice))
        {
            return node.GetInts("shrink_axes").IsEmpty;
        }

        return ReferenceEquals(node.Op, Ops.Concat) || ReferenceEquals(node.Op, Ops.Split) || ReferenceEquals(node.Op, Ops.Pad)
            || ReferenceEquals(node.Op, Ops.Softmax) || ReferenceEquals(node.Op, Ops.LogSoftmax) || ReferenceEquals(node.Op, Ops.Slice);
    }

    /// <summary>The attributes of the node in the frame changed by <paramref name="perm"/>.</summary>
    public static ImmutableSortedDictionary<string, Attribute> Remap(Node node, IReadOnlyList<int> perm)
    {
        var attributes = node.Attributes;
        var rank = perm.Count;
        if (ReferenceEquals(node.Op, Ops.Concat) || ReferenceEquals(node.Op, Ops.Split)
            || ReferenceEquals(node.Op, Ops.Softmax) || ReferenceEquals(node.Op, Ops.LogSoftmax))
        {
            var axis = (int)node.GetInt("axis");
            return attributes.SetItem("axis", new IntAttribute(perm[axis < 0 ? axis + rank : axis]));
        }

        if (Reductions.Contains(node.Op))
        {
            var axes = node.GetInts("axes");
            return axes.IsEmpty
                ? attributes
                : attributes.SetItem("axes", new IntListAttribute([.. axes.Select(a => (long)perm[(int)(a < 0 ? a + rank : a)]).Order()]));
        }

        if (ReferenceEquals(node.Op, Ops.Pad))
        {
            var pads = node.GetInts("pads");
            return attributes.SetItem("pads", new IntListAttribute([.. Scatter(pads[..rank], perm), .. Scatter(pads[rank..], perm)]));
        }

        if (ReferenceEquals(node.Op, Ops.Slice))
        {
            return attributes
                .SetItem("begins", new IntListAttribute(Scatter(node.GetInts("begins"), perm)))
                .SetItem("sizes", new IntListAttribute(Scatter(node.GetInts("sizes"), perm)));
        }

        if (ReferenceEquals(node.Op, Ops.StridedSlice))
        {
            return attributes
                .SetItem("begins", new IntListAttribute(Scatter(node.GetInts("begins"), perm)))
                .SetItem("ends", new IntListAttribute(Scatter(node.GetInts("ends"), perm)))
                .SetItem("strides", new IntListAttribute(Scatter(node.GetInts("strides"), perm)));
        }

        return attributes;
    }

    /// <summary>values'[perm[a]] = values[a]: a per-dimension list in the changed frame.</summary>
    private static ImmutableArray<long> Scatter(ImmutableArray<long> values, IReadOnlyList<int> perm)
    {
        var result = new long[values.Length];
        for (var a = 0; a < values.Length; a++)
        {
            result[perm[a]] = values[a];
        }

        return [.. result];
    }
}
