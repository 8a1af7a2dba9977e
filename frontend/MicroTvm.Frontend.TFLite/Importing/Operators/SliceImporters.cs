using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Importing.Operators;

/// <summary>SLICE, STRIDED_SLICE and the pads: constant bounds become normalised attributes.</summary>
internal static class SliceImporters
{
    public static void Slice(OperatorContext c)
    {
        c.RequireInputs(3, 3);
        c.RequireOutputs(1);
        var input = c.InputType(0);
        var begins = c.ConstantInts(1, "begin");
        var sizes = c.ConstantInts(2, "size").ToArray();
        c.Require(begins.Length == input.Rank && sizes.Length == input.Rank, TfliteDiagnosticIds.BadOperands, $"begin and size need {input.Rank} values each");
        for (var d = 0; d < input.Rank; d++)
        {
            var extent = input.Shape[d];
            c.Require(begins[d] >= 0 && begins[d] <= extent, TfliteDiagnosticIds.BadOperands, $"begin {begins[d]} is outside dimension {d} of extent {extent}");
            sizes[d] = sizes[d] == -1 ? extent - begins[d] : sizes[d];
            c.Require(sizes[d] >= 0 && sizes[d] <= extent - begins[d], TfliteDiagnosticIds.BadOperands, $"size {sizes[d]} from {begins[d]} runs past dimension {d} of extent {extent}");
        }

        c.Emit(Ops.Slice, [c.Operand(0)], [c.Result(0)], Attrs.Of(("begins", Attrs.Ints(begins)), ("sizes", Attrs.Ints(sizes))));
    }

    /// <summary>
    /// STRIDED_SLICE with masks and negative indices folded away: per dimension a begin in
    /// [0, extent], an exclusive end in [-1, extent] and a non-zero stride; shrunk dimensions keep
    /// one element and are listed in shrink_axes. Dimensions past the given bounds are taken whole.
    /// </summary>
    public static void StridedSlice(OperatorContext c)
    {
        c.RequireInputs(3, 4);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.StridedSliceOptions);
        c.Require(o.Int(F.StridedSlice.EllipsisMask) == 0 && o.Int(F.StridedSlice.NewAxisMask) == 0, TfliteDiagnosticIds.UnsupportedOption, "ellipsis_mask and new_axis_mask are not supported");
        var input = c.InputType(0);
        var rawBegins = c.ConstantInts(1, "begin");
        var rawEnds = c.ConstantInts(2, "end");
        var rawStrides = c.HasInput(3) ? c.ConstantInts(3, "strides") : [.. Enumerable.Repeat(1L, rawBegins.Length)];
        var count = rawBegins.Length;
        c.Require(rawEnds.Length == count && rawStrides.Length == count && count <= input.Rank, TfliteDiagnosticIds.BadOperands, $"begin, end and strides must have the same length, at most the rank {input.Rank}");
        var (beginMask, endMask, shrinkMask) = (o.Int(F.StridedSlice.BeginMask), o.Int(F.StridedSlice.EndMask), o.Int(F.StridedSlice.ShrinkAxisMask));
        var offset = o.Bool(F.StridedSlice.Offset);
        var begins = new long[input.Rank];
        var ends = new long[input.Rank];
        var strides = new long[input.Rank];
        var shrink = new List<long>();
        for (var d = 0; d < input.Rank; d++)
        {
            long extent = input.Shape[d];
            if (d >= count)
            {
                (begins[d], ends[d], strides[d]) = (0, extent, 1);
                continue;
            }

            var stride = rawStrides[d];
            c.Require(stride != 0, TfliteDiagnosticIds.BadOperands, $"stride of dimension {d} is zero");
            if ((shrinkMask & (1 << d)) != 0)
            {
                var index = rawBegins[d] < 0 ? rawBegins[d] + extent : rawBegins[d];
                c.Require(index >= 0 && index < extent, TfliteDiagnosticIds.BadOperands, $"shrunk index {rawBegins[d]} is outside dimension {d} of extent {extent}");
                (begins[d], ends[d], strides[d]) = (index, index + 1, 1);
                shrink.Add(d);
                continue;
            }

            var begin = (beginMask & (1 << d)) != 0 ? (stride > 0 ? 0 : extent - 1) : Clamp(rawBegins[d], extent, stride);
            var end = (endMask & (1 << d)) != 0 ? (stride > 0 ? extent : -1)
                : Clamp(offset ? begin + rawEnds[d] : rawEnds[d], extent, stride);
            if (begin < 0)
            {
                // A backwards slice that starts before the first element is empty.
                (begin, end) = (0, 0);
            }

            (begins[d], ends[d], strides[d]) = (begin, end, stride);
        }

        c.Emit(Ops.StridedSlice, [c.Operand(0)], [c.Result(0)], Attrs.Of(
            ("begins", Attrs.Ints(begins)),
            ("ends", Attrs.Ints(ends)),
            ("strides", Attrs.Ints(strides)),
            ("shrink_axes", shrink.Count == 0 ? null : Attrs.Ints(shrink))));
    }

    /// <summary>PAD fills with zero: the output's zero point for a quantized tensor.</summary>
    public static void Pad(OperatorContext c)
    {
        c.RequireInputs(2, 2);
        c.RequireOutputs(1);
        var output = c.OutputType(0);
        var fill = output.Quantization is { IsPerAxis: false } q ? q.ZeroPoint : 0;
        EmitPad(c, "constant", fill);
    }

    /// <summary>PADV2: the fill value is a constant third operand, in the storage domain.</summary>
    public static void PadV2(OperatorContext c)
    {
        c.RequireInputs(2, 3);
        c.RequireOutputs(1);
        double fill = 0;
        if (c.HasInput(2))
        {
            var value = c.ConstantInput(2, "constant value");
            c.Require(value.Type.ElementCount == 1, TfliteDiagnosticIds.BadOperands, $"constant value must hold one element, holds {value.Type.ElementCount}");
            fill = value.Type.ElementType == ElementType.F32 ? value.GetSingle(0) : value.GetInt64(0);
        }

        EmitPad(c, "constant", fill);
    }

    public static void MirrorPad(OperatorContext c)
    {
        c.RequireInputs(2, 2);
        c.RequireOutputs(1);
        var mode = c.Options(BuiltinOptionsType.MirrorPadOptions).SByte(F.MirrorPad.Mode);
        c.Require(mode == 0, TfliteDiagnosticIds.UnsupportedOption, $"mirror pad mode {(mode == 1 ? "SYMMETRIC" : mode.ToString(System.Globalization.CultureInfo.InvariantCulture))} is not supported (only REFLECT)");
        EmitPad(c, "reflect", 0);
    }

    private static void EmitPad(OperatorContext c, string mode, double fill)
    {
        var rank = c.InputType(0).Rank;
        var paddings = c.ConstantInts(1, "paddings");
        c.Require(paddings.Length == 2 * rank, TfliteDiagnosticIds.BadOperands, $"paddings must be [{rank}, 2], has {paddings.Length} values");
        c.Require(paddings.All(p => p >= 0 && p <= int.MaxValue), TfliteDiagnosticIds.BadOperands, $"paddings [{string.Join(", ", paddings)}] must be non-negative");
        var pads = Enumerable.Range(0, rank).Select(d => paddings[2 * d]).Concat(Enumerable.Range(0, rank).Select(d => paddings[(2 * d) + 1]));
        c.Emit(Ops.Pad, [c.Operand(0)], [c.Result(0)], Attrs.Of(
            ("pads", Attrs.Ints(pads)),
            ("mode", mode == "constant" ? null : new StringAttribute(mode)),
            ("constant_value", fill == 0 ? null : Attrs.Float(fill))));
    }

    /// <summary>A begin or end as TFLite reads it: negative counts from the end, then clamped to the stride's valid range.</summary>
    private static long Clamp(long index, long extent, long stride)
    {
        var normalized = index < 0 ? index + extent : index;
        return stride > 0 ? Math.Clamp(normalized, 0, extent) : Math.Clamp(normalized, -1, extent - 1);
    }
}
