namespace MicroTvm.IR.Interpretation;

/// <summary>
/// Quantized nodes of ops that have no integer kernel (TFLite evaluates most of them through
/// float look-up tables): dequantize every quantized operand, run the float kernel, quantize each
/// result with TFLite's rounding (half away from zero) and saturation.
/// </summary>
internal static class Emulation
{
    public static ImmutableArray<HostTensor> Run(KernelContext context, Kernel floatKernel)
    {
        var operands = context.Operands.Select(o => o is { Type.IsQuantized: true } ? QuantizedValues.Dequantize(o) : o).ToImmutableArray();
        var floatTypes = context.ResultTypes
            .Select(t => t.IsQuantized ? new TensorType(ElementType.F32, t.Shape) : t)
            .ToImmutableArray();
        var results = floatKernel(new KernelContext(context.Node, operands, floatTypes));
        var converted = ImmutableArray.CreateBuilder<HostTensor>(results.Length);
        for (var i = 0; i < results.Length; i++)
        {
            var type = context.ResultTypes[i];
            converted.Add(type.IsQuantized ? QuantizedValues.Quantize(results[i], type, RoundingMode.Tflite) : results[i]);
        }

        return converted.MoveToImmutable();
    }
}
