using MicroTvm.IR.Interpretation;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class FixedPointTests
{
    [Theory]
    [InlineData(0.5, 1 << 30, 0)]
    [InlineData(1.0, 1 << 30, 1)]
    [InlineData(0.75, 1610612736, 0)]
    [InlineData(0.0, 0, 0)]
    [InlineData(1e-12, 0, 0)]
    public void QuantizeMultiplierIsTflites(double real, int multiplier, int shift) =>
        Assert.Equal((multiplier, shift), FixedPoint.QuantizeMultiplier(real));

    [Fact]
    public void ASignificandThatRoundsUpTo2Pow31IsHalved() =>
        Assert.Equal((1 << 30, 1), FixedPoint.QuantizeMultiplier(1 - Math.Pow(2, -40)));

    [Theory]
    [InlineData(5, 1, 3)]
    [InlineData(-5, 1, -3)]
    [InlineData(3, 1, 2)]
    [InlineData(-3, 1, -2)]
    [InlineData(4, 2, 1)]
    [InlineData(6, 2, 2)]
    [InlineData(-6, 2, -2)]
    public void RoundingDivideByPotRoundsTiesAwayFromZero(int x, int exponent, int expected) =>
        Assert.Equal(expected, FixedPoint.RoundingDivideByPot(x, exponent));

    [Fact]
    public void SaturatingRoundingDoublingHighMulSaturatesTheOnlyOverflow()
    {
        Assert.Equal(int.MaxValue, FixedPoint.SaturatingRoundingDoublingHighMul(int.MinValue, int.MinValue));
        Assert.Equal(2, FixedPoint.SaturatingRoundingDoublingHighMul(3, 1 << 30));
        Assert.Equal(-2, FixedPoint.SaturatingRoundingDoublingHighMul(-5, 1 << 30));
    }

    [Fact]
    public void The64BitMultiplierUsesAReduced16BitSignificand() =>
        Assert.Equal(1498, FixedPoint.MultiplyByQuantizedMultiplier(2995L, 1 << 30, 0));

    [Fact]
    public void GemmlowpExpAndReciprocalAreAccurate()
    {
        for (var x = -8.0; x <= 0; x += 0.37)
        {
            var raw = (int)Math.Round(x * (1 << 26));
            var exp = Gemmlowp.ExpOnNegativeValues(raw, 5) / Math.Pow(2, 31);
            Assert.True(Math.Abs(exp - Math.Exp(x)) < 1e-6, $"exp({x}) = {exp}");
        }

        Assert.Equal(int.MaxValue, Gemmlowp.ExpOnNegativeValues(0, 5));
        var half = Gemmlowp.OneOverOnePlusX(int.MaxValue) / Math.Pow(2, 31);
        Assert.True(Math.Abs(half - 0.5) < 1e-8);
    }
}
