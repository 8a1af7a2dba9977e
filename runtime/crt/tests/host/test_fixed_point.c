/*
 * Fixed-point requantization helpers: hand-derived edge cases, and sweeps against two
 * oracles written here independently: TFLite's reference code transcribed literally (with
 * 64-bit division), and the mathematical definition (floor / round-half-away in int64).
 */
#include <stdint.h>

#include "mtvm/fixed_point.h"
#include "mtvm_test.h"

/* TFLite / gemmlowp, transcribed (int32 wrap made explicit). */
static int32_t tflite_srdhm(int32_t a, int32_t b)
{
    const int overflow = a == b && a == INT32_MIN;
    const int64_t ab = (int64_t)a * (int64_t)b;
    const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
    const int32_t ab_x2_high32 = (int32_t)((ab + nudge) / ((int64_t)1 << 31));
    return overflow ? INT32_MAX : ab_x2_high32;
}

static int32_t tflite_rdbp(int32_t x, int exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + ((x < 0 ? ~0 : 0) & 1);
    return (x >> exponent) + ((remainder > threshold ? ~0 : 0) & 1);
}

static int32_t tflite_mbqm(int32_t x, int32_t multiplier, int shift)
{
    const int left_shift = shift > 0 ? shift : 0;
    const int right_shift = shift > 0 ? 0 : -shift;
    const int32_t shifted = (int32_t)(uint32_t)((uint64_t)(int64_t)x * ((uint64_t)1 << left_shift));
    return tflite_rdbp(tflite_srdhm(shifted, multiplier), right_shift);
}

static int32_t tflite_mbqm_int64(int64_t x, int32_t quantized_multiplier, int shift)
{
    const int32_t reduced_multiplier = (quantized_multiplier < 0x7FFF0000)
                                           ? ((quantized_multiplier + (1 << 15)) >> 16)
                                           : 0x7FFF;
    const int total_shift = 15 - shift;
    x = (x * (int64_t)reduced_multiplier) + ((int64_t)1 << (total_shift - 1));
    return (int32_t)(x >> total_shift);
}

/* The mathematical definitions. */
static int64_t floor_div_pot(int64_t x, int exponent)
{
    const int64_t d = (int64_t)1 << exponent;
    const int64_t q = x / d;
    return (x % d != 0 && x < 0) ? q - 1 : q;
}

/* round(a*b / 2^31), ties toward +infinity (what the nudge achieves), saturating. */
static int32_t math_srdhm(int32_t a, int32_t b)
{
    const int64_t r = floor_div_pot((int64_t)a * b + ((int64_t)1 << 30), 31);
    return r > INT32_MAX ? INT32_MAX : (int32_t)r;
}

/* round(x / 2^e), ties away from zero. */
static int32_t math_rdbp(int32_t x, int exponent)
{
    const int64_t magnitude = x < 0 ? -(int64_t)x : (int64_t)x;
    const int64_t q = exponent == 0 ? magnitude
                                    : floor_div_pot(magnitude + ((int64_t)1 << (exponent - 1)),
                                                    exponent);
    return (int32_t)(x < 0 ? -q : q);
}

static uint32_t lcg_state = 12345u;
static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state;
}

/* Random int32 of random magnitude (arithmetic shift keeps the sign). */
static int32_t random_int32(void)
{
    const int32_t r = (int32_t)lcg_next();
    return r >> (lcg_next() % 32u);
}

static void test_srdhm_edges(void)
{
    CHECK_EQ_INT(INT32_MAX, mtvm_saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MIN));
    CHECK_EQ_INT(2147483646, mtvm_saturating_rounding_doubling_high_mul(INT32_MAX, INT32_MAX));
    CHECK_EQ_INT(-2147483647, mtvm_saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MAX));
    CHECK_EQ_INT(-2147483647, mtvm_saturating_rounding_doubling_high_mul(INT32_MAX, INT32_MIN));
    CHECK_EQ_INT(536870912, mtvm_saturating_rounding_doubling_high_mul(1 << 30, 1 << 30));
    CHECK_EQ_INT(0, mtvm_saturating_rounding_doubling_high_mul(0, INT32_MIN));
    CHECK_EQ_INT(-1, mtvm_saturating_rounding_doubling_high_mul(INT32_MIN, 1));
    /* ties: +0.5 -> 1, -0.5 -> 0, +1.5 -> 2, -1.5 -> -1 (toward +infinity) */
    CHECK_EQ_INT(1, mtvm_saturating_rounding_doubling_high_mul(1, 1 << 30));
    CHECK_EQ_INT(0, mtvm_saturating_rounding_doubling_high_mul(-1, 1 << 30));
    CHECK_EQ_INT(2, mtvm_saturating_rounding_doubling_high_mul(3, 1 << 30));
    CHECK_EQ_INT(-1, mtvm_saturating_rounding_doubling_high_mul(-3, 1 << 30));
    /* just below and above the negative tie */
    CHECK_EQ_INT(-1, mtvm_saturating_rounding_doubling_high_mul(-1, (1 << 30) + 1));
    CHECK_EQ_INT(0, mtvm_saturating_rounding_doubling_high_mul(-1, (1 << 30) - 1));
}

static void test_rdbp_edges(void)
{
    /* exponent 0 is the identity */
    CHECK_EQ_INT(INT32_MIN, mtvm_rounding_divide_by_pot(INT32_MIN, 0));
    CHECK_EQ_INT(INT32_MAX, mtvm_rounding_divide_by_pot(INT32_MAX, 0));
    CHECK_EQ_INT(-7, mtvm_rounding_divide_by_pot(-7, 0));
    /* ties away from zero */
    CHECK_EQ_INT(3, mtvm_rounding_divide_by_pot(5, 1));
    CHECK_EQ_INT(-3, mtvm_rounding_divide_by_pot(-5, 1));
    CHECK_EQ_INT(1, mtvm_rounding_divide_by_pot(1, 1));
    CHECK_EQ_INT(-1, mtvm_rounding_divide_by_pot(-1, 1));
    CHECK_EQ_INT(2, mtvm_rounding_divide_by_pot(6, 2));
    CHECK_EQ_INT(-2, mtvm_rounding_divide_by_pot(-6, 2));
    CHECK_EQ_INT(1, mtvm_rounding_divide_by_pot(5, 2));
    CHECK_EQ_INT(-1, mtvm_rounding_divide_by_pot(-5, 2));
    /* exponent 31 */
    CHECK_EQ_INT(1, mtvm_rounding_divide_by_pot(INT32_MAX, 31));
    CHECK_EQ_INT(-1, mtvm_rounding_divide_by_pot(INT32_MIN, 31));
    CHECK_EQ_INT(1, mtvm_rounding_divide_by_pot(1 << 30, 31));
    CHECK_EQ_INT(-1, mtvm_rounding_divide_by_pot(-(1 << 30), 31));
    CHECK_EQ_INT(0, mtvm_rounding_divide_by_pot((1 << 30) - 1, 31));
    CHECK_EQ_INT(0, mtvm_rounding_divide_by_pot(-(1 << 30) + 1, 31));
    CHECK_EQ_INT(0, mtvm_rounding_divide_by_pot(0, 31));
}

static void test_mbqm_edges(void)
{
    /* multiplier 0.5 */
    CHECK_EQ_INT(50, mtvm_multiply_by_quantized_multiplier(100, 1 << 30, 0));
    CHECK_EQ_INT(25, mtvm_multiply_by_quantized_multiplier(100, 1 << 30, -1));
    CHECK_EQ_INT(200, mtvm_multiply_by_quantized_multiplier(100, 1 << 30, 2));
    CHECK_EQ_INT(-50, mtvm_multiply_by_quantized_multiplier(-100, 1 << 30, 0));
    /* TFLite's double rounding: exact value 0.25000000012, TFLite gives 1 */
    CHECK_EQ_INT(1, mtvm_multiply_by_quantized_multiplier(1, (1 << 30) + 1, -1));
    /* shift 31 either way */
    CHECK_EQ_INT(-(1 << 30), mtvm_multiply_by_quantized_multiplier(1, 1 << 30, 31));
    CHECK_EQ_INT(1, mtvm_multiply_by_quantized_multiplier(INT32_MAX, INT32_MAX, -31));
    CHECK_EQ_INT(0, mtvm_multiply_by_quantized_multiplier(1000, INT32_MAX, -31));
    /* left shift wraps like TFLite's int32 multiplication: 2^31 wraps to INT32_MIN */
    CHECK_EQ_INT(INT32_MAX, mtvm_multiply_by_quantized_multiplier(1 << 30, INT32_MIN, 1));
    /* shift 0 with a saturating product */
    CHECK_EQ_INT(INT32_MAX, mtvm_multiply_by_quantized_multiplier(INT32_MIN, INT32_MIN, 0));
}

static void test_mbqm_int64_edges(void)
{
    /* 1000 * 0.5, one rounding: 16384000 + 16384 >> 15 = 500 */
    CHECK_EQ_INT(500, mtvm_multiply_by_quantized_multiplier_int64(1000, 1 << 30, 0));
    CHECK_EQ_INT(-500, mtvm_multiply_by_quantized_multiplier_int64(-1000, 1 << 30, 0));
    /* multipliers at and above 0x7FFF0000 reduce to 0x7FFF */
    CHECK_EQ_INT(tflite_mbqm_int64(123456789, INT32_MAX, 0),
                 mtvm_multiply_by_quantized_multiplier_int64(123456789, INT32_MAX, 0));
    CHECK_EQ_INT(tflite_mbqm_int64(-((int64_t)1 << 46), 0x7FFF0000, 7),
                 mtvm_multiply_by_quantized_multiplier_int64(-((int64_t)1 << 46), 0x7FFF0000, 7));
    /* (2^47 - 1) * 0.5 / 2^31 = 32767.99... -> 32768 */
    CHECK_EQ_INT(32768, mtvm_multiply_by_quantized_multiplier_int64(((int64_t)1 << 47) - 1, 1 << 30, -31));
    CHECK_EQ_INT(-32768, mtvm_multiply_by_quantized_multiplier_int64(-((int64_t)1 << 47), 1 << 30, -31));
}

static void test_sweeps_agree_with_both_oracles(void)
{
    int i;
    int mismatches = 0;
    for (i = 0; i < 200000; ++i) {
        const int32_t a = random_int32();
        const int32_t b = (i & 7) == 0 ? INT32_MIN : random_int32();
        const int exponent = (int)(lcg_next() % 32u);
        const int shift = (int)(lcg_next() % 63u) - 31;
        const int32_t multiplier = (int32_t)(lcg_next() >> 1);
        const int shift64 = (int)(lcg_next() % 39u) - 31;
        const int64_t x64 = ((int64_t)random_int32() * 16384) + (int64_t)(lcg_next() & 0x3FFF);
        const int32_t srdhm = mtvm_saturating_rounding_doubling_high_mul(a, b);
        const int32_t rdbp = mtvm_rounding_divide_by_pot(a, exponent);
        if (srdhm != tflite_srdhm(a, b) || srdhm != math_srdhm(a, b)) {
            if (mismatches++ < 5) {
                fprintf(stderr, "srdhm(%ld, %ld) = %ld, tflite %ld, math %ld\n", (long)a, (long)b,
                        (long)srdhm, (long)tflite_srdhm(a, b), (long)math_srdhm(a, b));
            }
        }
        if (rdbp != tflite_rdbp(a, exponent) || rdbp != math_rdbp(a, exponent)) {
            if (mismatches++ < 5) {
                fprintf(stderr, "rdbp(%ld, %d) = %ld, tflite %ld, math %ld\n", (long)a, exponent,
                        (long)rdbp, (long)tflite_rdbp(a, exponent), (long)math_rdbp(a, exponent));
            }
        }
        if (mtvm_multiply_by_quantized_multiplier(a, multiplier, shift) !=
            tflite_mbqm(a, multiplier, shift)) {
            if (mismatches++ < 5) {
                fprintf(stderr, "mbqm(%ld, %ld, %d) mismatch\n", (long)a, (long)multiplier, shift);
            }
        }
        if (mtvm_multiply_by_quantized_multiplier_int64(x64, multiplier, shift64) !=
            tflite_mbqm_int64(x64, multiplier, shift64)) {
            if (mismatches++ < 5) {
                fprintf(stderr, "mbqm_int64(%lld, %ld, %d) mismatch\n", (long long)x64,
                        (long)multiplier, shift64);
            }
        }
    }
    CHECK_EQ_INT(0, mismatches);
}

int main(void)
{
    RUN_TEST(test_srdhm_edges);
    RUN_TEST(test_rdbp_edges);
    RUN_TEST(test_mbqm_edges);
    RUN_TEST(test_mbqm_int64_edges);
    RUN_TEST(test_sweeps_agree_with_both_oracles);
    return mtvm_test_report();
}
