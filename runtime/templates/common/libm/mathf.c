/*
 * MicroTvm firmware templates: the single-precision functions generated float kernels call,
 * for boards that link no C library (see math.h beside this file).
 *
 * The reference interpreter computes these in double precision and rounds once to float; so do
 * these functions. exp, log and tanh evaluate a series in double (relative error about 1e-15)
 * and round once, which is within one float ulp of the correctly rounded result; sqrtf is
 * correctly rounded (a double Newton iteration, then the float neighbour whose rounding
 * interval holds the exact root, found with exact double squares); floorf, rintf and roundf
 * are exact. Special values follow C99 Annex F (NaN in, NaN out; log of a negative is NaN,
 * log(0) is -inf; overflow gives inf, underflow 0). errno is never set.
 */
#include <stdint.h>

#include "math.h"

#define MTVM_LN2 0.69314718055994530942
#define MTVM_LOG2E 1.44269504088896340736

typedef union {
    float f;
    uint32_t u;
} mtvm_float_bits_t;

typedef union {
    double d;
    uint64_t u;
} mtvm_double_bits_t;

static float mtvm_float_of_bits(uint32_t u)
{
    mtvm_float_bits_t b;
    b.u = u;
    return b.f;
}

static uint32_t mtvm_bits_of_float(float f)
{
    mtvm_float_bits_t b;
    b.f = f;
    return b.u;
}

/* x * 2^k for k in [-1022, 1023]. */
static double mtvm_scale2(double x, int k)
{
    mtvm_double_bits_t b;
    b.u = (uint64_t)(k + 1023) << 52;
    return x * b.d;
}

/* e^r for |r| <= 0.35 (ln 2 / 2 rounded up): Taylor series to r^13, error below 1e-16. */
static double mtvm_exp_reduced(double r)
{
    double sum = 1.0;
    double term = 1.0;
    int n;
    for (n = 1; n <= 13; ++n) {
        term *= r / n;
        sum += term;
    }
    return sum;
}

/* e^x for |x| <= 750: x = k ln 2 + r with |r| <= ln 2 / 2. */
static double mtvm_exp(double x)
{
    const double t = x * MTVM_LOG2E;
    const int k = (int)(t < 0 ? t - 0.5 : t + 0.5);
    const double r = x - k * MTVM_LN2;
    /* Two steps keep each scale within the double exponent range. */
    const int half = k / 2;
    return mtvm_scale2(mtvm_scale2(mtvm_exp_reduced(r), half), k - half);
}

/* e^y - 1 with full relative precision near 0. */
static double mtvm_expm1(double y)
{
    if (y > 0.7 || y < -0.7) {
        return mtvm_exp(y) - 1.0;
    } else {
        double sum = 0.0;
        double term = 1.0;
        int n;
        for (n = 1; n <= 18; ++n) {
            term *= y / n;
            sum += term;
        }
        return sum;
    }
}

float expf(float x)
{
    if (x != x) {
        return x;
    }
    if (x > 89.0f) {
        return INFINITY;
    }
    if (x < -104.0f) {
        return 0.0f;
    }
    return (float)mtvm_exp((double)x);
}

float logf(float x)
{
    mtvm_double_bits_t b;
    double m;
    double s;
    double s2;
    double series;
    double power;
    int e;
    int n;
    if (x != x || x == INFINITY) {
        return x;
    }
    if (x < 0.0f) {
        return NAN;
    }
    if (x == 0.0f) {
        return -INFINITY;
    }
    /* x = m 2^e with m in [sqrt(1/2), sqrt(2)); every float is a normal double. */
    b.d = (double)x;
    e = (int)((b.u >> 52) & 0x7ffu) - 1023;
    b.u = (b.u & 0x000fffffffffffffull) | 0x3ff0000000000000ull;
    m = b.d;
    if (m > 1.41421356237309504880) {
        m *= 0.5;
        e += 1;
    }
    /* log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: odd series to s^23. */
    s = (m - 1.0) / (m + 1.0);
    s2 = s * s;
    series = 0.0;
    power = 1.0;
    for (n = 1; n <= 23; n += 2) {
        series += power / n;
        power *= s2;
    }
    return (float)(e * MTVM_LN2 + 2.0 * s * series);
}

float tanhf(float x)
{
    double a;
    double t;
    if (x != x) {
        return x;
    }
    a = x < 0.0f ? -(double)x : (double)x;
    if (a > 9.1) {
        /* Beyond 9.1, 1 - tanh a < 2.5e-8, under half of 1.0f's lower ulp: it rounds to 1. */
        return x < 0.0f ? -1.0f : 1.0f;
    }
    /* tanh a = expm1(2a) / (expm1(2a) + 2), odd (tanh(-0) = -0). */
    t = mtvm_expm1(2.0 * a);
    t = t / (t + 2.0);
    return (float)(x < 0.0f || (x == 0.0f && mtvm_bits_of_float(x) != 0) ? -t : t);
}

float sqrtf(float x)
{
    const double d = (double)x;
    mtvm_double_bits_t b;
    double y;
    double up;
    double down;
    float f;
    int i;
    if (x != x || x == 0.0f || x == INFINITY) {
        return x;
    }
    if (x < 0.0f) {
        return NAN;
    }
    /* Start within a factor of 2 (the exponent halved); Newton's error then falls from 0.5
     * below 1e-16 in 6 steps. */
    b.d = d;
    y = mtvm_scale2(1.0, ((int)((b.u >> 52) & 0x7ffu) - 1023) / 2);
    for (i = 0; i < 7; ++i) {
        y = 0.5 * (y + d / y);
    }
    f = (float)y;
    /* f's rounding interval ends halfway to its neighbours; those midpoints have 25
     * significant bits, so their squares are exact in double. Move f to the neighbour whose
     * interval holds sqrt(d). */
    up = 0.5 * ((double)f + (double)mtvm_float_of_bits(mtvm_bits_of_float(f) + 1u));
    down = 0.5 * ((double)f + (double)mtvm_float_of_bits(mtvm_bits_of_float(f) - 1u));
    if (up * up < d) {
        f = mtvm_float_of_bits(mtvm_bits_of_float(f) + 1u);
    } else if (down * down > d) {
        f = mtvm_float_of_bits(mtvm_bits_of_float(f) - 1u);
    }
    return f;
}

float floorf(float x)
{
    uint32_t u = mtvm_bits_of_float(x);
    const int e = (int)((u >> 23) & 0xffu) - 127;
    uint32_t mask;
    if (e >= 23) {
        return x; /* integral, infinite or NaN */
    }
    if (e < 0) {
        /* |x| < 1: -1 for negative non-zero values, else a zero of x's sign. */
        return (u >> 31) != 0 && (u & 0x7fffffffu) != 0 ? -1.0f : x * 0.0f;
    }
    mask = 0x007fffffu >> e;
    if ((u & mask) == 0) {
        return x;
    }
    if ((u >> 31) != 0) {
        u += 0x00800000u >> e;
    }
    return mtvm_float_of_bits(u & ~mask);
}

float roundf(float x)
{
    uint32_t u = mtvm_bits_of_float(x);
    const int e = (int)((u >> 23) & 0xffu) - 127;
    if (e >= 23) {
        return x;
    }
    if (e < -1) {
        return mtvm_float_of_bits(u & 0x80000000u); /* |x| < 0.5 */
    }
    if (e == -1) {
        return mtvm_float_of_bits((u & 0x80000000u) | 0x3f800000u); /* 0.5 <= |x| < 1 */
    }
    /* Add half a unit of the integer position to the magnitude, then cut the fraction. */
    u += 0x00400000u >> e;
    return mtvm_float_of_bits(u & ~(0x007fffffu >> e));
}

float rintf(float x)
{
    const uint32_t u = mtvm_bits_of_float(x);
    const uint32_t sign = u & 0x80000000u;
    volatile float magnitude;
    if (((u >> 23) & 0xffu) >= 127u + 23u) {
        return x;
    }
    /* Below 2^23, adding and subtracting 2^23 rounds to an integer, ties to even. */
    magnitude = mtvm_float_of_bits(u & 0x7fffffffu) + 8388608.0f;
    magnitude = magnitude - 8388608.0f;
    return mtvm_float_of_bits(mtvm_bits_of_float(magnitude) | sign);
}
