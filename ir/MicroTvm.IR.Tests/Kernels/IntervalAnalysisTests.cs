using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Tests.Kernels;

public sealed class IntervalAnalysisTests
{
    private static readonly Var I = I32Var("i");
    private static readonly Var J = I32Var("j");
    private static readonly Dictionary<string, Interval> Ranges = new() { ["i"] = new(0, 3), ["j"] = new(0, 7) };

    public static TheoryData<Expr, long, long> Cases() => new()
    {
        { Add(Mul(I, I32(8)), J), 0, 31 },
        { Sub(I32(10), Mul(I, I32(3))), 1, 10 },
        { Sub(Add(Mul(I, I32(4)), J), Mul(I, I32(4))), 0, 7 },
        { Shl(I, I32(2)), 0, 12 },
        { Div(Sub(J, I32(3)), I32(2)), -1, 2 },
        { Div(I32(100), Add(I, I32(1))), 25, 100 },
        { Rem(Sub(J, I32(3)), I32(4)), -3, 3 },
        { Rem(J, I32(3)), 0, 2 },
        { Min(J, I32(5)), 0, 5 },
        { Max(Sub(I, I32(2)), I32(0)), 0, 1 },
        { Shr(Sub(J, I32(4)), I32(1)), -2, 1 },
        { BitAnd(Sub(J, I32(100)), I32(5)), 0, 5 },
        { BitOr(I, J), 0, 7 },
        { new Select(Lt(I, J), I, Add(J, I32(10))), 0, 17 },
        { CastTo(ElementType.I32, new Load(new KernelBuffer("b", ElementType.U8, 4, BufferRole.Input), I)), 0, 255 },
        { CastTo(ElementType.I8, Mul(J, I32(100))), -128, 127 },
        { CastTo(ElementType.I8, Mul(J, I32(10))), 0, 70 },
        { SaturateTo(ElementType.I8, Mul(J, I32(100))), 0, 127 },
        { Lt(I, J), 0, 1 },
        { Lt(I, Add(J, I32(10))), 1, 1 },
        { Ge(CastTo(ElementType.I32, Imm(5, ElementType.U8)), I32(-1)), 1, 1 },
        { new Select(Bool(false), I, Add(J, I32(10))), 10, 17 },
        { BitXor(I32(12), I32(10)), 6, 6 },
        { I32Var("local"), int.MinValue, int.MaxValue },
        { Mul(Add(I32Var("local"), I32(1)), I32(2)), int.MinValue, int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BoundsAreSoundAndTight(Expr expression, long min, long max) =>
        Assert.Equal(new Interval(min, max), IntervalAnalysis.Bounds(expression, Ranges));

    [Fact]
    public void AffineFormsCancelAndScale()
    {
        var form = AffineForm.TryCreate(Sub(Add(Mul(I32(3), I), Shl(J, I32(1))), Add(I, I32(5))))!;
        Assert.Equal(-5, form.Constant);
        Assert.Equal([new("i", 2L), new("j", 2L)], form.Coefficients.ToArray());
        Assert.Equal(new Interval(-5, 15), form.Bounds(Ranges, ElementType.I32));
        Assert.Null(form.Bounds(new Dictionary<string, Interval>(), ElementType.I32));
        Assert.Null(AffineForm.TryCreate(Mul(I, J)));
        Assert.Null(AffineForm.TryCreate(Mul(Mul(I, I64(long.MaxValue)), I64(4))));
    }

    [Theory]
    [InlineData(BinaryOp.Lt, 0, 3, 4, 9, true)]
    [InlineData(BinaryOp.Lt, 4, 9, 0, 4, false)]
    [InlineData(BinaryOp.Lt, 0, 4, 4, 9, null)]
    [InlineData(BinaryOp.Le, 0, 4, 4, 9, true)]
    [InlineData(BinaryOp.Gt, 0, 4, 4, 9, false)]
    [InlineData(BinaryOp.Ge, 5, 9, 0, 5, true)]
    [InlineData(BinaryOp.Eq, 3, 3, 3, 3, true)]
    [InlineData(BinaryOp.Eq, 0, 2, 3, 3, false)]
    [InlineData(BinaryOp.Ne, 0, 2, 3, 3, true)]
    [InlineData(BinaryOp.Ne, 0, 3, 3, 3, null)]
    public void DecidesComparisonsOfDisjointIntervals(BinaryOp op, long aMin, long aMax, long bMin, long bMax, bool? expected) =>
        Assert.Equal(expected, IntervalAnalysis.Decide(op, new Interval(aMin, aMax), new Interval(bMin, bMax)));

    [Fact]
    public void FloatExpressionsHaveNoIntervals() =>
        Assert.Throws<ArgumentException>(() => IntervalAnalysis.Bounds(F32(1), Ranges));
}
