namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// The helpers kernels call: those of runtime/crt/include/mtvm/fixed_point.h, in dependency
/// order, then the packed-word intrinsics (pack_i8x4, sxtb16, smlad) the C backend writes as
/// static inline helpers.
/// </summary>
internal enum FixedPointHelper
{
    SaturatingRoundingDoublingHighMul,
    RoundingDivideByPot,
    MultiplyByQuantizedMultiplier,
    MultiplyByQuantizedMultiplierInt64,
    PackI8x4,
    Sxtb16,
    Smlad,
}
