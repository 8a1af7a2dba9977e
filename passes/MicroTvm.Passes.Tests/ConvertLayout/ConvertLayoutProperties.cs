using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Verification;

namespace MicroTvm.Passes.Tests.ConvertLayout;

/// <summary>
/// convert-layout on random NCHW graphs as the ONNX importer emits them: the verifier accepts the
/// result, the interpreter computes the same outputs (within float reassociation: a flatten
/// absorbed into matmul weights sums in another order), and no transposes are added. (Where only
/// interface transposes remain is checked on real models by the conformance test: in random DAGs a
/// value read both before and after a layout-sensitive op may keep one inner transpose, because
/// moving it to the interface would take two.)
/// </summary>
public sealed class ConvertLayoutProperties
{
    private static readonly FloatTolerance Tolerance = new(1e-5, 1e-5);

    [Fact]
    public void PreservesSemanticsWithoutAddingTransposes() =>
        Prop.ForAll(Cases(), c =>
        {
            var problems = Problems(c.Seed, c.Steps);
            return (problems is null).Label(problems ?? string.Empty);
        }).QuickCheckThrowOnFailure();

    /// <summary>Cases the property once found: a transpose hoisted over a DAG whose shared producer was collected after its user.</summary>
    [Theory]
    [InlineData(1835652476, 5)]
    public void PreservesSemanticsOnFoundCases(int seed, int steps) =>
        Assert.True(Problems(seed, steps) is null, Problems(seed, steps));

    private static string? Problems(int seed, int steps)
    {
        var before = NchwGraphBuilder.Build(seed, steps);
        var pass = new ConvertLayoutPass();
        var after = pass.Run(before, new PassContext());
        var problems = new List<string>();
        problems.AddRange(ModuleVerifier.Verify(after).Select(d => $"verifier: {d}"));
        if (problems.Count == 0 && SemanticEquivalence.Check(before, after, seed, Tolerance) is { } difference)
        {
            problems.Add(difference);
        }

        if (pass.NumTransposesAfter.Value > pass.NumTransposesBefore.Value)
        {
            problems.Add($"transposes grew from {pass.NumTransposesBefore.Value} to {pass.NumTransposesAfter.Value}");
        }

        return problems.Count == 0
            ? null
            : $"{string.Join("\n", problems)}\n{NchwGraphBuilder.Describe(seed, steps)}\n--- after ---\n{MicroTvm.IR.Text.ModulePrinter.Print(after)}";
    }

    [Fact]
    public void IsIdempotent() =>
        Prop.ForAll(Cases(), c =>
        {
            var once = new ConvertLayoutPass().Run(NchwGraphBuilder.Build(c.Seed, c.Steps), new PassContext());
            var twice = new ConvertLayoutPass().Run(once, new PassContext());
            return once.Equals(twice).Label($"{NchwGraphBuilder.Describe(c.Seed, c.Steps)}\n--- once ---\n{MicroTvm.IR.Text.ModulePrinter.Print(once)}\n--- twice ---\n{MicroTvm.IR.Text.ModulePrinter.Print(twice)}");
        }).QuickCheckThrowOnFailure();

    /// <summary>A seed and a step count; shrinking drops steps.</summary>
    private static Arbitrary<(int Seed, int Steps)> Cases() =>
        Arb.From(
            Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, 12)),
            c => Enumerable.Range(1, c.Item2 - 1).Reverse().Select(steps => (c.Item1, steps)));
}
