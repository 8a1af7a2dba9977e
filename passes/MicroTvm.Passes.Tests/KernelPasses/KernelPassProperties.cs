using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>
/// simplify, unroll and hoist-invariants on random verified kernels (<see cref="RandomKernelBuilder"/>,
/// with awkward names): the result verifies and, wherever the original runs without undefined
/// behaviour, runs too and writes the very same bytes to every output and workspace. A failure
/// names the generator seed (<c>RandomKernelBuilder.Build(seed, "k", awkwardNames)</c> rebuilds
/// the kernel) and prints both kernels.
/// </summary>
public sealed class KernelPassProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly Gen<(int Seed, bool Awkward)> Seeds =
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        from awkward in Gen.Elements(false, true)
        select (seed, awkward);

    [Fact]
    public void SimplifyIsExact() => Holds(kernel => new SimplifyPass().Simplify(kernel));

    [Fact]
    public void SimplifyWithShiftedMultipliesIsExact() => Holds(kernel => new SimplifyPass { ShiftMultiplies = true }.Simplify(kernel));

    [Fact]
    public void UnrollIsExact() => Holds(kernel => new UnrollPass().Unroll(kernel));

    [Fact]
    public void UnrollWithLargeLimitsIsExact() => Holds(kernel => new UnrollPass { MaxTrip = 16, MaxNodes = 100_000 }.Unroll(kernel));

    [Fact]
    public void HoistInvariantsIsExact() => Holds(kernel => new HoistInvariantsPass().Hoist(kernel));

    [Fact]
    public void AllThreeInSequenceAreExact() => Holds(kernel =>
        new SimplifyPass().Simplify(new HoistInvariantsPass().Hoist(new SimplifyPass().Simplify(new UnrollPass().Unroll(kernel)))));

    /// <summary>
    /// The property, plus checks that it is not vacuous: the rewrite changes a fair share of the
    /// kernels, most kernels run without undefined behaviour (so that there is something to
    /// compare), and almost none is set aside because the verifier fails on it (see
    /// <see cref="KernelEquivalence.VerifierFails"/>).
    /// </summary>
    private static void Holds(Func<KernelFunction, KernelFunction> rewrite)
    {
        var (tried, changed, setAside, defined) = (0, 0, 0, 0);
        Check.One(Config, Prop.ForAll(Seeds.ToArbitrary(), input =>
        {
            var kernelCase = RandomKernelBuilder.Build(input.Seed, "k", input.Awkward);
            var after = rewrite(kernelCase.Function);
            tried++;
            changed += after.Equals(kernelCase.Function) ? 0 : 1;
            if (KernelEquivalence.VerifierFails(after))
            {
                setAside++;
                return true.Label("set aside");
            }

            defined += KernelEquivalence.IsDefined(kernelCase) ? 1 : 0;
            var problem = KernelEquivalence.Check(kernelCase, after);
            return (problem is null).Label($"replay: RandomKernelBuilder.Build({input.Seed}, \"k\", awkwardNames: {(input.Awkward ? "true" : "false")})\n{problem}");
        }));
        Assert.True(changed * 5 >= tried, $"the rewrite changed only {changed} of {tried} random kernels");
        Assert.True(setAside * 100 <= tried, $"{setAside} of {tried} rewritten kernels make the verifier fail");
        Assert.True(defined * 2 >= tried, $"only {defined} of {tried} random kernels run without undefined behaviour");
    }
}
