namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// runtime/crt/include/mtvm/fixed_point.h transcribed into LLVM IR, statement by statement, as
/// internal always-inline functions. The C avoids undefined behaviour by computing in wider or
/// unsigned types; here every operation is written with its C meaning spelled out: wrapping
/// (<c>shl</c>/<c>add</c>/<c>mul</c> without nsw) where the C computes in unsigned types, and
/// <c>ashr</c> where it relies on the arithmetic right shift the header insists on.
/// </summary>
internal static class FixedPointFunctions
{
    public static string Name(FixedPointHelper helper) => helper switch
    {
        FixedPointHelper.SaturatingRoundingDoublingHighMul => "@mtvm_saturating_rounding_doubling_high_mul",
        FixedPointHelper.RoundingDivideByPot => "@mtvm_rounding_divide_by_pot",
        FixedPointHelper.MultiplyByQuantizedMultiplier => "@mtvm_multiply_by_quantized_multiplier",
        FixedPointHelper.MultiplyByQuantizedMultiplierInt64 => "@mtvm_multiply_by_quantized_multiplier_int64",
        FixedPointHelper.PackI8x4 => "@mtvm_pack_i8x4",
        FixedPointHelper.Sxtb16 => "@mtvm_sxtb16",
        FixedPointHelper.Smlad => "@mtvm_smlad",
        _ => throw new ArgumentOutOfRangeException(nameof(helper), helper, "unknown helper"),
    };

    public static IEnumerable<FixedPointHelper> Dependencies(FixedPointHelper helper) => helper == FixedPointHelper.MultiplyByQuantizedMultiplier
        ? [FixedPointHelper.SaturatingRoundingDoublingHighMul, FixedPointHelper.RoundingDivideByPot]
        : [];

    /// <summary>The LLVM intrinsics a helper's definition calls, as <c>(name, declaration)</c>.</summary>
    public static IEnumerable<(string Name, string Declaration)> Declarations(FixedPointHelper helper, bool dsp) => helper switch
    {
        FixedPointHelper.Sxtb16 when dsp => [("llvm.fshr.i32", "i32 @llvm.fshr.i32(i32, i32, i32)"), ("llvm.arm.sxtb16", "i32 @llvm.arm.sxtb16(i32)")],
        FixedPointHelper.Sxtb16 => [("llvm.fshr.i32", "i32 @llvm.fshr.i32(i32, i32, i32)")],
        FixedPointHelper.Smlad when dsp => [("llvm.arm.smlad", "i32 @llvm.arm.smlad(i32, i32, i32)")],
        _ => [],
    };

    /// <summary>
    /// The helper's definition. With <paramref name="dsp"/> (Arm cores with the DSP extension:
    /// Cortex-M4, M7, M55) sxtb16 and smlad are the SXTB16 and SMLAD instructions, as the C
    /// backend's ACLE path under <c>__ARM_FEATURE_DSP</c>; elsewhere the portable arithmetic.
    /// </summary>
    public static string Definition(FixedPointHelper helper, bool dsp) => helper switch
    {
        // if (a == b && a == INT32_MIN) return INT32_MAX;
        // ab = (int64_t)a * (int64_t)b;  (cannot overflow)
        // nudged = ab + (ab >= 0 ? (1 << 30) : (1 - (1 << 30)));
        // if (nudged < 0) nudged += ((int64_t)1 << 31) - 1;
        // return (int32_t)(nudged >> 31);
        // Written here in the equal closed form (int32_t)((ab + 2^30) >> 31): for ab >= 0, nudged is
        // ab + 2^30 >= 0; for ab < 0, nudged = ab + 1 - 2^30 < 0 and the correction gives
        // (ab + 1 - 2^30 + 2^31 - 1) >> 31 = (ab + 2^30) >> 31. gcc finds the same form; LLVM does
        // not, and would keep a 64-bit select chain. The freezes keep InstCombine from widening the
        // operands' own arithmetic to i64 through the sext, which would make a 32x32->64 multiply
        // (smull/smlal) a 64-bit one on 32-bit targets.
        FixedPointHelper.SaturatingRoundingDoublingHighMul => """
            define internal i32 @mtvm_saturating_rounding_doubling_high_mul(i32 %a, i32 %b) #1 {
            entry:
              %same = icmp eq i32 %a, %b
              %min = icmp eq i32 %a, -2147483648
              %overflow = and i1 %same, %min
              %a.frozen = freeze i32 %a
              %b.frozen = freeze i32 %b
              %a64 = sext i32 %a.frozen to i64
              %b64 = sext i32 %b.frozen to i64
              %ab = mul nsw i64 %a64, %b64
              %nudged = add nsw i64 %ab, 1073741824
              %quotient = ashr i64 %nudged, 31
              %result = trunc i64 %quotient to i32
              %saturated = select i1 %overflow, i32 2147483647, i32 %result
              ret i32 %saturated
            }

            """,

        // mask = (int32_t)(((int64_t)1 << exponent) - 1); remainder = x & mask;
        // threshold = (mask >> 1) + (x < 0 ? 1 : 0); return (x >> exponent) + (remainder > threshold ? 1 : 0);
        FixedPointHelper.RoundingDivideByPot => """
            define internal i32 @mtvm_rounding_divide_by_pot(i32 %x, i32 %exponent) #1 {
            entry:
              %exponent64 = zext i32 %exponent to i64
              %power = shl i64 1, %exponent64
              %mask64 = sub nsw i64 %power, 1
              %mask = trunc i64 %mask64 to i32
              %remainder = and i32 %x, %mask
              %half = ashr i32 %mask, 1
              %negative = icmp slt i32 %x, 0
              %bias = zext i1 %negative to i32
              %threshold = add nsw i32 %half, %bias
              %shifted = ashr i32 %x, %exponent
              %above = icmp sgt i32 %remainder, %threshold
              %round = zext i1 %above to i32
              %result = add nsw i32 %shifted, %round
              ret i32 %result
            }

            """,

        // left_shift = shift > 0 ? shift : 0; right_shift = shift > 0 ? 0 : -shift;
        // shifted = (int32_t)((uint32_t)x << left_shift);   (wraps)
        // return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, multiplier), right_shift);
        FixedPointHelper.MultiplyByQuantizedMultiplier => """
            define internal i32 @mtvm_multiply_by_quantized_multiplier(i32 %x, i32 %multiplier, i32 %shift) #1 {
            entry:
              %positive = icmp sgt i32 %shift, 0
              %left = select i1 %positive, i32 %shift, i32 0
              %negated = sub nsw i32 0, %shift
              %right = select i1 %positive, i32 0, i32 %negated
              %shifted = shl i32 %x, %left
              %high = call i32 @mtvm_saturating_rounding_doubling_high_mul(i32 %shifted, i32 %multiplier)
              %result = call i32 @mtvm_rounding_divide_by_pot(i32 %high, i32 %right)
              ret i32 %result
            }

            """,

        // reduced = multiplier < 0x7FFF0000 ? (int32_t)((multiplier + (1 << 15)) >> 16) : 0x7FFF;
        // total_shift = 15 - shift;
        // rounded = (uint64_t)x * (uint64_t)(int64_t)reduced + ((uint64_t)1 << (total_shift - 1));   (wraps)
        // return (int32_t)((int64_t)rounded >> total_shift);
        FixedPointHelper.MultiplyByQuantizedMultiplierInt64 => """
            define internal i32 @mtvm_multiply_by_quantized_multiplier_int64(i64 %x, i32 %multiplier, i32 %shift) #1 {
            entry:
              %small = icmp slt i32 %multiplier, 2147418112
              %biased = add i32 %multiplier, 32768
              %high = ashr i32 %biased, 16
              %reduced = select i1 %small, i32 %high, i32 32767
              %total = sub nsw i32 15, %shift
              %reduced64 = sext i32 %reduced to i64
              %product = mul i64 %x, %reduced64
              %half = sub nsw i32 %total, 1
              %half64 = zext i32 %half to i64
              %round = shl i64 1, %half64
              %rounded = add i64 %product, %round
              %total64 = zext i32 %total to i64
              %shifted = ashr i64 %rounded, %total64
              %result = trunc i64 %shifted to i32
              ret i32 %result
            }

            """,

        // (int32_t)(((uint32_t)b0 & 0xFF) | ((uint32_t)b1 & 0xFF) << 8 | ((uint32_t)b2 & 0xFF) << 16 | ((uint32_t)b3 & 0xFF) << 24);
        // four consecutive byte loads packed this way become one word load in LLVM's DAG combiner.
        FixedPointHelper.PackI8x4 => """
            define internal i32 @mtvm_pack_i8x4(i32 %b0, i32 %b1, i32 %b2, i32 %b3) #1 {
            entry:
              %m0 = and i32 %b0, 255
              %m1 = and i32 %b1, 255
              %m2 = and i32 %b2, 255
              %m3 = and i32 %b3, 255
              %s1 = shl i32 %m1, 8
              %s2 = shl i32 %m2, 16
              %s3 = shl i32 %m3, 24
              %o1 = or i32 %m0, %s1
              %o2 = or i32 %o1, %s2
              %o3 = or i32 %o2, %s3
              ret i32 %o3
            }

            """,

        // y = ror(x, rotation); bytes 0 and 2 of y sign-extended into the low and high halves.
        FixedPointHelper.Sxtb16 when dsp => """
            define internal i32 @mtvm_sxtb16(i32 %x, i32 %rotation) #1 {
            entry:
              %amount = and i32 %rotation, 31
              %y = call i32 @llvm.fshr.i32(i32 %x, i32 %x, i32 %amount)
              %result = call i32 @llvm.arm.sxtb16(i32 %y)
              ret i32 %result
            }

            """,
        FixedPointHelper.Sxtb16 => """
            define internal i32 @mtvm_sxtb16(i32 %x, i32 %rotation) #1 {
            entry:
              %amount = and i32 %rotation, 31
              %y = call i32 @llvm.fshr.i32(i32 %x, i32 %x, i32 %amount)
              %byte0 = trunc i32 %y to i8
              %word0 = sext i8 %byte0 to i32
              %low = and i32 %word0, 65535
              %upper = lshr i32 %y, 16
              %byte2 = trunc i32 %upper to i8
              %word2 = sext i8 %byte2 to i32
              %high = shl i32 %word2, 16
              %result = or i32 %low, %high
              ret i32 %result
            }

            """,

        // acc + lo(a)·lo(b) + hi(a)·hi(b), the partial sums wrapping (the exact result fits i32).
        FixedPointHelper.Smlad when dsp => """
            define internal i32 @mtvm_smlad(i32 %a, i32 %b, i32 %acc) #1 {
            entry:
              %result = call i32 @llvm.arm.smlad(i32 %a, i32 %b, i32 %acc)
              ret i32 %result
            }

            """,
        FixedPointHelper.Smlad => """
            define internal i32 @mtvm_smlad(i32 %a, i32 %b, i32 %acc) #1 {
            entry:
              %a16 = trunc i32 %a to i16
              %b16 = trunc i32 %b to i16
              %alow = sext i16 %a16 to i32
              %blow = sext i16 %b16 to i32
              %low = mul nsw i32 %alow, %blow
              %ahigh = ashr i32 %a, 16
              %bhigh = ashr i32 %b, 16
              %high = mul nsw i32 %ahigh, %bhigh
              %partial = add i32 %acc, %low
              %result = add i32 %partial, %high
              ret i32 %result
            }

            """,
        _ => throw new ArgumentOutOfRangeException(nameof(helper), helper, "unknown helper"),
    };
}
