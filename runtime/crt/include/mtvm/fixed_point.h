/*
 * MicroTvm C runtime: fixed-point requantization helpers for generated int8/int16 kernels.
 *
 * Bit-exact with TFLite's reference kernels (tensorflow/lite/kernels/internal/common.h,
 * gemmlowp fixedpoint.h) in the default double-rounding mode (TFLITE_SINGLE_ROUNDING off),
 * and with the reference interpreter (ir/.../Interpretation/Arithmetic/FixedPoint.cs).
 * Where TFLite relies on int32 overflow wrapping (x * (1 << left_shift)), these functions
 * wrap explicitly (two's complement) instead of invoking undefined behaviour.
 *
 * static inline so that generated kernels inline them; no library code is involved.
 * They assume an arithmetic right shift of negative values, which every supported compiler
 * provides; the typedef below refuses to compile elsewhere.
 */
#ifndef MTVM_FIXED_POINT_H_
#define MTVM_FIXED_POINT_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef char mtvm_fixed_point_requires_arithmetic_shift_[((-1 >> 1) == -1) ? 1 : -1];

/*
 * gemmlowp SaturatingRoundingDoublingHighMul: round(a * b / 2^31), an exact tie rounding
 * toward +infinity (what gemmlowp's nudge does); INT32_MIN * INT32_MIN saturates to INT32_MAX.
 */
static inline int32_t mtvm_saturating_rounding_doubling_high_mul(int32_t a, int32_t b)
{
    int64_t ab;
    int64_t nudged;
    if (a == b && a == INT32_MIN) {
        return INT32_MAX;
    }
    ab = (int64_t)a * (int64_t)b;
    nudged = ab + (ab >= 0 ? (int64_t)(1 << 30) : (int64_t)(1 - (1 << 30)));
    /* nudged / 2^31 truncating toward zero, without a 64-bit division call. */
    if (nudged < 0) {
        nudged += ((int64_t)1 << 31) - 1;
    }
    return (int32_t)(nudged >> 31);
}

/*
 * gemmlowp RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero.
 * exponent must be in [0, 31].
 */
static inline int32_t mtvm_rounding_divide_by_pot(int32_t x, int exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/*
 * TFLite MultiplyByQuantizedMultiplier(int32_t, int32_t, int): x * multiplier * 2^shift / 2^31
 * with TFLite's two roundings. shift in [-31, 31] (positive: left shift of x, which wraps like
 * TFLite's int32 multiplication). multiplier is a Q31 significand from QuantizeMultiplier.
 */
static inline int32_t mtvm_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier,
                                                            int shift)
{
    const int left_shift = shift > 0 ? shift : 0;
    const int right_shift = shift > 0 ? 0 : -shift;
    const int32_t shifted = (int32_t)((uint32_t)x << left_shift);
    return mtvm_rounding_divide_by_pot(
        mtvm_saturating_rounding_doubling_high_mul(shifted, multiplier), right_shift);
}

/*
 * TFLite MultiplyByQuantizedMultiplier(int64_t, int32_t, int), used by the 16x8 kernels:
 * the multiplier reduced to 16 bits and one rounding shift. multiplier >= 0, shift in [-31, 7],
 * |x| < 2^47 (as TFLite requires; outside that the product wraps).
 */
static inline int32_t mtvm_multiply_by_quantized_multiplier_int64(int64_t x, int32_t multiplier,
                                                                  int shift)
{
    const int32_t reduced =
        multiplier < 0x7FFF0000 ? (int32_t)((multiplier + (1 << 15)) >> 16) : 0x7FFF;
    const int total_shift = 15 - shift;
    const uint64_t rounded =
        (uint64_t)x * (uint64_t)(int64_t)reduced + ((uint64_t)1 << (total_shift - 1));
    return (int32_t)((int64_t)rounded >> total_shift);
}

/*
 * min, max and clamp for the kernel emitter (backends/c): kernel IR's min/max/saturate are
 * calls rather than macros so that operands are evaluated once. The f32 versions are exactly
 * "a < b ? a : b" and "a > b ? a : b", NaNs included, as kernel IR defines them.
 */
static inline int32_t mtvm_min_i32(int32_t a, int32_t b) { return a < b ? a : b; }
static inline int32_t mtvm_max_i32(int32_t a, int32_t b) { return a > b ? a : b; }
static inline int64_t mtvm_min_i64(int64_t a, int64_t b) { return a < b ? a : b; }
static inline int64_t mtvm_max_i64(int64_t a, int64_t b) { return a > b ? a : b; }
static inline float mtvm_min_f32(float a, float b) { return a < b ? a : b; }
static inline float mtvm_max_f32(float a, float b) { return a > b ? a : b; }

static inline int32_t mtvm_clamp_i32(int32_t x, int32_t low, int32_t high)
{
    return x < low ? low : (x > high ? high : x);
}

static inline int64_t mtvm_clamp_i64(int64_t x, int64_t low, int64_t high)
{
    return x < low ? low : (x > high ? high : x);
}

#ifdef __cplusplus
}
#endif

#endif /* MTVM_FIXED_POINT_H_ */
