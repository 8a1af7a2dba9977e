using MicroTvm.Backends.Testing;
using MicroTvm.IR.Memory;
using MicroTvm.IR.Testing;
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
    private static readonly Lazy<ResolvedPipeline> InPlacePipeline =
        new(() => AotPipeline.Bind("codegen", [KeyValuePair.Create("in-place", (PipelineValue)new BoolValue(true))]));

    [CompilerFact("gcc")]
    public void Tiny_cnn_planned_in_place_matches_the_interpreter()
    {
        var original = AotPipeline.Sample("tiny_cnn.mir");
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
        var sample = AotPipeline.Sample("tiny_cnn.mir");
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

    private static Module? Compile(Module module) => AotPipeline.Compile(module, InPlacePipeline.Value).Module;

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

    private static void AssertMatches(IReadOnlyList<(string Name, Module Original)> models, int seed, bool sanitize) =>
        Assert.Null(InterpreterAgreement.Check(
            [.. models.Select(m => (m.Name, m.Original, Compile(m.Original)!))], seed, sanitize ? TypedApiHarness.SanitizerFlags : []));
}
