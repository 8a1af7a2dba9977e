namespace MicroTvm.Frontend.Onnx.Converters;

/// <summary>Data movement and reductions; shapes, axes, pads and slice bounds must be constants.</summary>
internal static class ShapeConverters
{
    /// <summary>0 copies the input's extent (unless allowzero), -1 takes what is left.</summary>
    public static void Reshape(NodeContext n)
    {
        var input = n.InputType(0);
        var requested = ConstantTensors.Ints(n.RequireConstant(1, "shape"), "shape");
        var allowZero = n.Int("allowzero", 0) != 0;
        var shape = new long[requested.Length];
        var inferred = -1;
        long known = 1;
        for (var d = 0; d < shape.Length; d++)
        {
            shape[d] = requested[d] == 0 && !allowZero
                ? (d < input.Rank ? input.Shape[d] : throw n.Unsupported($"shape[{d}] = 0 copies a dimension the input does not have"))
                : requested[d];
            if (shape[d] == -1 && inferred < 0)
            {
                inferred = d;
            }
            else if (shape[d] < 0 || shape[d] > int.MaxValue)
            {
                throw n.Unsupported($"shape [{string.Join(", ", requested)}] is invalid");
            }
            else
            {
                // Past the cap the product only has to stay wrong, not overflow: the element counts then differ.
                known = known > OnnxTensors.MaxElements ? known : known * shape[d];
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || input.ElementCount % known != 0)
            {
                throw n.Unsupported($"cannot reshape {input} to [{string.Join(", ", requested)}]");
            }

            shape[inferred] = input.ElementCount / known;
        }

        n.Reshape(n.Input(0), shape.Select(d => (int)d), n.Output());
    }

    public static void Flatten(NodeContext n)
    {
        var input = n.InputType(0);
        var axis = n.Int("axis", 1);
        axis = axis < 0 ? axis + input.Rank : axis;
        if (axis < 0 || axis > input.Rank)
        {
            throw n.Unsupported($"axis {n.Int("axis", 1)} is out of range for rank {input.Rank}");
        }

        var outer = Axes.Product(input.Shape, 0, (int)axis);
        n.Reshape(n.Input(0), [(int)outer, (int)Axes.Product(input.Shape, (int)axis, input.Rank)], n.Output());
    }

    public static void Transpose(NodeContext n)
    {
        var rank = n.InputType(0).Rank;
        var perm = n.Ints("perm") ?? [.. Enumerable.Range(0, rank).Reverse().Select(d => (long)d)];
        n.Emit(Ops.Transpose, n.Output(), [n.Input(0)], Attrs.Of(("perm", Attrs.Ints(perm))));
    }

    public static void Concat(NodeContext n)
    {
        var axis = n.Attribute("axis") ?? throw n.Unsupported("attribute 'axis' is required");
        var operands = Enumerable.Range(0, n.Proto.Input.Count).Where(n.HasInput).Select(n.Input).ToImmutableArray();
        if (operands.IsEmpty)
        {
            throw n.Unsupported("needs at least one input");
        }

        n.Emit(Ops.Concat, n.Output(), operands, Attrs.Of(("axis", Attrs.Int(Axes.Normalize(n, axis.I, n.InputType(0).Rank)))));
    }

    /// <summary>Sizes from the input (opset 13+), the attribute (before), or equal parts (ceil-sized, last smaller, with num_outputs).</summary>
    public static void Split(NodeContext n)
    {
        var input = n.InputType(0);
        var axis = Axes.Normalize(n, n.Int("axis", 0), input.Rank);
        var extent = input.Shape[axis];
        var parts = n.Proto.Output.Count;
        var sizes = n.HasInput(1) ? ConstantTensors.Ints(n.RequireConstant(1, "split"), "split") : n.Ints("split");
        if (sizes is null)
        {
            parts = (int)n.Int("num_outputs", parts);
            var chunk = parts == 0 ? 0 : (extent + parts - 1) / parts;
            if (parts <= 0 || (!n.HasAttribute("num_outputs") && extent % parts != 0))
            {
                throw n.Unsupported($"cannot split extent {extent} into {parts} equal parts");
            }

            sizes = [.. Enumerable.Range(0, parts).Select(i => (long)Math.Clamp(extent - (i * chunk), 0, chunk))];
        }

        if (sizes.Length != n.Proto.Output.Count)
        {
            throw n.Unsupported($"{sizes.Length} split sizes for {n.Proto.Output.Count} outputs");
        }

        var results = Enumerable.Range(0, sizes.Length).Select(i => n.HasOutput(i) ? n.Output(i) : n.Temp($"unused{i}")).ToImmutableArray();
        n.EmitMany(Ops.Split, results, [n.Input(0)], Attrs.Of(("axis", Attrs.Int(axis)), ("sizes", Attrs.Ints(sizes))));
    }

    /// <summary>Bounds clamped as ONNX does; unit steps give slice, others strided_slice.</summary>
    public static void Slice(NodeContext n)
    {
        var input = n.InputType(0);
        var rank = input.Rank;
        var starts = BoundsOf(n, 1, "starts");
        var ends = BoundsOf(n, 2, "ends");
        var axes = (n.HasInput(3) ? ConstantTensors.Ints(n.RequireConstant(3, "axes"), "axes") : n.Ints("axes"))
            ?? [.. Enumerable.Range(0, starts.Length).Select(d => (long)d)];
        var steps = n.HasInput(4) ? ConstantTensors.Ints(n.RequireConstant(4, "steps"), "steps") : [.. Enumerable.Repeat(1L, starts.Length)];
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
        {
            throw n.Unsupported("starts, ends, axes and steps must have the same length");
        }

        var begin = new long[rank];
        var end = input.Shape.Select(d => (long)d).ToArray();
        var stride = Enumerable.Repeat(1L, rank).ToArray();
        for (var i = 0; i < starts.Length; i++)
        {
            var d = Axes.Normalize(n, axes[i], rank);
            long extent = input.Shape[d];
            if (steps[i] == 0)
            {
                throw n.Unsupported("a step is 0");
            }

            var start = starts[i] < 0 ? starts[i] + extent : starts[i];
            var stop = ends[i] < 0 ? ends[i] + extent : ends[i];
            stride[d] = steps[i];
            (begin[d], end[d]) = steps[i] > 0
                ? (Math.Clamp(start, 0, extent), Math.Clamp(stop, 0, extent))
                : (Math.Clamp(start, 0, extent - 1), Math.Clamp(stop, -1, extent - 1));
        }

        if (stride.All(s => s == 1))
        {
            var sizes = begin.Select((b, d) => Math.Max(0, end[d] - b));
            n.Emit(Ops.Slice, n.Output(), [n.Input(0)], Attrs.Of(("begins", Attrs.Ints(begin)), ("sizes", Attrs.Ints(sizes))));
            return;
        }

        n.Emit(Ops.StridedSlice, n.Output(), [n.Input(0)], Attrs.Of(("begins", Attrs.Ints(begin)), ("ends", Attrs.Ints(end)), ("strides", Attrs.Ints(stride))));
    }

    /// <summary>pads (input from opset 11, attribute before), an optional fill value and, from opset 18, axes.</summary>
    public static void Pad(NodeContext n)
    {
        var input = n.InputType(0);
        var rank = input.Rank;
        var mode = n.String("mode", "constant");
        if (mode is not ("constant" or "reflect" or "edge"))
        {
            throw n.Unsupported($"mode '{mode}' is not supported (constant, reflect, edge are)");
        }

        var given = (n.HasInput(1) ? ConstantTensors.Ints(n.RequireConstant(1, "pads"), "pads") : n.Ints("pads"))
            ?? throw n.Unsupported("pads are required");
        var axes = n.HasInput(3)
            ? [.. ConstantTensors.Ints(n.RequireConstant(3, "axes"), "axes").Select(a => Axes.Normalize(n, a, rank))]
            : Enumerable.Range(0, rank).ToArray();
        if (given.Length != 2 * axes.Length || given.Any(p => p < 0 || p > int.MaxValue))
        {
            throw n.Unsupported($"pads [{string.Join(", ", given)}] must be {2 * axes.Length} non-negative values (negative pads are not supported)");
        }

        var pads = new long[2 * rank];
        for (var i = 0; i < axes.Length; i++)
        {
            pads[axes[i]] = given[i];
            pads[axes[i] + rank] = given[i + axes.Length];
        }

        var value = n.HasInput(2) ? ConstantTensors.Floats(n.RequireConstant(2, "constant_value")) : [n.Float("value", 0f)];
        n.Emit(Ops.Pad, n.Output(), [n.Input(0)], Attrs.Of(
            ("pads", Attrs.Ints(pads)),
            ("mode", Attrs.String(mode)),
            ("constant_value", Attrs.Float(value.Length > 0 ? value[0] : 0f))));
    }

    public static void Squeeze(NodeContext n)
    {
        var rank = n.InputType(0).Rank;
        var axes = Axes.AttributeOrInput(n, 1) ?? [];
        n.Emit(Ops.Squeeze, n.Output(), [n.Input(0)], Attrs.Of(("axes", Attrs.Ints(axes.Select(a => (long)Axes.Normalize(n, a, rank))))));
    }

    /// <summary>Inserts extent-1 dimensions at the given positions of the result: a reshape.</summary>
    public static void Unsqueeze(NodeContext n)
    {
        var input = n.InputType(0);
        var axes = Axes.AttributeOrInput(n, 1) ?? throw n.Unsupported("axes are required");
        var rank = input.Rank + axes.Length;
        var inserted = axes.Select(a => Axes.Normalize(n, a, rank)).ToHashSet();
        if (inserted.Count != axes.Length)
        {
            throw n.Unsupported($"axes [{string.Join(", ", axes)}] repeat a dimension");
        }

        var shape = new int[rank];
        var next = 0;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = inserted.Contains(d) ? 1 : input.Shape[next++];
        }

        n.Reshape(n.Input(0), shape, n.Output());
    }

    /// <summary>Constant indices are made non-negative at import.</summary>
    public static void Gather(NodeContext n)
    {
        var data = n.InputType(0);
        var axis = Axes.Normalize(n, n.Int("axis", 0), data.Rank);
        var indices = n.Input(1);
        if (n.ConstantInput(1) is { } constant && constant.Type.ElementType.IsInteger())
        {
            var values = constant.ToInt64s();
            var extent = data.Shape[axis];
            if (values.Any(v => v < -extent || v >= extent))
            {
                throw n.Unsupported($"an index is outside [-{extent}, {extent})");
            }

            if (values.Any(v => v < 0))
            {
                indices = n.Constant(TensorData.FromInt64s(constant.Type, [.. values.Select(v => v < 0 ? v + extent : v)]), "indices");
            }
        }

        n.Emit(Ops.Gather, n.Output(), [n.Input(0), indices], Attrs.Of(("axis", Attrs.Int(axis))));
    }

    /// <summary>Axes from the attribute or (ReduceSum from opset 13, the others from 18) the input; empty axes reduce all unless noop_with_empty_axes.</summary>
    public static void Reduce(NodeContext n, OpDefinition op)
    {
        var rank = n.InputType(0).Rank;
        var axes = Axes.AttributeOrInput(n, 1) ?? [];
        if (axes.Length == 0 && n.Int("noop_with_empty_axes", 0) != 0)
        {
            n.Alias(0, n.Input(0));
            return;
        }

        var attributes = Attrs.Of(
            ("axes", Attrs.Ints(axes.Select(a => (long)Axes.Normalize(n, a, rank)))),
            ("keepdims", Attrs.Bool(n.Int("keepdims", 1) != 0)));
        if (n.InputType(0).ElementType != ElementType.Bool)
        {
            n.Emit(op, n.Output(), [n.Input(0)], attributes);
            return;
        }

        // ReduceMax and ReduceMin of bool (any, all) reduce 0/1 as integers.
        var widened = n.Emit(Ops.Cast, n.Temp("i32"), [n.Input(0)], declared: new TensorType(ElementType.I32, []));
        var reduced = n.Emit(op, n.Temp("reduced"), [widened], attributes);
        n.Emit(Ops.Cast, n.Output(), [reduced], declared: new TensorType(ElementType.Bool, []));
    }

    private static long[] BoundsOf(NodeContext n, int input, string name) =>
        (n.HasInput(input) ? ConstantTensors.Ints(n.RequireConstant(input, name), name) : n.Ints(name))
        ?? throw n.Unsupported($"{name} are required");
}
