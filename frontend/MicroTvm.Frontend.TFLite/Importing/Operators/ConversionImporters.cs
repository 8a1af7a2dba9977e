namespace MicroTvm.Frontend.TFLite.Importing.Operators;

/// <summary>CAST, QUANTIZE (float to quantized is quantize; quantized to quantized is requantize) and DEQUANTIZE.</summary>
internal static class ConversionImporters
{
    public static void Cast(OperatorContext c) => Convert(c, Ops.Cast);

    public static void Quantize(OperatorContext c)
    {
        c.RequireInputs(1, 1);
        Convert(c, c.InputType(0).IsQuantized ? Ops.Requantize : Ops.Quantize);
    }

    public static void Dequantize(OperatorContext c) => Convert(c, Ops.Dequantize);

    private static void Convert(OperatorContext c, OpDefinition op)
    {
        c.RequireInputs(1, 1);
        c.RequireOutputs(1);
        c.Emit(op, [c.Operand(0)], [c.Result(0)]);
    }
}
