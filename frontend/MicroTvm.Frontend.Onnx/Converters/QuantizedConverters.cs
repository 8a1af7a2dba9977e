using System.Diagnostics;

namespace MicroTvm.Frontend.Onnx.Converters;

/// <summary>
/// Integer ops. ONNX keeps scales and zero points on the ops; the IR keeps them on the tensor
/// types, which <see cref="QuantizationPlanner"/> assigned before conversion, so these
/// converters only declare the result types. ONNX rounds half to even.
/// </summary>
internal static class QuantizedConverters
{
    private const string Rounding = "rounding";
    private const string HalfEven = "half_even";

    public static void QuantizeLinear(NodeContext n)
    {
        RequireFloat(n, 0);
        var elementType = n.HasInput(2)
            ? n.InputType(2).ElementType
            : n.HasAttribute("output_dtype") ? OnnxElementTypes.ToElementType((int)n.Int("output_dtype", 0), "output_dtype") : ElementType.U8;
        n.Emit(Ops.Quantize, n.Output(), [n.Input(0)], WithRounding(Ops.Quantize, Attrs.None), Declared(n, n.Output(), elementType));
    }

    public static void DequantizeLinear(NodeContext n)
    {
        RequireQuantized(n, 0);
        n.Emit(Ops.Dequantize, n.Output(), [n.Input(0)], declared: new TensorType(ElementType.F32, []));
    }

    /// <summary>Inputs: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, B.</summary>
    public static void QLinearConv(NodeContext n)
    {
        RequireQuantized(n, 0);
        RequireQuantized(n, 3);
        var elementType = n.HasInput(7) ? n.InputType(7).ElementType : n.InputType(0).ElementType;
        ConvolutionConverters.ConvCore(n, 0, 3, 8, Declared(n, n.Output(), elementType), WithRounding(Ops.Conv, Attrs.None));
    }

    /// <summary>Inputs: a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point.</summary>
    public static void QLinearMatMul(NodeContext n)
    {
        RequireQuantized(n, 0);
        RequireQuantized(n, 3);
        var elementType = n.HasInput(7) ? n.InputType(7).ElementType : n.InputType(0).ElementType;
        n.Emit(Ops.MatMul, n.Output(), [n.Input(0), n.Input(3)], WithRounding(Ops.MatMul, Attrs.None), Declared(n, n.Output(), elementType));
    }

    /// <summary>int32 accumulation of (x − x_zero_point)·(w − w_zero_point): a conv whose result has scale 1.</summary>
    public static void ConvInteger(NodeContext n)
    {
        RequireQuantized(n, 0);
        RequireQuantized(n, 1);
        ConvolutionConverters.ConvCore(n, 0, 1, 4, Accumulator, WithRounding(Ops.Conv, Attrs.None));
    }

    public static void MatMulInteger(NodeContext n)
    {
        RequireQuantized(n, 0);
        RequireQuantized(n, 1);
        n.Emit(Ops.MatMul, n.Output(), [n.Input(0), n.Input(1)], WithRounding(Ops.MatMul, Attrs.None), Accumulator);
    }

    private static TensorType Accumulator => new(ElementType.I32, [], Quantization.PerTensor(1f, 0));

    private static TensorType Declared(NodeContext n, string output, ElementType elementType) =>
        new(elementType, [], n.PlannedQuantization(output) ?? throw n.Unsupported($"output '{output}' has no quantization"));

    /// <summary>ONNX requantizes in float with ties to even, unlike TFLite's fixed-point multipliers.</summary>
    private static ImmutableSortedDictionary<string, Attribute> WithRounding(OpDefinition op, ImmutableSortedDictionary<string, Attribute> attributes)
    {
        Debug.Assert(op.FindAttribute(Rounding) is not null, $"'{op.Name}' declares no rounding attribute");
        return attributes.SetItem(Rounding, Attrs.String(HalfEven));
    }

    private static void RequireQuantized(NodeContext n, int index)
    {
        if (!n.InputType(index).IsQuantized)
        {
            throw n.Unsupported($"input {index} ('{n.Proto.Input[index]}', {n.InputType(index)}) has no quantization the importer could attach");
        }
    }

    private static void RequireFloat(NodeContext n, int index)
    {
        if (n.InputType(index).ElementType != ElementType.F32)
        {
            throw n.Unsupported($"input {index} must be float, not {n.InputType(index)}");
        }
    }
}
