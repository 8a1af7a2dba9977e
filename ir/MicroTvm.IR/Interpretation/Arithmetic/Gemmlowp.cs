namespace MicroTvm.IR.Interpretation;

/// <summary>
/// The gemmlowp fixed-point functions TFLite's reference softmax, logistic and tanh use
/// (gemmlowp/fixedpoint/fixedpoint.h), on raw int32 values. A value with <c>integerBits</c>
/// integer bits represents raw / 2^(31 − integerBits). Addition wraps as in the C++ original.
/// </summary>
internal static class Gemmlowp
{
    private const int OneQ0 = int.MaxValue;

    public static int Mul(int a, int b) => FixedPoint.SaturatingRoundingDoublingHighMul(a, b);

    public static int SaturatingRoundingMultiplyByPot(int x, int exponent)
    {
        if (exponent == 0)
        {
            return x;
        }

        if (exponent < 0)
        {
            return FixedPoint.RoundingDivideByPot(x, -exponent);
        }

        var threshold = (1 << (31 - exponent)) - 1;
        return x > threshold ? int.MaxValue : x < -threshold ? int.MinValue : unchecked(x << exponent);
    }

    public static int Rescale(int raw, int sourceIntegerBits, int destinationIntegerBits) =>
        SaturatingRoundingMultiplyByPot(raw, sourceIntegerBits - destinationIntegerBits);

    public static int RoundingHalfSum(int a, int b)
    {
        var sum = (long)a + b;
        var sign = sum >= 0 ? 1 : -1;
        return (int)((sum + sign) / 2);
    }

    /// <summary>exp(a) for a in [-1/4, 0), Q0 in and out: Taylor expansion around -1/8.</summary>
    public static int ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a)
    {
        const int constantTerm = 1895147668;
        const int oneThird = 715827883;
        var x = unchecked(a + (1 << 28));
        var x2 = Mul(x, x);
        var x3 = Mul(x2, x);
        var x4 = Mul(x2, x2);
        var x4Over4 = SaturatingRoundingMultiplyByPot(x4, -2);
        var polynomial = SaturatingRoundingMultiplyByPot(unchecked(Mul(unchecked(x4Over4 + x3), oneThird) + x2), -1);
        return unchecked(constantTerm + Mul(constantTerm, unchecked(x + polynomial)));
    }

    /// <summary>exp(a) for a ≤ 0 with <paramref name="integerBits"/> integer bits; the result is Q0.</summary>
    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        var fractionalBits = 31 - integerBits;
        var oneQuarter = 1 << (fractionalBits - 2);
        var mask = oneQuarter - 1;
        var aModQuarterMinusOneQuarter = unchecked((a & mask) - oneQuarter);
        var result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(Rescale(aModQuarterMinusOneQuarter, integerBits, 0));
        var remainder = unchecked(aModQuarterMinusOneQuarter - a);
        ReadOnlySpan<int> multipliers = [1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242];
        for (var exponent = -2; exponent <= 4; exponent++)
        {
            if (integerBits > exponent && (remainder & (1 << (fractionalBits + exponent))) != 0)
            {
                result = Mul(result, multipliers[exponent + 2]);
            }
        }

        if (integerBits > 5 && a < -(1 << (36 - integerBits)))
        {
            result = 0;
        }

        return a == 0 ? OneQ0 : result;
    }

    /// <summary>1 / (1 + a) for a in [0, 1], Q0 in and out, by Newton–Raphson.</summary>
    public static int OneOverOnePlusX(int a)
    {
        var x = NewtonRaphsonReciprocal(RoundingHalfSum(a, OneQ0));
        return Rescale(x, 1, 0);
    }

    /// <summary>(1 − a) / (1 + a) for a in [0, 1], Q0 in and out.</summary>
    public static int OneMinusXOverOnePlusX(int a)
    {
        var x = NewtonRaphsonReciprocal(RoundingHalfSum(a, OneQ0));
        return Rescale(unchecked(x - (1 << 29)), 2, 0);
    }

    /// <summary>The logistic function of a value with <paramref name="integerBits"/> integer bits; Q0 result.</summary>
    public static int Logistic(int a, int integerBits)
    {
        if (a == 0)
        {
            return 1 << 30;
        }

        var magnitude = a > 0 ? a : unchecked(-a);
        var positive = OneOverOnePlusX(ExpOnNegativeValues(unchecked(-magnitude), integerBits));
        return a > 0 ? positive : unchecked(OneQ0 - positive);
    }

    /// <summary>tanh of a value with <paramref name="integerBits"/> integer bits; Q0 result.</summary>
    public static int Tanh(int a, int integerBits)
    {
        if (a == 0)
        {
            return 0;
        }

        var negativeMagnitude = a < 0 ? a : unchecked(-a);
        var t = OneMinusXOverOnePlusX(ExpOnNegativeValues(negativeMagnitude, integerBits + 1));
        return a < 0 ? unchecked(-t) : t;
    }

    /// <summary>TFLite's GetReciprocal: 1/x for x with <paramref name="integerDigits"/> integer bits, as a Q0 scale and a shift.</summary>
    public static (int Scale, int BitsOverUnit) GetReciprocal(int x, int integerDigits)
    {
        var headroomPlusOne = System.Numerics.BitOperations.LeadingZeroCount((uint)x);
        var shiftedSumMinusOne = unchecked((int)(((uint)x << headroomPlusOne) - (1u << 31)));
        return (OneOverOnePlusX(shiftedSumMinusOne), integerDigits - headroomPlusOne);
    }

    /// <summary>Newton–Raphson for 1 / (2·halfDenominator) in Q2 (three iterations from 48/17 − 32/17·d).</summary>
    private static int NewtonRaphsonReciprocal(int halfDenominator)
    {
        const int constant48Over17 = 1515870810;
        const int constantNeg32Over17 = -1010580540;
        var x = unchecked(constant48Over17 + Mul(halfDenominator, constantNeg32Over17));
        for (var i = 0; i < 3; i++)
        {
            var halfDenominatorTimesX = Mul(halfDenominator, x);
            var oneMinus = unchecked((1 << 29) - halfDenominatorTimesX);
            x = unchecked(x + Rescale(Mul(x, oneMinus), 4, 2));
        }

        return x;
    }
}
