using System.Globalization;

namespace MicroTvm.IR.Verification;

/// <summary>How the verifier spells a type in messages: <c>tensor&lt;1x8xi8, scale 0.5, zero_point -3&gt;</c>.</summary>
internal static class TypeSpelling
{
    public static string Of(TensorType type)
    {
        if (type.Quantization is not { } q)
        {
            return $"tensor<{type}>";
        }

        return q.Axis is { } axis
            ? $"tensor<{type}, axis {axis}, scales [{string.Join(", ", q.Scales.Select(Number))}], zero_points [{string.Join(", ", q.ZeroPoints)}]>"
            : $"tensor<{type}, scale {Number(q.Scale)}, zero_point {q.ZeroPoint}>";
    }

    public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
