using MicroTvm.IR.Executor;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Memory;
using MicroTvm.IR.Testing;
using MicroTvm.Passes;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Backends.C.Tests.Models;

/// <summary>
/// Plans made with <c>in-place = true</c> (outputs written over inputs where the kernel's access
/// order allows) run as gcc-compiled C on random inputs and match the interpreter on the original
/// module, with and without sanitizers. The run would catch an overlap the analysis wrongly
/// allowed, or a kernel that kept <c>restrict</c> while its buffers overlap and got reordered.
/// </summary>
public sealed class InPlaceModelTests
{
    private static readonly Lazy<ResolvedPipeline> InPlacePipeline = new(() =>
    {
        var library = PipelineLoader.Load(Path.Combine(TestEnvironment.RepoRoot, "pipelines", "aot.pass"));
        var (pipeline, diagnostics) = new PipelineBinder(PassRegistry.Core).Bind(
            library, "codegen", [KeyValuePair.Create("in-place", (PipelineValue)new BoolValue(true))], []);
        return pipeline ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    });

    [CompilerFact("gcc")]
    public void Tiny_cnn_planned_in_place_matches_the_interpreter()
    {
        var original = AotCompiler.Sample("tiny_cnn.mir");
        Assert.True(Overlaps(Compile(original)!) > 0, "tiny_cnn got no in-place overlap, so this test says nothing");
        AssertMatches([("tiny_cnn", original)], seed: 1, sanitize: false);
    }

    [CompilerFact("gcc")]
    public void Random_graphs_planned_in_place_match_the_interpreter()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        // Small random graphs often offer no overlap at all; the sample, which does, rides along so
        // that the batch always exercises overlapping buffers.
        var sample = AotCompiler.Sample("tiny_cnn.mir");
        var compiled = new List<(string, Module)> { ("tiny_cnn", sample) };
        var overlaps = Overlaps(Compile(sample)!);
        for (var i = 0; compiled.Count < 25 && i < 100; i++)
        {
            var recipe = Enumerable.Range(0, 8 + random.Next(30)).Select(_ => random.Next()).ToList();
            var model = new Module([VerifiedGraphGenerators.FromRecipe(recipe)]);
            if (Compile(model) is { } planned)
            {
                compiled.Add(($"random_{i}", model));
                overlaps += Overlaps(planned);
            }
        }

        Assert.True(overlaps > 0, $"no buffers overlap in {compiled.Count} random models (seed {seed}), so this test says nothing");
        AssertMatches(compiled, seed, sanitize: false);
        AssertMatches(compiled, seed + 1, sanitize: true);
    }

    private static Module? Compile(Module module)
    {
        var result = new PassManager(new PassManagerOptions(), []).Run(module, InPlacePipeline.Value);
        return result.Diagnostics.Any(d => d.IsError) ? null : result.Module;
    }

    private static int Overlaps(Module module)
    {
        var plan = module.MemoryPlan!;
        var buffers = PlannableBuffers.Of(module);
        var count = 0;
        foreach (var a in buffers)
        {
            foreach (var b in buffers.Where(b => b != a && b.IsLiveWith(a)))
            {
                var (pa, pb) = (plan.Find(a.Value, a.Workspace)!, plan.Find(b.Value, b.Workspace)!);
                count += pa.Pool == pb.Pool && pa.Offset < pb.Offset + b.Bytes && pb.Offset < pa.Offset + a.Bytes ? 1 : 0;
            }
        }

        return count / 2;
    }

    private static void AssertMatches(IReadOnlyList<(string Name, Module Original)> models, int seed, bool sanitize)
    {
        var cases = new List<(CModelFiles, ModelInterface, IReadOnlyList<byte[]>)>();
        var expected = new List<(string Name, Graph Main, InterpreterResult Result)>();
        foreach (var (name, original) in models)
        {
            var compiled = Compile(original)!;
            var inputs = RandomTensors.ForInputs(original.Main, seed);
            cases.Add((CModelEmitter.Emit(compiled, name, "in-place tests"), ModelInterface.Of(compiled, name), [.. original.Main.Inputs.Select(i => inputs[i.Name].Bytes.ToArray())]));
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
