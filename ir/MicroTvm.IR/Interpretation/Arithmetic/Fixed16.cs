namespace MicroTvm.IR.Interpretation;

/// <summary>The int16 fixed-point helpers of TFLite's reference hard_swish (gemmlowp int16 overloads).</summary>
internal static class Fixed16
{
    public static short DownScaleMultiplier(int multiplier)
    {
        const int roundingOffset = 1 << 15;
        return multiplier >= int.MaxValue - roundingOffset ? short.MaxValue : (short)((multiplier + roundingOffset) >> 16);
    }

    public static short SaturatingRoundingDoublingHighMul(short a, short b)
    {
        if (a == b && a == short.MinValue)
        {
            return short.MaxValue;
        }

        var product = a * b;
        var nudge = product >= 0 ? 1 << 14 : 1 - (1 << 14);
        return unchecked((short)((product + nudge) / (1 << 15)));
    }

    public static short SaturatingDoublingHighMul(short a, short b)
    {
        if (a == b && a == short.MinValue)
        {
            return short.MaxValue;
        }

        return unchecked((short)(a * b / (1 << 15)));
    }

    public static short SaturatingLeftShift(short value, int amount) =>
        (short)Math.Clamp(value * (1 << amount), short.MinValue, short.MaxValue);

    public static short RoundingDivideByPot(short x, int exponent)
    {
        var mask = (short)((1 << exponent) - 1);
        var remainder = (short)(x & mask);
        var threshold = (short)((mask >> 1) + (x < 0 ? 1 : 0));
        return unchecked((short)((x >> exponent) + (remainder > threshold ? 1 : 0)));
    }
}
