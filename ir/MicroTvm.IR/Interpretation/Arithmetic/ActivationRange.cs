namespace MicroTvm.IR.Interpretation;

/// <summary>
/// The fused <c>activation</c> of an op: applied to real values for float tensors, and as a clamp
/// of stored values for quantized ones (TFLite's CalculateActivationRangeQuantized).
/// </summary>
internal static class ActivationRange
{
    public static string Of(Node node) => node.GetAttribute("activation") is StringAttribute s ? s.Value : Activations.None;

    public static double ApplyFloat(string activation, double value) => activation switch
    {
        Activations.Relu => Math.Max(value, 0),
        Activations.Relu6 => Math.Clamp(value, 0, 6),
        Activations.ReluN1To1 => Math.Clamp(value, -1, 1),
        Activations.Tanh => Math.Tanh(value),
        _ => value,
    };

    /// <summary>[min, max] of stored values: the type's range narrowed by the activation's bounds quantized with the output's scale.</summary>
    public static (long Min, long Max) Quantized(string activation, TensorType output)
    {
        var type = output.ElementType;
        var (min, max) = (type.MinValue(), type.MaxValue());
        if (activation == Activations.None)
        {
            return (min, max);
        }

        var (scale, zeroPoint) = QuantizedValues.PerTensor(output, "output");
        long Quantize(float real) => zeroPoint + (long)FixedPoint.Round(real / scale);
        return activation switch
        {
            Activations.Relu => (Math.Max(min, Quantize(0)), max),
            Activations.Relu6 => (Math.Max(min, Quantize(0)), Math.Min(max, Quantize(6))),
            Activations.ReluN1To1 => (Math.Max(min, Quantize(-1)), Math.Min(max, Quantize(1))),
            _ => throw new InterpreterFailure($"fused activation '{activation}' has no quantized form"),
        };
    }
}
