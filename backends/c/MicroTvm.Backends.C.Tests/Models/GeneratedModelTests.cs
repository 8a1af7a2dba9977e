using MicroTvm.IR.Executor;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;

namespace MicroTvm.Backends.C.Tests.Models;

/// <summary>
/// Whole models through pipelines/aot.pass and the C backend, built with host gcc and the C
/// runtime, run through the typed API, against the reference interpreter on the original module.
/// </summary>
public sealed class GeneratedModelTests
{
    private const string Generator = "mtvm-opt tests";

    [CompilerFact("gcc")]
    public void Tiny_cnn_matches_the_interpreter_bit_for_bit()
    {
        var original = AotCompiler.Sample("tiny_cnn.mir");
        AssertMatches([("tiny_cnn", original)], seeds: [1, 2, 3], sanitize: false);
    }

    [CompilerFact("gcc")]
    public void Tiny_cnn_runs_clean_under_address_and_undefined_behaviour_sanitizers()
    {
        var original = AotCompiler.Sample("tiny_cnn.mir");
        AssertMatches([("tiny_cnn", original)], seeds: [4], sanitize: true);
    }

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

        var compiled = models.Where(m => AotCompiler.Compile(m.Item2).Module is not null).ToList();
        Assert.True(compiled.Count >= models.Count / 2, $"only {compiled.Count} of {models.Count} random graphs (seed {seed}) compiled");
        AssertMatches(compiled, seeds: [seed], sanitize: false);
        AssertMatches(compiled, seeds: [seed + 1], sanitize: true);
    }

    internal static void AssertMatches(IReadOnlyList<(string Name, Module Original)> models, IReadOnlyList<int> seeds, bool sanitize)
    {
        foreach (var seed in seeds)
        {
            var cases = new List<(CModelFiles, ModelInterface, IReadOnlyList<byte[]>)>();
            var expected = new List<(string Name, Graph Main, InterpreterResult Result)>();
            foreach (var (name, original) in models)
            {
                var compiled = AotCompiler.CompileOrFail(original);
                var inputs = RandomTensors.ForInputs(original.Main, seed);
                var code = CModelEmitter.Emit(compiled, name, Generator);
                var model = ModelInterface.Of(compiled, name);
                cases.Add((code, model, [.. original.Main.Inputs.Select(i => inputs[i.Name].Bytes.ToArray())]));
                expected.Add((name, original.Main, Interpreter.Run(original, inputs)));
            }

            var actual = HostModelRunner.Run(cases, sanitize);
            for (var m = 0; m < models.Count; m++)
            {
                var (name, main, result) = expected[m];
                Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
                var want = main.Outputs.Select((o, i) => ($"{i}:{o}", result.Outputs[o])).ToDictionary(p => p.Item1, p => p.Item2);
                var got = main.Outputs.Select((o, i) => ($"{i}:{o}", new TensorData(result.Outputs[o].Type, actual[m][i]))).ToDictionary(p => p.Item1, p => p.Item2);
                var difference = OutputComparison.Describe(want, got, FloatTolerance.Reference);
                Assert.True(difference is null, $"model {name} (seed {seed}, sanitize {sanitize}):\n{difference}");
            }
        }
    }
}
