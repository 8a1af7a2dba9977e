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
