using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// The type a tensor element is computed in: i8, u8, i16 and i32 elements are i32 registers
/// (the kernel IR does arithmetic on them only after a widening cast), i64, f32 and bool are
/// themselves. Every element lowering returns a register value in range of the element type.
/// </summary>
internal static class Registers
{
    public static ElementType Of(ElementType type) => type switch
    {
        ElementType.F32 or ElementType.Bool or ElementType.I64 => type,
        _ => ElementType.I32,
    };

    public static Expr Widen(Expr value) => value.Type == Of(value.Type) ? value : CastTo(Of(value.Type), value);

    public static Expr Narrow(ElementType type, Expr value) => value.Type == type ? value : CastTo(type, value);

    /// <summary>An immediate of a register type.</summary>
    public static Expr Immediate(ElementType register, double value) =>
        register == ElementType.F32 ? F32((float)value) : Imm((long)value, register);

    /// <summary>
    /// clamp(value + zeroPoint, min, max) for an i32 <paramref name="value"/> without the addition ever
    /// overflowing: the clamp moves before the addition (min − zp and max − zp are compile-time constants).
    /// </summary>
    public static Expr AddZeroPointClamped(Expr value, long zeroPoint, long min, long max)
    {
        Expr clamped = Clamp(value, I32((int)(min - zeroPoint)), I32((int)(max - zeroPoint)));
        return zeroPoint == 0 ? clamped : Add(clamped, I32((int)zeroPoint));
    }
}
