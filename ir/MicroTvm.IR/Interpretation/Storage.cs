namespace MicroTvm.IR.Interpretation;

/// <summary>How a computed value is stored in an element type.</summary>
internal static class Storage
{
    /// <summary>f32 rounds to single precision; integers truncate toward zero and wrap to their width; bool is 0 or 1.</summary>
    public static double Normalize(ElementType type, double value) => type switch
    {
        ElementType.F32 => (float)value,
        ElementType.Bool => value != 0 ? 1 : 0,
        ElementType.I8 => unchecked((sbyte)Truncate(value)),
        ElementType.U8 => unchecked((byte)Truncate(value)),
        ElementType.I16 => unchecked((short)Truncate(value)),
        ElementType.I32 => unchecked((int)Truncate(value)),
        _ => Truncate(value),
    };

    /// <summary>Clamps to the integer type's range (the saturating store of quantized kernels).</summary>
    public static long Saturate(ElementType type, long value) =>
        Math.Clamp(value, type.MinValue(), type.MaxValue());

    private static long Truncate(double value) => double.IsNaN(value) ? 0 : (long)value;
}
