namespace MicroTvm.Frontend.Onnx.Converters;

/// <summary>
/// strides, dilations and explicit pads of a windowed ONNX op, with <c>auto_pad</c> resolved
/// against the static input extents. ONNX's pads are begins then ends over the spatial
/// dimensions, as the IR's are.
/// </summary>
internal sealed record OnnxWindow(long[] Strides, long[] Dilations, long[] Pads)
{
    public static OnnxWindow Read(NodeContext n, ReadOnlySpan<int> extents, ReadOnlySpan<int> kernel)
    {
        var spatial = extents.Length;
        var strides = PerDimension(n, "strides", spatial);
        var dilations = PerDimension(n, "dilations", spatial);
        var autoPad = n.String("auto_pad", "NOTSET");
        var pads = new long[2 * spatial];
        switch (autoPad)
        {
            case "NOTSET":
                if (n.Ints("pads") is { } explicitPads)
                {
                    if (explicitPads.Length != 2 * spatial || explicitPads.Any(p => p < 0))
                    {
                        throw n.Unsupported($"pads [{string.Join(", ", explicitPads)}] must be {2 * spatial} non-negative values");
                    }

                    pads = explicitPads;
                }

                break;
            case "VALID":
                break;
            case "SAME_UPPER":
            case "SAME_LOWER":
                for (var d = 0; d < spatial; d++)
                {
                    var output = (extents[d] + strides[d] - 1) / strides[d];
                    var total = Math.Max(0, ((output - 1) * strides[d]) + (((long)kernel[d] - 1) * dilations[d]) + 1 - extents[d]);
                    var small = total / 2;
                    pads[d] = autoPad == "SAME_UPPER" ? small : total - small;
                    pads[d + spatial] = total - pads[d];
                }

                break;
            default:
                throw n.Unsupported($"auto_pad '{autoPad}' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
        }

        return new OnnxWindow(strides, dilations, pads);
    }

    public ImmutableSortedDictionary<string, Attribute> ToAttributes(params ReadOnlySpan<(string Name, Attribute Value)> extra)
    {
        var builder = Attrs.Of(("strides", Attrs.Ints(Strides)), ("dilations", Attrs.Ints(Dilations)), ("pads", Attrs.Ints(Pads))).ToBuilder();
        foreach (var (name, value) in extra)
        {
            builder[name] = value;
        }

        return builder.ToImmutable();
    }

    private static long[] PerDimension(NodeContext n, string name, int spatial)
    {
        var values = n.Ints(name) ?? [.. Enumerable.Repeat(1L, spatial)];
        if (values.Length != spatial || values.Any(v => v <= 0 || v > int.MaxValue))
        {
            throw n.Unsupported($"{name} [{string.Join(", ", values)}] must be {spatial} positive values");
        }

        return values;
    }
}
