using MicroTvm.Backends.Testing;
using MicroTvm.IR.Testing;

namespace MicroTvm.Backends.C.Tests.Models;

/// <summary>
/// Whole models through pipelines/aot.pass and the C backend, built with host gcc and the C
/// runtime, run through the typed API, against the reference interpreter on the original module.
/// </summary>
public sealed class GeneratedModelTests
{
    [CompilerFact("gcc")]
    public void Tiny_cnn_matches_the_interpreter_bit_for_bit()
    {
        var original = AotPipeline.Sample("tiny_cnn.mir");
        foreach (var seed in new[] { 1, 2, 3 })
        {
            AssertMatches([("tiny_cnn", original)], seed, []);
        }
    }

    [CompilerFact("gcc")]
    public void Tiny_cnn_runs_clean_under_address_and_undefined_behaviour_sanitizers() =>
        AssertMatches([("tiny_cnn", AotPipeline.Sample("tiny_cnn.mir"))], seed: 4, TypedApiHarness.SanitizerFlags);

    [CompilerFact("gcc")]
    public void Random_graphs_compile_and_match_the_interpreter_with_and_without_sanitizers()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var models = new List<(string, Module)>();
        for (var i = 0; i < 24; i++)
        {
            var recipe = Enumerable.Range(0, 8 + random.Next(30)).Select(_ => random.Next()).ToList();
            models.Add(($"random_{i}", new Module([VerifiedGraphGenerators.FromRecipe(recipe)])));
        }

        var compiled = models.Where(m => AotPipeline.Compile(m.Item2).Module is not null).ToList();
        Assert.True(compiled.Count >= models.Count / 2, $"only {compiled.Count} of {models.Count} random graphs (seed {seed}) compiled");
        AssertMatches(compiled, seed, []);
        AssertMatches(compiled, seed + 1, TypedApiHarness.SanitizerFlags);
    }

    private static void AssertMatches(IReadOnlyList<(string Name, Module Original)> models, int seed, IReadOnlyList<string> flags) =>
        Assert.Null(InterpreterAgreement.Check([.. models.Select(m => (m.Name, m.Original, AotPipeline.CompileOrThrow(m.Original)))], seed, flags));
}
