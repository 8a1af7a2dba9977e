using MicroTvm.Passes.Rewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Round trips to the same quantization. For 8- and 16-bit storage |q − zp| ≤ 65535, so
/// dequantize (f32 product) then quantize (f32 quotient) carries a relative error below 2⁻²²,
/// far less than the 0.5 rounding needs, as long as the scale is a normal float small enough not
/// to overflow; and requantize's real multiplier s/s is exactly 1, which TFLite's fixed point
/// (2³⁰, shift 1) and the half-even path both apply exactly.
/// </summary>
public sealed partial class CanonicalizePass
{
    private const float LargestRoundTripScale = 1e30f;

    private CanonicalRewrite Quantize(Node node, GraphRewriter rewriter)
    {
        var input = node.Operands[0];
        if (SameType(rewriter, input, node) && IsNarrowQuantized(node.Result.Type) && node.Result.Type.Quantization!.Scales.All(s => float.IsFinite(s) && s > 0))
        {
            return CanonicalRewrite.ReplaceBy(input, NumRequantizes);
        }

        return rewriter.Producer(input) is { } producer && producer.Op == Ops.Dequantize && producer.Operands.Length == 1
            && SameType(rewriter, producer.Operands[0], node) && IsNarrowQuantized(node.Result.Type)
            && node.Result.Type.Quantization!.Scales.All(s => float.IsNormal(s) && s > 0 && s <= LargestRoundTripScale)
            ? CanonicalRewrite.ReplaceBy(producer.Operands[0], NumQuantizeRoundTrips)
            : CanonicalRewrite.None;
    }

    private CanonicalRewrite Requantize(Node node, GraphRewriter rewriter)
    {
        var input = node.Operands[0];
        return SameType(rewriter, input, node) && IsNarrowQuantized(node.Result.Type)
            && node.Result.Type.Quantization!.Scales.All(s => float.IsFinite(s) && s > 0)
            ? CanonicalRewrite.ReplaceBy(input, NumRequantizes)
            : CanonicalRewrite.None;
    }

    /// <summary>Quantized i8, u8 or i16 with zero points inside the storage range.</summary>
    private static bool IsNarrowQuantized(TensorType type) =>
        type is { ElementType: ElementType.I8 or ElementType.U8 or ElementType.I16, Quantization: { } quantization }
        && quantization.ZeroPoints.All(z => z >= type.ElementType.MinValue() && z <= type.ElementType.MaxValue());
}
