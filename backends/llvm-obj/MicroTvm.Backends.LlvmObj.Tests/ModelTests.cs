using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;

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

        var compiled = models.Where(m => AotPipeline.Compile(m.Item2) is not null).ToList();
        Assert.True(compiled.Count >= models.Count / 2, $"only {compiled.Count} of {models.Count} random graphs (seed {seed}) compiled");
        AssertMatches(compiled, seeds: [seed]);
    }

    private static void AssertMatches(IReadOnlyList<(string Name, Module Original)> models, IReadOnlyList<int> seeds)
    {
        foreach (var seed in seeds)
        {
            var cases = new List<ModelHarness.Case>();
            var expected = new List<InterpreterResult>();
            foreach (var (name, original) in models)
            {
                var inputs = RandomTensors.ForInputs(original.Main, seed);
                cases.Add(new ModelHarness.Case(name, AotPipeline.CompileOrFail(original, name), [.. original.Main.Inputs.Select(i => inputs[i.Name].Bytes.ToArray())]));
                expected.Add(Interpreter.Run(original, inputs));
            }

            var actual = ModelHarness.Run(cases, Host);
            for (var m = 0; m < models.Count; m++)
            {
                var (name, original) = models[m];
                var result = expected[m];
                Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
                var outputs = original.Main.Outputs;
                var want = outputs.Select((o, i) => ($"{i}:{o}", result.Outputs[o])).ToDictionary(p => p.Item1, p => p.Item2);
                var got = outputs.Select((o, i) => ($"{i}:{o}", new TensorData(result.Outputs[o].Type, actual[m][i]))).ToDictionary(p => p.Item1, p => p.Item2);
                var difference = OutputComparison.Describe(want, got, FloatTolerance.Reference);
                Assert.True(difference is null, $"model {name} (seed {seed}):\n{difference}");
            }
        }
    }
}
