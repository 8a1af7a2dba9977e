namespace MicroTvm.IR.Interpretation;

/// <summary>Conversions between real values and stored quantized values, per tensor or per axis.</summary>
internal static class QuantizedValues
{
    /// <summary>real = scale · (q − zero_point), computed in double from the f32 scale and stored as f32 (TFLite and ONNX agree).</summary>
    public static HostTensor Dequantize(HostTensor tensor)
    {
        var quantization = Require(tensor.Type);
        var channels = ChannelIndexer.For(tensor.Type);
        var values = new double[tensor.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var c = channels.Channel(i);
            values[i] = (float)((double)quantization.Scales[c] * (tensor.Values[i] - quantization.ZeroPoints[c]));
        }

        return new HostTensor(new TensorType(ElementType.F32, tensor.Shape), values);
    }

    /// <summary>q = saturate(round(x / scale) + zero_point) with the f32 division both TFLite and ONNX use.</summary>
    public static HostTensor Quantize(HostTensor tensor, TensorType target, RoundingMode rounding)
    {
        var quantization = Require(target);
        var channels = ChannelIndexer.For(target);
        var values = new double[tensor.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var c = channels.Channel(i);
            values[i] = QuantizeOne((float)tensor.Values[i], quantization.Scales[c], quantization.ZeroPoints[c], target.ElementType, rounding);
        }

        return new HostTensor(target, values);
    }

    public static long QuantizeOne(float value, float scale, long zeroPoint, ElementType type, RoundingMode rounding)
    {
        var scaled = value / scale;
        if (float.IsNaN(scaled))
        {
            return Storage.Saturate(type, zeroPoint);
        }

        var rounded = Rounding.Apply(rounding, scaled);
        var clamped = Math.Clamp(rounded, long.MinValue / 4, long.MaxValue / 4);
        return Storage.Saturate(type, (long)clamped + zeroPoint);
    }

    public static Quantization Require(TensorType type) =>
        type.Quantization ?? throw new InterpreterFailure($"{type} is not quantized");

    /// <summary>The per-tensor (scale, zero point) of a type; a per-axis quantization is refused.</summary>
    public static (float Scale, long ZeroPoint) PerTensor(TensorType type, string role)
    {
        var quantization = type.Quantization ?? throw new InterpreterFailure($"{role} {type} is not quantized");
        if (quantization.Scales.Length != 1)
        {
            throw new InterpreterFailure($"{role} must be quantized per tensor");
        }

        return (quantization.Scale, quantization.ZeroPoint);
    }
}
