using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Tests.Kernels;

public sealed class KernelPrinterTests
{
    [Fact]
    public void PrintsAWholeKernel()
    {
        const string expected = """
            kernel @dense(in x: i8[8], const w: i8[24] align 16, const bias: i32[3], out y: i8[3]) {
              for u in 0..3 {
                var acc: i32 = bias[u]
                for i in 0..8 unroll {
                  acc = acc + (cast<i32>(x[i]) + 128) * cast<i32>(w[u * 8 + i])
                }
                y[u] = saturate<i8>(requantize(acc, 1518500250, -7) - 128)
              }
            }

            """;
        Assert.Equal(expected, SampleKernels.Dense().ToString());
    }

    [Fact]
    public void PrintsBranchesNestedBlocksAndEveryExpressionForm()
    {
        var t = new KernelBuffer("t", ElementType.F32, 4, BufferRole.Workspace);
        var f = new Var("f", ElementType.F32);
        var i = I32Var("i");
        var kernel = new KernelFunction("k.1", [t], Loop(i, 4, new If(
            Or(Lt(i, I32(2)), new Not(Eq(i, I32(3)))),
            Seq(
                new Declare(f, CastTo(ElementType.F32, Shl(BitAnd(i, I32(1)), I32(2)))),
                Seq(new Assign(f, Max(F32(-0f), Div(f, F32(2.5f))))),
                new Store(t, i, new Select(Ge(f, F32(1e20f)), CallIntrinsic(Intrinsic.RoundHalfEven, f), F32(float.NegativeInfinity)))),
            new Store(t, Sub(I32(3), Sub(i, I32(-1))), F32(float.NaN)))));
        const string expected = """
            kernel @k.1(workspace t: f32[4]) {
              for i in 0..4 {
                if (i < 2) || !(i == 3) {
                  var f: f32 = cast<f32>((i & 1) << 2)
                  {
                    f = max(-0.0, f / 2.5)
                  }
                  t[i] = select(f >= 1E+20, round_half_even(f), -inf)
                } else {
                  t[3 - (i - (-1))] = nan
                }
              }
            }

            """;
        Assert.Equal(expected, kernel.ToString());
    }

    [Theory]
    [InlineData(5L, ElementType.I32, "5")]
    [InlineData(-5L, ElementType.I8, "-5:i8")]
    [InlineData(200L, ElementType.U8, "200:u8")]
    [InlineData(1L, ElementType.I64, "1:i64")]
    [InlineData(1L, ElementType.Bool, "true")]
    [InlineData(0L, ElementType.Bool, "false")]
    public void PrintsImmediatesWithTheirTypeUnlessI32(long value, ElementType type, string expected) =>
        Assert.Equal(expected, Imm(value, type).ToString());

    [Theory]
    [InlineData(1f, "1.0")]
    [InlineData(0.1f, "0.1")]
    [InlineData(-3.5f, "-3.5")]
    [InlineData(float.PositiveInfinity, "inf")]
    public void PrintsFloatsSoTheyReadBackExactly(float value, string expected) =>
        Assert.Equal(expected, F32(value).ToString());

    [Fact]
    public void ParenthesisesOnlyWhereArithmeticNeedsIt()
    {
        var (a, b, c) = (I32Var("a"), I32Var("b"), I32Var("c"));
        Assert.Equal("a - (b + c)", Sub(a, Add(b, c)).ToString());
        Assert.Equal("a + b - c", Sub(Add(a, b), c).ToString());
        Assert.Equal("a * (b + c)", Mul(a, Add(b, c)).ToString());
        Assert.Equal("a * b + c / 2", Add(Mul(a, b), Div(c, I32(2))).ToString());
        Assert.Equal("a / (b * c)", Div(a, Mul(b, c)).ToString());
        Assert.Equal("(a + b) >> 1", Shr(Add(a, b), I32(1)).ToString());
        Assert.Equal("a + b < c", Lt(Add(a, b), c).ToString());
        Assert.Equal("(a < b) == (b < c)", Eq(Lt(a, b), Lt(b, c)).ToString());
        Assert.Equal("min(a, b) * 2", Mul(Min(a, b), I32(2)).ToString());
    }
}
