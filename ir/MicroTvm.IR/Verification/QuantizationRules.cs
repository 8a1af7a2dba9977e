namespace MicroTvm.IR.Verification;

/// <summary>Sanity of a value's quantization: integer types only, finite positive scales, zero points in range, a valid axis.</summary>
internal static class QuantizationRules
{
    public static IEnumerable<Problem> Check(Value value)
    {
        var type = value.Type;
        if (type.Quantization is not { } quantization)
        {
            yield break;
        }

        if (!type.ElementType.IsInteger())
        {
            yield return new Problem(VerifierDiagnosticIds.QuantizedNonInteger, $"'%{value.Name}' is {TypeSpelling.Of(type)}: only integer types can be quantized");
            yield break;
        }

        for (var i = 0; i < quantization.Scales.Length; i++)
        {
            var scale = quantization.Scales[i];
            if (!float.IsFinite(scale) || scale <= 0)
            {
                yield return new Problem(VerifierDiagnosticIds.InvalidScale, $"'%{value.Name}' has scale {TypeSpelling.Number(scale)} (index {i}): scales must be finite and positive");
            }
        }

        var (min, max) = (type.ElementType.MinValue(), type.ElementType.MaxValue());
        for (var i = 0; i < quantization.ZeroPoints.Length; i++)
        {
            var zeroPoint = quantization.ZeroPoints[i];
            if (zeroPoint < min || zeroPoint > max)
            {
                yield return new Problem(
                    VerifierDiagnosticIds.ZeroPointOutOfRange,
                    $"'%{value.Name}' has zero point {zeroPoint} (index {i}) outside the {type.ElementType.Mnemonic()} range [{min}, {max}]");
            }
        }

        if (quantization.Axis is not { } axis)
        {
            yield break;
        }

        if (axis < 0 || axis >= type.Rank)
        {
            yield return new Problem(VerifierDiagnosticIds.QuantizationAxisOutOfRange, $"'%{value.Name}' is quantized along axis {axis}, out of range for rank {type.Rank}");
        }
        else if (quantization.Scales.Length != type.Shape[axis])
        {
            yield return new Problem(
                VerifierDiagnosticIds.QuantizationScaleCount,
                $"'%{value.Name}' has {quantization.Scales.Length} scales but its quantized axis {axis} has extent {type.Shape[axis]}");
        }
    }
}
