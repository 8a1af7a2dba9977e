namespace MicroTvm.IR;

internal static class ConversionInference
{
    public static ImmutableArray<TensorType> Constant(InferenceContext context) =>
        InferenceRules.One(context.Node.GetTensor("value").Type);

    /// <summary>cast, quantize, dequantize, requantize: the shape is kept; the element type and quantization are declared.</summary>
    public static TypeInference Converting(Func<TensorType, TensorType?, string?> check) => context =>
    {
        var input = context.Operand(0);
        var result = InferenceRules.Declared(context, 0, input.Shape, input.ElementType);
        if (check(input, context.Declared(0)) is { } error)
        {
            context.Error(error);
            return default;
        }

        return InferenceRules.One(result);
    };

    public static string? Quantize(TensorType input, TensorType? output) =>
        output is { IsQuantized: true, ElementType: not ElementType.F32 }
            ? null
            : "quantize must produce a quantized integer type";

    public static string? Dequantize(TensorType input, TensorType? output) =>
        input.IsQuantized && output is { ElementType: ElementType.F32, IsQuantized: false }
            ? null
            : "dequantize takes a quantized tensor to f32";

    public static string? Requantize(TensorType input, TensorType? output) =>
        input.IsQuantized && output is { IsQuantized: true }
            ? null
            : "requantize takes a quantized tensor to a quantized tensor";

    public static string? Cast(TensorType input, TensorType? output) =>
        output is { IsQuantized: false } ? null : "cast produces an unquantized type; use quantize";
}
