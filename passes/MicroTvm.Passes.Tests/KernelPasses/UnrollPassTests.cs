using static MicroTvm.Passes.Tests.KernelPasses.KernelText;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>unroll's limits, its renaming of locals, and its order (innermost first).</summary>
public sealed class UnrollPassTests
{
    private static readonly Dictionary<string, byte[]> Buffers = new()
    {
        ["x"] = I32s(3, -1, 4, 1, -5, 9, 2, -6),
        ["y"] = new byte[64],
    };

    [Fact]
    public void RenamesLocalsApartFromEveryNameInTheKernel()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[8], out y: i32[16]) {
              var t_u0: i32 = 1
              for k in 0..2 {
                var t: i32 = x[k] + t_u0
                t = t * 2
                y[k] = t
              }
            }
            """);
        var pass = new UnrollPass();
        AssertRewrite(kernel, pass.Unroll(kernel), [
            "var t_u0: i32 = 1",
            "var t_u0_0: i32 = x[0] + t_u0",
            "t_u0_0 = t_u0_0 * 2",
            "y[0] = t_u0_0",
            "var t_u1: i32 = x[1] + t_u0",
            "t_u1 = t_u1 * 2",
            "y[1] = t_u1",
        ], Buffers);
        Assert.Equal(2, pass.NumRenamed.Value);
    }

    [Fact]
    public void UnrollsHintedLoopsUpToTheirOwnLimit()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[8], out y: i32[16]) {
              for i in 0..8 unroll {
                y[i] = x[i]
              }
              for j in 0..8 {
                y[j + 8] = x[j]
              }
            }
            """);
        var pass = new UnrollPass { MaxTrip = 4, MaxHintedTrip = 8 };
        var unrolled = pass.Unroll(kernel);
        Assert.Equal(1, pass.NumUnrolled.Value);
        Assert.Equal(8, pass.NumCopies.Value);
        Assert.Equal("y[0] = x[0]", Body(unrolled)[0]);
        Assert.Equal("for j in 0..8 {", Body(unrolled)[8]);
        Assert.Null(KernelEquivalence.Check(kernel, unrolled, Buffers));
        Assert.Same(kernel, new UnrollPass { MaxTrip = 4, MaxHintedTrip = 7 }.Unroll(kernel));
    }

    [Fact]
    public void UnrollsInnerLoopsFirstAndThenTheirParentsWhenSmallEnough()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[8], out y: i32[16]) {
              for i in 0..2 {
                for j in 0..2 {
                  var s: i32 = x[i * 2 + j]
                  y[i * 2 + j] = s
                }
              }
            }
            """);
        var pass = new UnrollPass();
        var unrolled = pass.Unroll(kernel);
        AssertRewrite(kernel, unrolled, [
            "var s_u0_u0: i32 = x[0 * 2 + 0]",
            "y[0 * 2 + 0] = s_u0_u0",
            "var s_u1_u0: i32 = x[0 * 2 + 1]",
            "y[0 * 2 + 1] = s_u1_u0",
            "var s_u0_u1: i32 = x[1 * 2 + 0]",
            "y[1 * 2 + 0] = s_u0_u1",
            "var s_u1_u1: i32 = x[1 * 2 + 1]",
            "y[1 * 2 + 1] = s_u1_u1",
        ], Buffers);
        Assert.Equal(2 + 4, pass.NumRenamed.Value);
        Assert.Equal(2, pass.NumUnrolled.Value);
        Assert.Equal(2 + 2, pass.NumCopies.Value);
    }

    [Fact]
    public void KeepsLoopsBeyondTheLimits()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[8], out y: i32[16]) {
              for i in 0..5 {
                y[i] = x[i] + x[i] * 2 - 1
              }
            }
            """);
        Assert.Same(kernel, new UnrollPass().Unroll(kernel));
        Assert.Same(kernel, new UnrollPass { MaxTrip = 8, MaxNodes = 20 }.Unroll(kernel));
        Assert.NotSame(kernel, new UnrollPass { MaxTrip = 8, MaxNodes = 100 }.Unroll(kernel));
    }

    [Fact]
    public void BranchesInsideUnrolledCopiesKeepTheirOwnScopes()
    {
        var kernel = Parse("""
            kernel @k(in x: i32[8], out y: i32[16]) {
              for k in 0..3 {
                if x[k] > 0 {
                  var p: i32 = x[k] * 2
                  y[k] = p
                } else {
                  var p: i32 = 0 - x[k]
                  y[k] = p
                }
              }
            }
            """);
        var unrolled = new UnrollPass().Unroll(kernel);
        Assert.Null(KernelEquivalence.Check(kernel, unrolled, Buffers));
        Assert.Equal(3, Body(unrolled).Count(l => l.StartsWith("if ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AKernelThatOverflowsOnlyInAGuardedOffIterationUnrollsExactly()
    {
        // The third copy computes -2147483648 * 2 + 7, which overflows; that iteration is
        // guarded off, so the unrolled kernel still verifies and computes the same.
        var kernel = Parse("""
            kernel @k(out y: i32[16]) {
              for i in 0..3 {
                if i == 0 {
                  y[max(0, min(-2147483648 * i + 7, 15))] = 1
                }
              }
            }
            """);
        var unrolled = new UnrollPass().Unroll(kernel);
        Assert.False(KernelEquivalence.VerifierFails(unrolled));
        Assert.Null(KernelEquivalence.Check(kernel, unrolled, new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["y"] = new byte[64] }));
        var pass = new UnrollPass();
        pass.Run(new Module([]).WithKernels([kernel]), new PassContext());
        Assert.Equal(0, pass.NumKernelsReverted.Value);
    }
}
