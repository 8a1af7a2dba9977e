using MicroTvm.IR.Interpretation;
namespace MicroTvm.Passes.Lowering;

/// <summary>Compile-time facts about quantized types, as the reference interpreter derives them.</summary>
internal static class QuantizedParameters
{
    /// <summary>The per-tensor (scale, zero point) of a type; anything else cannot be lowered here.</summary>
    public static (float Scale, long ZeroPoint) PerTensor(Node node, TensorType type, string role)
    {
        if (type.Quantization is not { Scales.Length: 1 } quantization)
        {
            throw new LoweringUnsupportedException(node, $"{role} {type} must be quantized per tensor");
        }

        return (quantization.Scale, quantization.ZeroPoint);
    }

    public static string Activation(Node node) => node.GetAttribute("activation") is StringAttribute s ? s.Value : Activations.None;

    /// <summary>TFLite's CalculateActivationRangeQuantized: the stored-value range of a fused activation.</summary>
    public static (long Min, long Max) ActivationRange(Node node, TensorType output)
    {
        var activation = Activation(node);
        var type = output.ElementType;
        var (min, max) = (type.MinValue(), type.MaxValue());
        if (activation == Activations.None)
        {
            return (min, max);
        }

        var (scale, zeroPoint) = PerTensor(node, output, "output");
        long Quantize(float real) => zeroPoint + (long)FixedPoint.Round(real / scale);
        return activation switch
        {
            Activations.Relu => (Math.Max(min, Quantize(0)), max),
            Activations.Relu6 => (Math.Max(min, Quantize(0)), Math.Min(max, Quantize(6))),
            Activations.ReluN1To1 => (Math.Max(min, Quantize(-1)), Math.Min(max, Quantize(1))),
            _ => throw new LoweringUnsupportedException(node, $"fused activation '{activation}' has no quantized form"),
        };
    }

    /// <summary>Whether the node asks for ONNX's float requantization (round half to even in double), which no kernel reproduces yet.</summary>
    public static void RequireTfliteRounding(Node node)
    {
        if (node.GetAttribute("rounding") is StringAttribute { Value: "half_even" })
        {
            throw new LoweringUnsupportedException(node, "rounding = \"half_even\" (float requantization in double) is not lowered yet");
        }
    }

    public static (int Multiplier, int Shift) Multiplier(Node node, double real, bool wide = false)
    {
        var (multiplier, shift) = FixedPoint.QuantizeMultiplier(real);
        var valid = wide ? multiplier >= 0 && shift is >= -31 and <= 7 : shift is >= -31 and <= 31;
        return valid ? (multiplier, shift) : throw new LoweringUnsupportedException(node, $"the requantization multiplier {real} is out of the fixed-point range");
    }
}
