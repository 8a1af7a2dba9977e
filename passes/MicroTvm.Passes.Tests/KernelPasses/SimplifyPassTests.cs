using MicroTvm.IR.Kernels;
using static MicroTvm.Passes.Tests.KernelPasses.KernelText;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>Each rule of simplify on a small kernel, and each case it must leave alone.</summary>
public sealed class SimplifyPassTests
{
    [Theory]
    [InlineData("-7 / 2", "-3")]
    [InlineData("-7 % 2", "-1")]
    [InlineData("7 % (-2)", "1")]
    [InlineData("cast<i32>(cast<i8>(200))", "-56")]
    [InlineData("cast<i32>(cast<u8>(-1))", "255")]
    [InlineData("cast<i32>(2.9)", "2")]
    [InlineData("cast<i32>(-2.9)", "-2")]
    [InlineData("cast<i32>(saturate<i8>(-1000))", "-128")]
    [InlineData("cast<i32>(-5:i64 >> 1:i64)", "-3")]
    [InlineData("rounding_divide_by_pot(-5, 1)", "-3")]
    [InlineData("saturating_rounding_doubling_high_mul(-2147483648, -2147483648)", "2147483647")]
    [InlineData("requantize(100, 1073741824, 1)", "100")]
    [InlineData("cast<i32>(cast<bool>(-3))", "1")]
    [InlineData("max(3, -4) + min(3, -4)", "-1")]
    [InlineData("select(2 > 1, 10, 20)", "10")]
    public void FoldsIntegersAsTheEvaluatorComputes(string expression, string value)
    {
        var kernel = Parse($"kernel @k(out y: i32[1]) {{\n  y[0] = {expression}\n}}");
        var folded = new SimplifyPass().Simplify(kernel);
        AssertRewrite(kernel, folded, [$"y[0] = {value}"], new Dictionary<string, byte[]> { ["y"] = new byte[4] });
    }

    [Theory]
    [InlineData("cast<f32>(16777217)", "16777216.0")]
    [InlineData("floor(-0.5)", "-1.0")]
    [InlineData("round_half_even(-0.4)", "-0.0")]
    [InlineData("round_half_away(2.5)", "3.0")]
    [InlineData("round_half_even(2.5)", "2.0")]
    [InlineData("1.0 / 3.0", "0.33333334")]
    [InlineData("0.0 / 0.0", "nan")]
    public void FoldsClosedFloatsBitExactly(string expression, string value)
    {
        var kernel = Parse($"kernel @k(out y: f32[1]) {{\n  y[0] = {expression}\n}}");
        var folded = new SimplifyPass().Simplify(kernel);
        AssertRewrite(kernel, folded, [$"y[0] = {value}"], new Dictionary<string, byte[]> { ["y"] = new byte[4] });
    }

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("-2147483648 / (-1)")]
    [InlineData("1 << 40")]
    [InlineData("-1 << 1")]
    [InlineData("2147483647 * 2")]
    [InlineData("cast<i32>(3000000000.0)")]
    [InlineData("rounding_divide_by_pot(5, 32)")]
    public void LeavesUndefinedConstantExpressionsToTheEvaluator(string expression)
    {
        var kernel = Parse($"kernel @k(out y: i32[1]) {{\n  y[0] = {expression}\n}}");
        var pass = new SimplifyPass();
        Assert.Same(kernel, pass.Simplify(kernel));
        Assert.Equal(0, pass.NumFolded.Value);
    }

    [Theory]
    [InlineData("exp(1.0)")]
    [InlineData("log(2.0)")]
    [InlineData("tanh(0.5)")]
    public void LeavesLibmFunctionsToTheTarget(string expression)
    {
        var kernel = Parse($"kernel @k(out y: f32[1]) {{\n  y[0] = {expression}\n}}");
        Assert.Same(kernel, new SimplifyPass().Simplify(kernel));
    }

    [Theory]
    [InlineData("v + 0", "v")]
    [InlineData("0 + v", "v")]
    [InlineData("v - 0", "v")]
    [InlineData("v * 1", "v")]
    [InlineData("1 * v", "v")]
    [InlineData("v * 0", "0")]
    [InlineData("v - v", "0")]
    [InlineData("v / 1", "v")]
    [InlineData("v % 1", "0")]
    [InlineData("v & 0", "0")]
    [InlineData("v & (-1)", "v")]
    [InlineData("v | 0", "v")]
    [InlineData("v ^ v", "0")]
    [InlineData("v << 0", "v")]
    [InlineData("min(v, v)", "v")]
    [InlineData("select(v > 2, v, v)", "v")]
    [InlineData("select(true, v, 7)", "v")]
    [InlineData("cast<i32>(select(v == v, true, false))", "1")]
    [InlineData("cast<i32>(cast<i16>(cast<i8>(v)))", "cast<i32>(cast<i8>(v))")]
    [InlineData("cast<i32>(cast<i8>(cast<i32>(v)))", "cast<i32>(cast<i8>(v))")]
    [InlineData("cast<i32>(cast<i64>(v))", "v")]
    [InlineData("saturate<i32>(cast<i64>(v))", "v")]
    public void AppliesExactIntegerIdentities(string expression, string result)
    {
        var kernel = Parse($"kernel @k(in x: i32[1], out y: i32[1]) {{\n  var v: i32 = x[0]\n  y[0] = {expression}\n}}");
        var simplified = new SimplifyPass().Simplify(kernel);
        var expected = result.Contains('v', StringComparison.Ordinal) ? new[] { "var v: i32 = x[0]", $"y[0] = {result}" } : [$"y[0] = {result}"];
        AssertRewrite(kernel, simplified, expected, new Dictionary<string, byte[]> { ["x"] = I32s(-77), ["y"] = new byte[4] });
    }

    [Theory]
    [InlineData("max(0, min(i - 1, 7))", "max(0, i - 1)")]
    [InlineData("min(i, 7)", "i")]
    [InlineData("cast<i32>(i < 8)", "1")]
    [InlineData("cast<i32>(i + 1 > 0)", "1")]
    [InlineData("cast<i32>(saturate<i8>(i * 10))", "i * 10")]
    [InlineData("cast<i32>(saturate<i8>(i * 100))", "cast<i32>(saturate<i8>(i * 100))")]
    public void DecidesWhatTheLoopRangesDecide(string expression, string result)
    {
        var kernel = Parse($"kernel @k(out y: i32[8]) {{\n  for i in 0..8 {{\n    y[i] = {expression}\n  }}\n}}");
        var simplified = new SimplifyPass().Simplify(kernel);
        AssertRewrite(kernel, simplified, ["for i in 0..8 {", $"y[i] = {result}", "}"], new Dictionary<string, byte[]> { ["y"] = new byte[32] });
    }

    [Fact]
    public void StrengthReducesOnlyProvablyNonNegativeDividends()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[8], out y: i32[48]) {
              for i in 0..8 {
                y[i] = (i + 9) / 8
                y[i + 8] = (i + 9) % 8
                y[i + 16] = (i - 4) / 2
                y[i + 24] = (i - 4) % 2
                y[i + 32] = (i + 9) / (-8)
                y[i + 40] = x[i] % 8
              }
            }
            """);
        var pass = new SimplifyPass();
        var simplified = pass.Simplify(kernel);
        AssertRewrite(kernel, simplified, [
            "for i in 0..8 {",
            "y[i] = (i + 9) >> 3",
            "y[i + 8] = (i + 9) & 7",
            "y[i + 16] = (i - 4) / 2",
            "y[i + 24] = (i - 4) % 2",
            "y[i + 32] = (i + 9) / (-8)",
            "y[i + 40] = x[i] % 8",
            "}",
        ], new Dictionary<string, byte[]> { ["x"] = I32s(-9, -8, -1, 0, 1, 7, 8, 9), ["y"] = new byte[192] });
        Assert.Equal(2, pass.NumStrengthReduced.Value);
    }

    [Fact]
    public void CanonicalizesLinearIndicesWithOuterLoopsFirst()
    {
        var kernel = Parse("""
            kernel @k(in x: i8[64], out y: i8[64]) {
              for i in 0..4 {
                for j in 0..4 {
                  for c in 0..4 {
                    y[c + (j + i * 4) * 4] = x[((i * 4 + j) * 4 + c + 3) - 3 - j * 4 + j * 4]
                  }
                }
              }
            }
            """);
        var pass = new SimplifyPass();
        var simplified = pass.Simplify(kernel);
        Assert.Contains("y[i * 16 + j * 4 + c] = x[i * 16 + j * 4 + c]", Body(simplified));
        Assert.True(pass.NumCanonicalized.Value > 0);
        Assert.Null(KernelEquivalence.Check(kernel, simplified, new Dictionary<string, byte[]> { ["x"] = [.. Enumerable.Range(0, 64).Select(n => (byte)n)], ["y"] = new byte[64] }));
    }

    [Fact]
    public void DoesNotReassociateWhereAPartialSumCouldOverflow()
    {
        // a + 5 + b is defined for a = b = 2^30; a + b + 5 is not (as far as the ranges tell).
        var kernel = Parse("""
            kernel @k(in x: i32[2], out y: i32[1]) {
              y[0] = x[0] + 5 + x[1]
            }
            """);
        Assert.Same(kernel, new SimplifyPass().Simplify(kernel));
    }

    [Fact]
    public void NeverRewritesFloatArithmetic()
    {
        var kernel = Parse("""
            kernel @k(in x: f32[2], out y: f32[6]) {
              y[0] = x[0] + 1.0 + 2.0
              y[1] = x[0] * 1.0
              y[2] = x[0] + 0.0
              y[3] = x[0] - x[0]
              y[4] = min(x[0], x[0])
              y[5] = x[0] * 2.0 * 0.5
            }
            """);
        Assert.Same(kernel, new SimplifyPass().Simplify(kernel));
    }

    [Fact]
    public void FoldsSelectsOfFloatsWithAConstantCondition()
    {
        var kernel = Parse("""
            kernel @k(in x: f32[2], out y: f32[1]) {
              y[0] = select(1 < 2, x[0], x[1])
            }
            """);
        AssertRewrite(kernel, new SimplifyPass().Simplify(kernel), ["y[0] = x[0]"]);
    }

    [Fact]
    public void RemovesUnitLoopsConstantBranchesDeadLocalsAndEmptyStatements()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[4], out y: i32[4]) {
              var unused: i32 = x[0] * 2
              var acc: i32 = 0
              for c in 0..1 {
                acc = acc + x[c]
              }
              for i in 0..4 {
                if 3 > 4 {
                  y[i] = 1
                }
                if i < 4 {
                  y[i] = acc + i
                }
                for k in 0..2 {
                }
              }
            }
            """);
        var pass = new SimplifyPass();
        var simplified = pass.Simplify(kernel);
        AssertRewrite(kernel, simplified, ["var acc: i32 = 0", "acc = acc + x[0]", "for i in 0..4 {", "y[i] = acc + i", "}"],
            new Dictionary<string, byte[]> { ["x"] = I32s(5, 6, 7, 8), ["y"] = new byte[16] });
        Assert.Equal(1, pass.NumLoopsRemoved.Value);
        Assert.Equal(2, pass.NumBranchesFolded.Value);
        Assert.True(pass.NumDeadRemoved.Value >= 2);
        Assert.Equal(KernelCost.Nodes(Module(kernel)) - KernelCost.Nodes(Module(simplified)), pass.NumNodesRemoved.Value);
    }

    [Fact]
    public void ALocalReadOnlyByItsOwnAssignmentsIsDead()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[4], out y: i32[4]) {
              var count: i32 = 0
              for i in 0..4 {
                count = count + 1
                y[i] = x[i]
              }
            }
            """);
        AssertRewrite(kernel, new SimplifyPass().Simplify(kernel), ["for i in 0..4 {", "y[i] = x[i]", "}"]);
    }

    [Fact]
    public void AnIfWithOnlyAnElseBranchTestsTheInverse()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[1], out y: i32[1]) {
              if x[0] < 3 {
                {
                }
              } else {
                y[0] = 1
              }
            }
            """);
        AssertRewrite(kernel, new SimplifyPass().Simplify(kernel), ["if x[0] >= 3 {", "y[0] = 1", "}"]);
    }

    [Fact]
    public void AFloatComparisonIsNegatedNotInverted()
    {
        // !(a < b) is not a >= b when either is NaN.
        var kernel = Parse("""
            kernel @k(in x: f32[1], out y: i32[1]) {
              if x[0] < 3.0 {
                {
                }
              } else {
                y[0] = 1
              }
            }
            """);
        AssertRewrite(kernel, new SimplifyPass().Simplify(kernel), ["if !(x[0] < 3.0) {", "y[0] = 1", "}"],
            new Dictionary<string, byte[]> { ["x"] = F32s(float.NaN), ["y"] = new byte[4] });
    }

    [Fact]
    public void LeavesASimplifiedKernelAsItIs()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[8], out y: i32[8]) {
              for i in 0..8 {
                y[i] = x[i] * 3 + i
              }
            }
            """);
        Assert.Same(kernel, new SimplifyPass().Simplify(kernel));
    }

    private static Module Module(KernelFunction kernel) => new Module([]).WithKernels([kernel]);
}
