using System.Globalization;
using System.Text;

namespace MicroTvm.IR.Text;

/// <summary>Spells a tensor type as the text format does, e.g. <c>tensor&lt;1x8xi8, q&lt;0.5:-3&gt;&gt;</c>.</summary>
public static class TypePrinter
{
    public static string Print(TensorType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var builder = new StringBuilder("tensor<");
        foreach (var dimension in type.Shape)
        {
            builder.Append(dimension.ToString(CultureInfo.InvariantCulture)).Append('x');
        }

        builder.Append(type.ElementType.Mnemonic());
        if (type.Quantization is { } quantization)
        {
            builder.Append(", ").Append(Print(quantization));
        }

        return builder.Append('>').ToString();
    }

    /// <summary><c>q&lt;S:Z&gt;</c> per tensor, <c>q&lt;axis=N, [S:Z, …]&gt;</c> per axis.</summary>
    public static string Print(Quantization quantization)
    {
        ArgumentNullException.ThrowIfNull(quantization);
        if (quantization.Axis is not { } axis)
        {
            return $"q<{ScaleAndZeroPoint(quantization, 0)}>";
        }

        var pairs = new string[quantization.Scales.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = ScaleAndZeroPoint(quantization, i);
        }

        return $"q<axis={axis.ToString(CultureInfo.InvariantCulture)}, [{string.Join(", ", pairs)}]>";
    }

    private static string ScaleAndZeroPoint(Quantization quantization, int index) =>
        TextLiterals.Scale(quantization.Scales[index]) + ":"
        + quantization.ZeroPoints[index].ToString(CultureInfo.InvariantCulture);
}
