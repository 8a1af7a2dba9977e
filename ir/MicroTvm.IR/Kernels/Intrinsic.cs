namespace MicroTvm.IR.Kernels;

/// <summary>
/// Built-in functions with exact, target-independent semantics. The fixed-point ones are
/// TFLite's (bit-exact with runtime/crt/include/mtvm/fixed_point.h); the float ones compute in f32.
/// </summary>
public enum Intrinsic
{
    /// <summary>
    /// TFLite's MultiplyByQuantizedMultiplier(x, multiplier, shift) → i32. x: i32 (shift in
    /// [-31, 31]) or i64 (the 16x8 variant: multiplier ≥ 0, shift in [-31, 7]); multiplier, shift: i32.
    /// </summary>
    Requantize,

    /// <summary>gemmlowp's SaturatingRoundingDoublingHighMul(a: i32, b: i32) → i32.</summary>
    SaturatingRoundingDoublingHighMul,

    /// <summary>gemmlowp's RoundingDivideByPOT(x: i32, exponent: i32 in [0, 31]) → i32.</summary>
    RoundingDivideByPot,

    /// <summary>
    /// pack_i8x4(a, b, c, d: i32) → i32: the low 8 bits of a, b, c, d as bytes 0 (least
    /// significant) to 3 of one word, read as a two's-complement i32. Four loads of consecutive
    /// elements of one i8/u8 buffer (index e, e+1, e+2, e+3) are one little-endian word load.
    /// </summary>
    PackI8x4,

    /// <summary>
    /// sxtb16(x: i32, rotation: i32 in {0, 8, 16, 24}) → i32: x rotated right by rotation bits,
    /// then bytes 0 and 2 sign-extended into the low and high 16-bit halves (Arm's SXTB16 with ROR).
    /// </summary>
    Sxtb16,

    /// <summary>
    /// smlad(a: i32, b: i32, acc: i32) → i32: acc + lo(a)·lo(b) + hi(a)·hi(b), lo and hi the
    /// signed 16-bit halves, computed exactly; undefined when the result does not fit i32 (Arm's SMLAD).
    /// </summary>
    Smlad,

    /// <summary>
    /// target_has_dsp() → bool: whether the target has Arm's DSP extension (SXTB16, SMLAD as single
    /// instructions). A constant of the target; a kernel must store the same values whichever it
    /// is, so it only chooses between two ways of computing them.
    /// </summary>
    TargetHasDsp,
    Exp,
    Log,
    Sqrt,
    Tanh,
    Floor,

    /// <summary>Round to the nearest integer, ties to even (C's rintf in the default rounding mode).</summary>
    RoundHalfEven,

    /// <summary>Round to the nearest integer, ties away from zero (C's roundf, TfLiteRound).</summary>
    RoundHalfAway,
}
