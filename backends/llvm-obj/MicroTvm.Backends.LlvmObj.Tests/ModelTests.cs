using MicroTvm.IR.Testing;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>
/// Whole models through pipelines/aot.pass and the LLVM backend, as host objects linked with
/// the C runtime and driven through the C backend's header, against the reference interpreter
/// on the original module (exact for integer models, within the interpreter's float tolerance).
/// </summary>
public sealed class ModelTests
{
    private static readonly LlvmTarget Host = LlvmTarget.Find("host")!;

    [LlvmFact("gcc")]
    public void Tiny_cnn_matches_the_interpreter()
    {
        AssertMatches([("tiny_cnn", AotPipeline.Sample("tiny_cnn.mir"))], seeds: [1, 2, 3]);
    }

    [LlvmFact("gcc")]
    public void Random_graphs_match_the_interpreter()
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
        AssertMatches(compiled, seeds: [seed]);
    }

    [LlvmFact("gcc")]
    public void Tiny_cnn_with_its_io_in_the_pool_matches_the_interpreter()
    {
        var pipeline = AotPipeline.Bind("codegen", [KeyValuePair.Create("io-pool", (PipelineValue)new StringValue("workspace"))]);
        AssertMatches([("tiny_cnn", AotPipeline.Sample("tiny_cnn.mir"))], seeds: [1, 2], pipeline);
    }

    private static void AssertMatches(IReadOnlyList<(string Name, Module Original)> models, IReadOnlyList<int> seeds, ResolvedPipeline? pipeline = null)
    {
        var compiled = models.Select(m => (m.Name, m.Original, AotPipeline.CompileOrThrow(m.Original, pipeline))).ToList();
        foreach (var seed in seeds)
        {
            Assert.Null(InterpreterAgreement.Check(compiled, seed, [], (module, name) => LlvmModelEmitter.EmitObject(module, name, Host).Bytes));
        }
    }
}
