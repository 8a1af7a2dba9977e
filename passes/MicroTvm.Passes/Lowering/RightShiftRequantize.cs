using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// TFLite's MultiplyByQuantizedMultiplier(x, m, −r) for an i32 x, m in (0, 2³¹) and a right
/// shift r ≥ 1, in one rounding step of i64 arithmetic instead of the requantize intrinsic's two:
/// <code>
///   SRDHM(x, m)        = floor((x·m + 2³⁰) / 2³¹)                    (gemmlowp's nudge, for every x when m ≠ INT32_MIN)
///   RDBPOT(y, r)       = floor((y + 2^(r−1) − [y &lt; 0]) / 2^r)         (ties away from zero)
///   floor((floor(a/D) + c) / E) = floor((a + c·D) / (D·E))              (integers c, D, E > 0)
///   ⇒ result           = floor((x·m + 2³⁰ + 2^(30+r) − [x &lt; 0]·2³¹) / 2^(31+r))
/// </code>
/// ([y &lt; 0] may be read as [x &lt; 0]: they differ only for −2³⁰ ≤ x·m &lt; 0, where both numerators
/// floor to 0 when r ≥ 1.) The division is a shift by 32 and then by r − 1, and the multiple of
/// 2³² in 2^(30+r) (r ≥ 2) is added after the first shift, where it is exact:
/// <code>
///   cast&lt;i32&gt;((cast&lt;i64&gt;(x)·m + L + cast&lt;i64&gt;(x &amp; INT32_MIN)) &gt;&gt; 32) + H) &gt;&gt; (r − 1)
///   L = 2³⁰, H = 2^(r−2) when r ≥ 2;   L = 3·2³⁰, H = 0 when r = 1
/// </code>
/// (x &amp; INT32_MIN is −2³¹ exactly when x &lt; 0: no branch.) |x·m| &lt; 2⁶², so nothing overflows, and
/// every constant is small. On a Cortex-M that is a SMULL, a 64-bit add, an add and a shift,
/// where the intrinsic's helper branches on the shift and the saturation case.
/// </summary>
internal static class RightShiftRequantize
{
    public static bool Applies(IReadOnlyList<long> multipliers, IReadOnlyList<long> shifts) =>
        multipliers.All(m => m is > 0 and <= int.MaxValue) && shifts.All(s => s is <= -1 and >= -31);

    public static Func<Expr, Expr, Expr> Create(GroupLowerer lowerer, IReadOnlyList<long> multipliers, IReadOnlyList<long> shifts)
    {
        var m = lowerer.PerChannelTable("multipliers", multipliers);
        var low = lowerer.PerChannelTable("rounding_low", shifts.Select(s => Terms(-(int)s).Low).ToArray(), ElementType.I64);
        var high = lowerer.PerChannelTable("rounding", shifts.Select(s => Terms(-(int)s).High).ToArray());
        var shift = lowerer.PerChannelTable("shifts", shifts.Select(s => -s - 1).ToArray());
        return (x, channel) => Expression(x, m(channel), low(channel), high(channel), shift(channel));
    }

    /// <summary>The kernel IR of one requantization: x, multiplier, high and shift r − 1 are i32; low is i64.</summary>
    public static Expr Expression(Expr x, Expr multiplier, Expr low, Expr high, Expr shiftMinusOne)
    {
        var product = Mul(CastTo(ElementType.I64, x), CastTo(ElementType.I64, multiplier));
        var sum = Add(Add(product, low), CastTo(ElementType.I64, BitAnd(x, I32(int.MinValue))));
        var upper = CastTo(ElementType.I32, Shr(sum, I64(32)));
        return Shr(high is IntImm { Value: 0 } ? upper : Add(upper, high), shiftMinusOne);
    }

    /// <summary>L and H of a right shift r (see the summary).</summary>
    public static (long Low, long High) Terms(int rightShift) =>
        rightShift == 1 ? (3L << 30, 0) : (1L << 30, 1L << (rightShift - 2));
}
