using MicroTvm.IR.Testing;
using MicroTvm.IR.Verification;
using MicroTvm.Passes.Tests.Support;
using Xunit.Abstractions;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>
/// The kernel passes on the real kernels of samples/tiny_cnn.mir (after the <c>kernels</c>
/// pipeline of pipelines/aot.pass), run through the pass manager (verifier after every pass):
/// the module computes exactly what the lowered module computes, and the passes measurably
/// reduce what they promise to reduce (numbers in the test output).
/// </summary>
public sealed class TinyCnnKernelPassTests(ITestOutputHelper output)
{
    [Fact]
    public void SimplifyShrinksTheKernels()
    {
        var (before, after) = Run("simplify");
        Assert.True(KernelCost.Nodes(after) < KernelCost.Nodes(before));
        Assert.True(KernelCost.Evaluations(after) < KernelCost.Evaluations(before));
    }

    [Fact]
    public void UnrollRemovesLoopsAndTheirIterations()
    {
        var (before, after) = Run("unroll");
        Assert.True(KernelCost.Loops(after) < KernelCost.Loops(before));
        Assert.True(KernelCost.Evaluations(after) < KernelCost.Evaluations(before));
    }

    [Fact]
    public void UnrollThenSimplifyEvaluatesLess()
    {
        var (before, after) = Run("unroll, simplify");
        Assert.True(KernelCost.Loops(after) < KernelCost.Loops(before));
        Assert.True(KernelCost.Evaluations(after) < KernelCost.Evaluations(before));
    }

    [Fact]
    public void HoistInvariantsEvaluatesLess()
    {
        var (before, after) = Run("hoist-invariants");
        Assert.True(KernelCost.Evaluations(after) < KernelCost.Evaluations(before));
    }

    [Fact]
    public void AllThreeEvaluateLessThanEachAlone()
    {
        var (before, after) = Run("simplify, unroll, simplify, hoist-invariants, simplify");
        var simplified = Run("simplify").After;
        Assert.True(KernelCost.Evaluations(after) < KernelCost.Evaluations(simplified));
        // The scheduled conv lowering already leaves no padding guards and fewer index sums, so
        // the passes gain less than they did on the element-rule kernels (2x then).
        Assert.True(KernelCost.Evaluations(after) * 3 / 2 < KernelCost.Evaluations(before));
    }

    [Fact]
    public void NoKernelIsRevertedAndTheStatisticsCount()
    {
        var context = new PassContext();
        var unroll = new UnrollPass();
        var simplify = new SimplifyPass();
        var hoist = new HoistInvariantsPass();
        var module = hoist.Run(simplify.Run(unroll.Run(LoweredSamples.TinyCnn, context), context), context);
        Assert.False(context.Diagnostics.HasErrors);
        Assert.Equal(0, unroll.NumKernelsReverted.Value + simplify.NumKernelsReverted.Value + hoist.NumKernelsReverted.Value);
        // No branch to fold: the scheduled convolutions pad with selects, not guards.
        Assert.True(unroll.NumUnrolled.Value > 0 && simplify.NumFolded.Value > 0 && hoist.NumHoisted.Value > 0);
        output.WriteLine($"unroll: {unroll.NumUnrolled.Value} loops, {unroll.NumCopies.Value} copies, {unroll.NumRenamed.Value} locals renamed");
        output.WriteLine($"simplify: folded {simplify.NumFolded.Value}, identities {simplify.NumIdentities.Value}, strength-reduced {simplify.NumStrengthReduced.Value}, "
            + $"canonicalized {simplify.NumCanonicalized.Value}, loops removed {simplify.NumLoopsRemoved.Value}, branches folded {simplify.NumBranchesFolded.Value}, "
            + $"dead removed {simplify.NumDeadRemoved.Value}, nodes removed {simplify.NumNodesRemoved.Value}");
        output.WriteLine($"hoist-invariants: hoisted {hoist.NumHoisted.Value}, reused {hoist.NumReused.Value}, kept guarded {hoist.NumKeptGuarded.Value}");
        output.WriteLine(string.Join("\n\n", module.Kernels));
    }

    private (Module Before, Module After) Run(string pipeline)
    {
        var before = LoweredSamples.TinyCnn;
        var result = new PassManager(new PassManagerOptions(), []).Run(before, TestRegistry.Bind(pipeline));
        Assert.True(result.Module is not null, string.Join("\n", result.Diagnostics));
        var after = result.Module;
        Assert.Empty(ModuleVerifier.Verify(after));
        Assert.Equal(before.Kernels.Select(k => k.Name), after.Kernels.Select(k => k.Name));
        Assert.Null(SemanticEquivalence.Check(before, after, seed: 11, FloatTolerance.Exact, trials: 3));
        Assert.Null(SemanticEquivalence.Check(LoweredSamples.TinyCnnOriginal, after, seed: 5, FloatTolerance.Exact, trials: 2));
        output.WriteLine($"{pipeline}: IR nodes {KernelCost.Nodes(before)} -> {KernelCost.Nodes(after)}, loops {KernelCost.Loops(before)} -> {KernelCost.Loops(after)}, "
            + $"nodes evaluated per inference {KernelCost.Evaluations(before)} -> {KernelCost.Evaluations(after)}");
        return (before, after);
    }
}
