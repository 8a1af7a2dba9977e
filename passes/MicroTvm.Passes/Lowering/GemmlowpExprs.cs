using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// gemmlowp's fixed-point functions (fixedpoint.h) as kernel IR, bit-exact with the
/// interpreter's Gemmlowp: raw i32 values with a number of integer bits. The originals' wrapping
/// additions become i64 additions cast back to i32 (a cast wraps; i32 overflow would be
/// undefined), and saturating left shifts clamp before multiplying, so no operand of a select
/// can overflow either.
/// </summary>
internal sealed class GemmlowpExprs(KernelBuilder builder)
{
    public const int OneQ0 = int.MaxValue;

    public static Expr WrapAdd(Expr a, Expr b) => CastTo(ElementType.I32, Add(CastTo(ElementType.I64, a), CastTo(ElementType.I64, b)));

    public static Expr WrapSub(Expr a, Expr b) => CastTo(ElementType.I32, Sub(CastTo(ElementType.I64, a), CastTo(ElementType.I64, b)));

    public static Expr Mul(Expr a, Expr b) => CallIntrinsic(Intrinsic.SaturatingRoundingDoublingHighMul, a, b);

    public static Expr SaturatingRoundingMultiplyByPot(Expr x, int exponent)
    {
        if (exponent == 0)
        {
            return x;
        }

        if (exponent < 0)
        {
            return CallIntrinsic(Intrinsic.RoundingDivideByPot, x, I32(-exponent));
        }

        var threshold = (1 << (31 - exponent)) - 1;
        var shifted = KernelSyntax.Mul(Clamp(x, I32(-threshold), I32(threshold)), I32(1 << exponent));
        return new Select(Gt(x, I32(threshold)), I32(int.MaxValue), new Select(Lt(x, I32(-threshold)), I32(int.MinValue), shifted));
    }

    public static Expr Rescale(Expr raw, int sourceIntegerBits, int destinationIntegerBits) =>
        SaturatingRoundingMultiplyByPot(raw, sourceIntegerBits - destinationIntegerBits);

    public static Expr RoundingHalfSum(Expr a, Expr b)
    {
        var sum = Add(CastTo(ElementType.I64, a), CastTo(ElementType.I64, b));
        return CastTo(ElementType.I32, Div(Add(sum, new Select(Ge(sum, I64(0)), I64(1), I64(-1))), I64(2)));
    }

    public Expr ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(Expr a)
    {
        const int constantTerm = 1895147668;
        const int oneThird = 715827883;
        var x = builder.Bind("x", WrapAdd(a, I32(1 << 28)));
        var x2 = builder.Bind("x2", Mul(x, x));
        var x3 = builder.Bind("x3", Mul(x2, x));
        var x4 = builder.Bind("x4", Mul(x2, x2));
        var x4Over4 = SaturatingRoundingMultiplyByPot(x4, -2);
        var polynomial = builder.Bind("poly", SaturatingRoundingMultiplyByPot(WrapAdd(Mul(WrapAdd(x4Over4, x3), I32(oneThird)), x2), -1));
        return WrapAdd(I32(constantTerm), Mul(I32(constantTerm), WrapAdd(x, polynomial)));
    }

    public Expr ExpOnNegativeValues(Expr a, int integerBits)
    {
        var fractionalBits = 31 - integerBits;
        var oneQuarter = 1 << (fractionalBits - 2);
        var aModQuarterMinusOneQuarter = builder.Bind("a_mod", WrapSub(BitAnd(a, I32(oneQuarter - 1)), I32(oneQuarter)));
        var result = builder.Local("exp", ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(Rescale(aModQuarterMinusOneQuarter, integerBits, 0)));
        var remainder = builder.Bind("remainder", WrapSub(aModQuarterMinusOneQuarter, a));
        ReadOnlySpan<int> multipliers = [1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242];
        for (var exponent = -2; exponent <= 4; exponent++)
        {
            if (integerBits > exponent)
            {
                var bit = BitAnd(remainder, I32(1 << (fractionalBits + exponent)));
                builder.Emit(new Assign(result, new Select(Ne(bit, I32(0)), Mul(result, I32(multipliers[exponent + 2])), result)));
            }
        }

        Expr value = result;
        if (integerBits > 5)
        {
            value = new Select(Lt(a, I32(-(1 << (36 - integerBits)))), I32(0), value);
        }

        return new Select(Eq(a, I32(0)), I32(OneQ0), value);
    }

    public Expr OneOverOnePlusX(Expr a) => Rescale(NewtonRaphsonReciprocal(RoundingHalfSum(a, I32(OneQ0))), 1, 0);

    public Expr OneMinusXOverOnePlusX(Expr a) => Rescale(WrapSub(NewtonRaphsonReciprocal(RoundingHalfSum(a, I32(OneQ0))), I32(1 << 29)), 2, 0);

    /// <summary>gemmlowp's logistic of a raw value with <paramref name="integerBits"/> integer bits: a Q0 result (½ at 0, 1 − σ(|a|) below 0).</summary>
    public Expr Logistic(Expr a, int integerBits)
    {
        var magnitude = builder.Bind("magnitude", new Select(Gt(a, I32(0)), a, WrapSub(I32(0), a)));
        var positive = builder.Bind("logistic", OneOverOnePlusX(ExpOnNegativeValues(WrapSub(I32(0), magnitude), integerBits)));
        return new Select(Eq(a, I32(0)), I32(1 << 30), new Select(Gt(a, I32(0)), positive, WrapSub(I32(OneQ0), positive)));
    }

    /// <summary>gemmlowp's tanh of a raw value with <paramref name="integerBits"/> integer bits: (1 − e^−2|a|) / (1 + e^−2|a|), signed.</summary>
    public Expr Tanh(Expr a, int integerBits)
    {
        var negativeMagnitude = builder.Bind("negative_magnitude", new Select(Lt(a, I32(0)), a, WrapSub(I32(0), a)));
        var t = builder.Bind("tanh", OneMinusXOverOnePlusX(ExpOnNegativeValues(negativeMagnitude, integerBits + 1)));
        return new Select(Eq(a, I32(0)), I32(0), new Select(Lt(a, I32(0)), WrapSub(I32(0), t), t));
    }

    /// <summary>TFLite's GetReciprocal of a positive x: (1/(1 + shifted − 1) in Q0, x's integer digits − headroom − 1).</summary>
    public (Expr Scale, Expr BitsOverUnit) GetReciprocal(Expr x, int integerDigits)
    {
        var bitLength = builder.Local("bit_length", I32(0));
        builder.Loop("bit", 31, t => builder.Emit(new Assign(bitLength, Add(bitLength, new Select(Ne(Shr(x, t), I32(0)), I32(1), I32(0))))));
        var headroomPlusOne = builder.Bind("headroom", Sub(I32(32), bitLength));
        var shifted = Shl(CastTo(ElementType.I64, x), CastTo(ElementType.I64, headroomPlusOne));
        var shiftedSumMinusOne = builder.Bind("shifted_sum", CastTo(ElementType.I32, Sub(shifted, I64(1L << 31))));
        return (builder.Bind("reciprocal", OneOverOnePlusX(shiftedSumMinusOne)), Sub(I32(integerDigits), headroomPlusOne));
    }

    private Expr NewtonRaphsonReciprocal(Expr halfDenominator)
    {
        const int constant48Over17 = 1515870810;
        const int constantNeg32Over17 = -1010580540;
        var d = builder.Bind("half_denominator", halfDenominator);
        var x = builder.Local("reciprocal_estimate", WrapAdd(I32(constant48Over17), Mul(d, I32(constantNeg32Over17))));
        for (var i = 0; i < 3; i++)
        {
            var oneMinus = WrapSub(I32(1 << 29), Mul(d, x));
            builder.Emit(new Assign(x, WrapAdd(x, Rescale(Mul(x, oneMinus), 4, 2))));
        }

        return x;
    }
}
