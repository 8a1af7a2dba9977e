using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Importing.Operators;

/// <summary>
/// CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV and CONV_3D. Filters keep TFLite's layout where the
/// IR shares it (OHWI, [1, H, W, C·m]); CONV_3D's DHWIO filter gets a transpose to ODHWI.
/// </summary>
internal static class ConvolutionImporters
{
    public static void Conv2D(OperatorContext c)
    {
        c.RequireInputs(2, 3);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.Conv2DOptions);
        var input = c.InputType(0);
        var filter = c.InputType(1);
        Checks.Rank(c, input, 4, "input");
        Checks.Rank(c, filter, 4, "filter");
        int[] strides = [o.Int(F.Conv2D.StrideH), o.Int(F.Conv2D.StrideW)];
        int[] dilations = [o.Int(F.Conv2D.DilationH, 1), o.Int(F.Conv2D.DilationW, 1)];
        var channels = input.Shape[3];
        var filterChannels = filter.Shape[3];
        c.Require(filterChannels > 0 && channels % filterChannels == 0, TfliteDiagnosticIds.BadOperands, $"filter depth {filterChannels} does not divide the input's {channels} channels");
        var groups = channels / filterChannels;
        c.Emit(Ops.Conv, [c.Operand(0), c.Operand(1), c.Operand(2)], [c.Result(0)], Attrs.Of(
            [.. Window(c, o.Padding(F.Conv2D.Padding), input, filter, strides, dilations),
            ("groups", groups == 1 ? null : Attrs.Int(groups)),
            ("activation", Attrs.Activation(c.Activation(o.Activation(F.Conv2D.Activation))))]));
    }

    public static void DepthwiseConv2D(OperatorContext c)
    {
        c.RequireInputs(2, 3);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.DepthwiseConv2DOptions);
        var input = c.InputType(0);
        var filter = c.InputType(1);
        Checks.Rank(c, input, 4, "input");
        Checks.Rank(c, filter, 4, "filter");
        int[] strides = [o.Int(F.DepthwiseConv2D.StrideH), o.Int(F.DepthwiseConv2D.StrideW)];
        int[] dilations = [o.Int(F.DepthwiseConv2D.DilationH, 1), o.Int(F.DepthwiseConv2D.DilationW, 1)];

        // The stored depth_multiplier is redundant (newer kernels ignore it): the filter says it.
        var channels = input.Shape[3];
        c.Require(channels > 0 && filter.Shape[3] % channels == 0, TfliteDiagnosticIds.BadOperands, $"filter depth {filter.Shape[3]} is not a multiple of the input's {channels} channels");
        var multiplier = filter.Shape[3] / channels;
        c.Emit(Ops.DepthwiseConv, [c.Operand(0), c.Operand(1), c.Operand(2)], [c.Result(0)], Attrs.Of(
            [.. Window(c, o.Padding(F.DepthwiseConv2D.Padding), input, filter, strides, dilations),
            ("depth_multiplier", Attrs.Int(multiplier)),
            ("activation", Attrs.Activation(c.Activation(o.Activation(F.DepthwiseConv2D.Activation))))]));
    }

    /// <summary>
    /// Inputs: output shape, filter [O, H, W, I], input, optional bias. TFLite derives the padding
    /// from the requested output size (as a forward conv from output to input would pad); the end
    /// padding and output_padding then make the IR's output extent match that size.
    /// </summary>
    public static void TransposeConv(OperatorContext c)
    {
        c.RequireInputs(3, 4);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.TransposeConvOptions);
        var filter = c.InputType(1);
        var input = c.InputType(2);
        var output = c.OutputType(0);
        Checks.Rank(c, input, 4, "input");
        Checks.Rank(c, filter, 4, "filter");
        Checks.Rank(c, output, 4, "output");
        int[] strides = [o.Int(F.TransposeConv.StrideH), o.Int(F.TransposeConv.StrideW)];
        Checks.Positive(c, strides, "strides");
        var same = o.Padding(F.TransposeConv.Padding) == TflitePadding.Same;
        var pads = new long[4];
        var extra = new long[2];
        for (var d = 0; d < 2; d++)
        {
            var (outExtent, kernel, inExtent) = (output.Shape[d + 1], filter.Shape[d + 1], input.Shape[d + 1]);
            var begin = same ? Padding.Total(outExtent, kernel, strides[d], 1) / 2 : 0;
            var end = ((long)(inExtent - 1) * strides[d]) + kernel - outExtent - begin;
            pads[d] = begin;
            pads[d + 2] = Math.Max(end, 0);
            extra[d] = Math.Max(-end, 0);
        }

        c.Emit(Ops.ConvTranspose, [c.Operand(2), c.Operand(1), c.Operand(3)], [c.Result(0)], Attrs.Of(
            ("strides", Attrs.Ints(strides)),
            ("pads", Attrs.Ints(pads)),
            ("output_padding", extra.All(e => e == 0) ? null : Attrs.Ints(extra)),
            ("activation", Attrs.Activation(c.Activation(o.Activation(F.TransposeConv.Activation))))));
    }

    public static void Conv3D(OperatorContext c)
    {
        c.RequireInputs(2, 3);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.Conv3DOptions);
        var input = c.InputType(0);
        var filter = c.InputType(1);
        Checks.Rank(c, input, 5, "input");
        Checks.Rank(c, filter, 5, "filter");
        int[] strides = [o.Int(F.Conv3D.StrideD), o.Int(F.Conv3D.StrideH), o.Int(F.Conv3D.StrideW)];
        int[] dilations = [o.Int(F.Conv3D.DilationD, 1), o.Int(F.Conv3D.DilationH, 1), o.Int(F.Conv3D.DilationW, 1)];
        c.Require(filter.Shape[3] > 0 && input.Shape[4] % filter.Shape[3] == 0, TfliteDiagnosticIds.BadOperands, $"filter depth {filter.Shape[3]} does not divide the input's {input.Shape[4]} channels");
        var groups = input.Shape[4] / filter.Shape[3];

        // TFLite stores [D, H, W, I, O]; the IR wants [O, D, H, W, I].
        ImmutableArray<long> perm = [4, 0, 1, 2, 3];
        var quantization = filter.Quantization is { Axis: { } axis } q ? Quantization.PerAxis(q.Scales, q.ZeroPoints, perm.IndexOf(axis)) : filter.Quantization;
        var transposed = c.Fresh(c.InputName(1) + ".odhwi", new TensorType(filter.ElementType, [.. perm.Select(p => filter.Shape[(int)p])], quantization));
        c.Emit(Ops.Transpose, [c.Operand(1)], [transposed], Attrs.Of(("perm", Attrs.Ints(perm))));
        c.Emit(Ops.Conv, [c.Operand(0), transposed.Name, c.Operand(2)], [c.Result(0)], Attrs.Of(
            [.. Window(c, o.Padding(F.Conv3D.Padding), input, transposed.Type, strides, dilations),
            ("groups", groups == 1 ? null : Attrs.Int(groups)),
            ("activation", Attrs.Activation(c.Activation(o.Activation(F.Conv3D.Activation))))]));
    }

    /// <summary>strides, dilations and explicit pads of a windowed op over NHWC input and an [O, kernel…, I] filter.</summary>
    internal static (string, IR.Attribute?)[] Window(OperatorContext c, TflitePadding padding, TensorType input, TensorType filter, int[] strides, int[] dilations)
    {
        Checks.Positive(c, strides, "strides");
        Checks.Positive(c, dilations, "dilations");
        c.Require(padding is TflitePadding.Same or TflitePadding.Valid, TfliteDiagnosticIds.UnsupportedOption, $"padding {(int)padding} is neither SAME nor VALID");
        var spatial = strides.Length;
        var inputExtents = input.Shape.AsSpan().Slice(1, spatial);
        var kernel = filter.Shape.AsSpan().Slice(1, spatial);
        return
        [
            ("strides", Attrs.Ints(strides)),
            ("dilations", Attrs.Ints(dilations)),
            ("pads", Attrs.Ints(Padding.Forward(padding, inputExtents, kernel, strides, dilations))),
        ];
    }
}
