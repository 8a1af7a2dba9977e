using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// The end of conv, depthwise_conv and fully_connected, after the accumulator (which starts at
/// the bias): float adds nothing more than the fused activation; quantized (TFLite rounding)
/// requantizes with the per-channel multiplier and shift of input_scale·filter_scale/output_scale
/// (immediates when per tensor, constant buffers when per channel), adds the output zero point
/// and clamps to the activation range; an unquantized integer output is the accumulator itself.
/// </summary>
internal static class AccumulatorEpilogue
{
    /// <summary>The accumulator's type: f32 for float, i64 for 16-bit inputs, else i32.</summary>
    public static ElementType AccumulatorType(TensorType input) => input.ElementType switch
    {
        ElementType.F32 => ElementType.F32,
        ElementType.I16 => ElementType.I64,
        _ => ElementType.I32,
    };

    /// <summary>The accumulator's initial value: the bias at <paramref name="channel"/>, or zero.</summary>
    public static Expr Initial(GroupLowerer lowerer, Node node, Expr channel, ElementType accumulator)
    {
        if (!node.HasOperand(2))
        {
            return Registers.Immediate(accumulator, 0);
        }

        var bias = lowerer.ValueAt(node.Operands[2], [channel]);
        return bias.Type == accumulator ? bias : CastTo(accumulator, bias);
    }

    /// <summary>The product of two register values in the accumulator type.</summary>
    public static Expr Product(Expr x, Expr w, ElementType accumulator) =>
        x.Type == accumulator ? Mul(x, w) : Mul(CastTo(accumulator, x), CastTo(accumulator, w));

    /// <param name="legacyScale">TFLite's uint8 and per-tensor fully-connected kernels take the f32 product of the input and filter scales.</param>
    public static Expr Finish(GroupLowerer lowerer, Node node, Expr accumulator, Expr channel, bool legacyScale)
    {
        var input = lowerer.TypeOf(node.Operands[0]);
        var output = node.Result.Type;
        if (output.ElementType == ElementType.F32)
        {
            return FloatActivation.Apply(node, QuantizedParameters.Activation(node), accumulator);
        }

        if (!output.IsQuantized || !input.IsQuantized)
        {
            return accumulator.Type == Registers.Of(output.ElementType) ? accumulator : CastTo(Registers.Of(output.ElementType), accumulator);
        }

        return Quantized(lowerer, node, accumulator.Type, legacyScale)(accumulator, channel);
    }

    /// <summary>
    /// The quantized epilogue as a function of (accumulator, channel), its per-channel tables made
    /// once: requantize with the multiplier and shift of input_scale·filter_scale/output_scale, add
    /// the output zero point, clamp to the activation range. An i32 accumulator whose every shift
    /// is a right shift takes <see cref="RightShiftRequantize"/> instead of the requantize intrinsic.
    /// </summary>
    public static Func<Expr, Expr, Expr> Quantized(GroupLowerer lowerer, Node node, ElementType accumulatorType, bool legacyScale)
    {
        QuantizedParameters.RequireTfliteRounding(node);
        var input = lowerer.TypeOf(node.Operands[0]);
        var output = node.Result.Type;
        var filter = lowerer.TypeOf(node.Operands[1]);
        var (inputScale, _) = QuantizedParameters.PerTensor(node, input, "input");
        var filterScales = filter.Quantization!.Scales;
        var (outputScale, outputZero) = QuantizedParameters.PerTensor(node, output, "output");
        var channels = output.Rank == 0 ? 1 : output.Shape[^1];
        if (filterScales.Length != 1 && filterScales.Length != channels)
        {
            throw new LoweringUnsupportedException(node, $"the filter has {filterScales.Length} scales for {channels} output channels");
        }

        var wide = accumulatorType == ElementType.I64;
        var multipliers = new long[channels];
        var shifts = new long[channels];
        for (var c = 0; c < channels; c++)
        {
            var filterScale = filterScales.Length == 1 ? filterScales[0] : filterScales[c];
            var real = legacyScale ? (double)(inputScale * filterScale) / outputScale : (double)inputScale * filterScale / outputScale;
            (var multiplier, var shift) = QuantizedParameters.Multiplier(node, real, wide);
            (multipliers[c], shifts[c]) = (multiplier, shift);
        }

        var (min, max) = QuantizedParameters.ActivationRange(node, output);
        var requantize = !wide && RightShiftRequantize.Applies(multipliers, shifts)
            ? RightShiftRequantize.Create(lowerer, multipliers, shifts)
            : WithIntrinsic(lowerer, multipliers, shifts);
        return (accumulator, channel) => Registers.AddZeroPointClamped(requantize(accumulator, channel), outputZero, min, max);
    }

    private static Func<Expr, Expr, Expr> WithIntrinsic(GroupLowerer lowerer, long[] multipliers, long[] shifts)
    {
        var m = lowerer.PerChannelTable("multipliers", multipliers);
        var s = lowerer.PerChannelTable("shifts", shifts);
        return (accumulator, channel) => Requantize(accumulator, m(channel), s(channel));
    }
}
