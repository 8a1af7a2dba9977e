using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// cast, quantize, dequantize and requantize per element, bit-exact with the interpreter's
/// ConversionKernels and QuantizedValues: dequantize is f32(q − zp)·scale (the f32 product of
/// two f32 values rounds like the interpreter's double product); quantize is
/// round(x / scale) in f32 (half away from zero, or half to even), NaN to the zero point,
/// clamped before the integer conversion, plus zp, saturated; requantize is
/// MultiplyByQuantizedMultiplier(q − zi, si/so) + zo saturated, per channel when either side is
/// per axis (multipliers, shifts and zero points as constant buffers then).
/// </summary>
internal static class ConversionLowering
{
    public const string TfliteRounding = "tflite";

    public static Expr Cast(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var x = lowerer.ValueAt(node.Operands[0], index);
        var target = node.Result.Type.ElementType;
        if (x.Type == ElementType.F32 && target.IsInteger())
        {
            if (target == ElementType.I64)
            {
                throw new LoweringUnsupportedException(node, "cast from f32 to i64 is not lowered");
            }

            var truncated = new Select(Lt(x, F32(0)), Mul(CallIntrinsic(Intrinsic.Floor, Mul(x, F32(-1))), F32(-1)), CallIntrinsic(Intrinsic.Floor, x));
            var high = target == ElementType.I32 ? 2147483520f : target.MaxValue();
            Expr saturated = Registers.Widen(CastTo(target, Clamp(truncated, F32(target.MinValue()), F32(high))));
            saturated = target == ElementType.I32 ? new Select(Ge(truncated, F32(2147483648f)), I32(int.MaxValue), saturated) : saturated;
            return new Select(Ne(x, x), Registers.Immediate(Registers.Of(target), 0), saturated);
        }

        if (target == ElementType.F32 || target == ElementType.Bool)
        {
            return CastTo(target, x);
        }

        return Registers.Widen(CastTo(target, x));
    }

    public static Expr Dequantize(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var input = lowerer.TypeOf(node.Operands[0]);
        var q = lowerer.ValueAt(node.Operands[0], index);
        if (input.Quantization is { Scales.Length: > 1, Axis: { } axis } quantization)
        {
            var zero = lowerer.PerChannel("zero_points", quantization.ZeroPoints, index[axis]);
            var scales = lowerer.PerChannelFloat("scales", quantization.Scales, index[axis]);
            return Mul(CastTo(ElementType.F32, Sub(q, zero)), scales);
        }

        return Dequantized(node, q, input);
    }

    public static Expr Quantize(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var input = lowerer.TypeOf(node.Operands[0]);
        if (input.IsQuantized)
        {
            return Requantize(lowerer, node, index);
        }

        var rounding = node.GetAttribute("rounding") is StringAttribute { Value: var r } ? r : TfliteRounding;
        return Quantized(node, lowerer.ValueAt(node.Operands[0], index), node.Result.Type, rounding);
    }

    public static Expr Requantize(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        QuantizedParameters.RequireTfliteRounding(node);
        var (input, output) = (lowerer.TypeOf(node.Operands[0]), node.Result.Type);
        var (from, to) = (input.Quantization!, output.Quantization!);
        var axis = from.Scales.Length > 1 ? from.Axis : to.Scales.Length > 1 ? to.Axis : null;
        if (from.Scales.Length > 1 && to.Scales.Length > 1 && from.Axis != to.Axis)
        {
            throw new LoweringUnsupportedException(node, "requantize between different quantized axes is not lowered");
        }

        var channels = axis is { } a ? output.Shape[a] : 1;
        var channel = axis is { } b ? index[b] : I32(0);
        var (multipliers, shifts, inputZeros, outputZeros) = (new long[channels], new long[channels], new long[channels], new long[channels]);
        for (var c = 0; c < channels; c++)
        {
            var (ci, co) = (from.Scales.Length > 1 ? c : 0, to.Scales.Length > 1 ? c : 0);
            (var multiplier, var shift) = QuantizedParameters.Multiplier(node, (double)from.Scales[ci] / to.Scales[co]);
            (multipliers[c], shifts[c], inputZeros[c], outputZeros[c]) = (multiplier, shift, from.ZeroPoints[ci], to.ZeroPoints[co]);
        }

        var q = lowerer.ValueAt(node.Operands[0], index);
        var zi = lowerer.PerChannel("input_zero_points", inputZeros, channel);
        var x = zi is IntImm { Value: var z } ? QuantizedArithmeticLowering.Minus(q, z) : Sub(q, zi);
        var scaled = KernelSyntax.Requantize(x, lowerer.PerChannel("multipliers", multipliers, channel), lowerer.PerChannel("shifts", shifts, channel));
        var zo = lowerer.PerChannel("output_zero_points", outputZeros, channel);
        Expr wide = zo is IntImm { Value: 0 } ? CastTo(ElementType.I64, scaled) : Add(CastTo(ElementType.I64, scaled), CastTo(ElementType.I64, zo));
        return Registers.Widen(SaturateTo(output.ElementType, wide));
    }

    /// <summary>f32(q − zp)·scale for a per-tensor quantized register.</summary>
    public static Expr Dequantized(Node node, Expr q, TensorType type)
    {
        var (scale, zeroPoint) = QuantizedParameters.PerTensor(node, type, "input");
        return Mul(CastTo(ElementType.F32, QuantizedArithmeticLowering.Minus(q, zeroPoint)), F32(scale));
    }

    /// <summary>saturate(round(x / scale) + zp), NaN to saturate(zp), for a per-tensor quantized type.</summary>
    public static Expr Quantized(Node node, Expr x, TensorType type, string rounding)
    {
        var (scale, zeroPoint) = QuantizedParameters.PerTensor(node, type, "output");
        var scaled = Div(x, F32(scale));
        var rounded = CallIntrinsic(rounding == TfliteRounding ? Intrinsic.RoundHalfAway : Intrinsic.RoundHalfEven, scaled);
        var integer = CastTo(ElementType.I32, Clamp(rounded, F32(-1e9f), F32(1e9f)));
        var (min, max) = (type.ElementType.MinValue(), type.ElementType.MaxValue());
        var nan = Imm(Math.Clamp(zeroPoint, min, max), ElementType.I32);
        return new Select(Ne(scaled, scaled), nan, Registers.AddZeroPointClamped(integer, zeroPoint, min, max));
    }
}
