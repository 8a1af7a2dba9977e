namespace MicroTvm.IR.Interpretation;

/// <summary>
/// TFLite's fixed-point requantization primitives (tensorflow/lite/kernels/internal/common.h and
/// quantization_util.cc), with the default double rounding (TFLITE_SINGLE_ROUNDING off).
/// C's wrap-around on int32 overflow is reproduced with unchecked arithmetic. Public because the
/// compiler precomputes the same multipliers that the interpreter and generated kernels use.
/// </summary>
public static class FixedPoint
{
    /// <summary>TFLite's QuantizeMultiplier: a Q31 significand and a power-of-two exponent (positive = left shift).</summary>
    public static (int Multiplier, int Shift) QuantizeMultiplier(double realMultiplier)
    {
        if (realMultiplier == 0)
        {
            return (0, 0);
        }

        var (fraction, shift) = Frexp(realMultiplier);
        var fixedPoint = (long)Math.Round(fraction * (1L << 31), MidpointRounding.AwayFromZero);
        if (fixedPoint == 1L << 31)
        {
            fixedPoint /= 2;
            shift++;
        }

        if (shift < -31)
        {
            return (0, 0);
        }

        return ((int)fixedPoint, shift);
    }

    /// <summary>C's frexp: x = fraction · 2^exponent with |fraction| in [0.5, 1).</summary>
    public static (double Fraction, int Exponent) Frexp(double x)
    {
        if (x == 0 || !double.IsFinite(x))
        {
            return (x, 0);
        }

        var exponent = Math.ILogB(x) + 1;
        return (Math.ScaleB(x, -exponent), exponent);
    }

    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == b && a == int.MinValue)
        {
            return int.MaxValue;
        }

        var product = (long)a * b;
        var nudge = product >= 0 ? 1L << 30 : 1 - (1L << 30);
        return (int)((product + nudge) / (1L << 31));
    }

    public static int RoundingDivideByPot(int x, int exponent)
    {
        var mask = (int)((1L << exponent) - 1);
        var remainder = x & mask;
        var threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
    {
        var leftShift = shift > 0 ? shift : 0;
        var rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPot(SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), multiplier), rightShift);
    }

    /// <summary>The int64-accumulator overload used by the 16x8 kernels: a 16-bit reduced multiplier and one rounding shift.</summary>
    public static int MultiplyByQuantizedMultiplier(long x, int multiplier, int shift)
    {
        var reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
        var totalShift = 15 - shift;
        var rounded = unchecked((x * reduced) + (1L << (totalShift - 1)));
        return unchecked((int)(rounded >> totalShift));
    }

    public static int MultiplyByQuantizedMultiplierGreaterThanOne(int x, int multiplier, int leftShift) =>
        SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), multiplier);

    /// <summary>TFLite's CalculateInputRadius: the largest input magnitude that does not saturate the fixed-point input.</summary>
    public static int CalculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits = 31)
    {
        var maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1) * (1L << (totalSignedBits - inputIntegerBits)) / (1L << inputLeftShift);
        return (int)Math.Floor(maxInputRescaled);
    }

    /// <summary>C's <c>round</c> (TfLiteRound): half away from zero.</summary>
    public static double Round(double value) => Math.Round(value, MidpointRounding.AwayFromZero);
}
