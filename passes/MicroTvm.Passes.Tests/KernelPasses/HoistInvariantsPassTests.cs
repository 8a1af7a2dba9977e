using static MicroTvm.Passes.Tests.KernelPasses.KernelText;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>What hoist-invariants moves, where to, and what it must leave inside a guard or a loop.</summary>
public sealed class HoistInvariantsPassTests
{
    private static readonly Dictionary<string, byte[]> Buffers = new()
    {
        ["x"] = I32s(3, 0, 4, 1),
        ["d"] = I32s(0, 0, 0, 0),
        ["f"] = F32s(1e20f, float.NaN, 2.5f, -1f),
        ["b"] = [0, 7, 1, 0],
        ["y"] = new byte[64],
    };

    private const string Parameters = "in x: i32[4], in d: i32[4], in f: f32[4], in b: bool[4], out y: i32[16]";

    [Theory]
    [InlineData("x[i]")]
    [InlineData("cast<i32>(b[i])")]
    [InlineData("x[i] / d[i]")]
    [InlineData("7 / d[0]")]
    [InlineData("cast<i32>(f[i])")]
    [InlineData("x[i] * x[i]")]
    [InlineData("rounding_divide_by_pot(5, x[0])")]
    public void DoesNotMoveWhatCouldBeUndefinedOutOfAGuard(string invariant)
    {
        // The guard never holds, so the original never evaluates the invariant: d is zero, f does
        // not fit i32, b holds a byte that is no bool, x[1] is no shift amount.
        var kernel = Parse($$"""
            kernel @k({{Parameters}}) {
              for i in 0..4 {
                for j in 0..4 {
                  if j > 5 {
                    y[i * 4 + j] = {{invariant}} + j
                  }
                }
              }
            }
            """);
        var pass = new HoistInvariantsPass();
        var hoisted = pass.Hoist(kernel);
        Assert.DoesNotContain(Body(hoisted), line => line.Contains(invariant, StringComparison.Ordinal) && line.StartsWith("var ", StringComparison.Ordinal));
        Assert.True(pass.NumKeptGuarded.Value > 0);
        Assert.Null(KernelEquivalence.Check(kernel, hoisted, Buffers));
    }

    [Fact]
    public void MovesWhatIsDefinedForEveryValueOutOfAGuard()
    {
        var kernel = Parse($$"""
            kernel @k({{Parameters}}) {
              for i in 0..4 {
                for j in 0..4 {
                  if j > 5 {
                    y[i * 4 + j] = j + max(i * 3, i / 2) + cast<i32>(f[j] * 2.0 > 1.0)
                  }
                }
              }
            }
            """);
        var hoisted = new HoistInvariantsPass().Hoist(kernel);
        AssertRewrite(kernel, hoisted, [
            "for i in 0..4 {",
            "var inv: i32 = i * 4",
            "var inv_0: i32 = max(i * 3, i / 2)",
            "for j in 0..4 {",
            "if j > 5 {",
            "y[inv + j] = j + inv_0 + cast<i32>(f[j] * 2.0 > 1.0)",
            "}",
            "}",
            "}",
        ], Buffers);
    }

    [Fact]
    public void MovesUnguardedLoadsAndDivisions()
    {
        var kernel = Parse($$"""
            kernel @k({{Parameters}}) {
              for i in 0..4 {
                for j in 0..4 {
                  y[i * 4 + j] = x[i] / (x[2] + 1) + j
                }
              }
            }
            """);
        var pass = new HoistInvariantsPass();
        AssertRewrite(kernel, pass.Hoist(kernel), [
            "var inv_0: i32 = x[2] + 1",
            "for i in 0..4 {",
            "var inv: i32 = i * 4",
            "var inv_1: i32 = x[i] / inv_0",
            "for j in 0..4 {",
            "y[inv + j] = inv_1 + j",
            "}",
            "}",
        ], Buffers);
        Assert.Equal(3, pass.NumHoisted.Value);
    }

    [Fact]
    public void KeepsWhatDependsOnTheLoop()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[4], workspace t: i32[4], out y: i32[4]) {
              var s: i32 = x[0]
              for i in 0..4 {
                y[i] = s * 3
                s = s + 1
                t[i] = t[0] * 5
                var v: i32 = x[i]
                y[i] = y[i] + v * 7
              }
            }
            """);
        Assert.Same(kernel, new HoistInvariantsPass().Hoist(kernel));
    }

    [Fact]
    public void LeavesConstantsVariablesAndTheirCastsAlone()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[4], out y: i64[4]) {
              var s: i32 = x[0]
              for i in 0..4 {
                y[i] = cast<i64>(s) + cast<i64>(i) + 5:i64
              }
            }
            """);
        Assert.Same(kernel, new HoistInvariantsPass().Hoist(kernel));
    }

    [Fact]
    public void EqualExpressionsShareOneLocal()
    {
        var kernel = Parse($$"""
            kernel @k({{Parameters}}) {
              for i in 0..4 {
                for j in 0..2 {
                  y[i * 4 + j] = x[i] * 3 + j
                  y[i * 4 + j + 2] = x[i] * 3 - j
                }
              }
            }
            """);
        var pass = new HoistInvariantsPass();
        var hoisted = pass.Hoist(kernel);
        Assert.Equal(2, pass.NumHoisted.Value);
        Assert.Equal(2, pass.NumReused.Value);
        Assert.Null(KernelEquivalence.Check(kernel, hoisted, Buffers));
    }

    [Fact]
    public void HoistedNamesAvoidEveryNameInTheKernel()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[4], out inv: i32[4]) {
              for i in 0..2 {
                var inv_0: i32 = i
                for j in 0..2 {
                  inv[i * 2 + j] = x[i] * 3 + inv_0 + j
                }
              }
            }
            """);
        var hoisted = new HoistInvariantsPass().Hoist(kernel);
        Assert.Contains("var inv_1: i32 = i * 2", Body(hoisted));
        Assert.Contains("var inv_2: i32 = x[i] * 3 + inv_0", Body(hoisted));
        Assert.Null(KernelEquivalence.Check(kernel, hoisted, new Dictionary<string, byte[]> { ["x"] = I32s(1, 2, 3, 4), ["inv"] = new byte[16] }));
    }
}
