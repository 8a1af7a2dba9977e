using MicroTvm.Frontend.TFLite;
using MicroTvm.IR;
using MicroTvm.IR.Testing;
using MicroTvm.Passes;
using MicroTvm.Passes.Instrumentation;
using MicroTvm.Passes.Pipelines;
using Xunit.Abstractions;

namespace MicroTvm.Conformance.Tests.GraphPipeline;

/// <summary>
/// The graph pipeline of <c>pipelines/aot.pass</c> on real models: it runs through the pass
/// manager (verifier after every pass) with statistics, fuse-ops leaves no fusable pair of
/// ops behind (<see cref="FusionOpportunities"/>; a model whose activations, biases and
/// requantizations are all fused into its convolutions by the importer has none to start
/// with, so the group count may be 0), and the
/// interpreter computes the same outputs before and after on random inputs — bit-exact for
/// integer models, within <see cref="FloatTolerance.Reference"/> for float ones. Prints one
/// row per model: nodes (all, and ops = nodes that are not constants; every graph of the
/// module counted) before and after, and the groups formed.
/// </summary>
public sealed class GraphPipelineTests(ITestOutputHelper output)
{
    private const int Trials = 2;

    [CorpusFact]
    public void EveryCorpusModelKeepsItsOutputsThroughTheGraphPipeline()
    {
        var models = Directory.GetFiles(ModelPaths.CorpusTflite!, "*.tflite")
            .Where(path => !Path.GetFileName(path).StartsWith("audio_preprocessor_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(models);
        Report(models.Select(Run).ToList());
    }

    [Fact]
    public void TheSampleModelKeepsItsOutputsThroughTheGraphPipeline() => Report([Run(ModelPaths.TinyCnn)]);

    /// <summary>With activations as separate ops (<see cref="ActivationSplitter"/>), every such model must form groups.</summary>
    [CorpusFact]
    public void ModelsWithSeparateActivationsFuseThem()
    {
        var runs = new List<PipelineRun>();
        foreach (var path in Directory.GetFiles(ModelPaths.CorpusTflite!, "*.tflite").Append(ModelPaths.TinyCnn).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith("audio_preprocessor_", StringComparison.Ordinal))
            {
                continue;
            }

            var split = ActivationSplitter.Split(Import(path), out var activations);
            if (activations > 0)
            {
                var run = Run(name + " (split)", split);
                Assert.True(run.Groups > 0, $"{name}: {activations} activations split out, but fuse-ops formed no group");
                runs.Add(run);
            }
        }

        Assert.NotEmpty(runs);
        Report(runs);
    }

    private static Module Import(string path)
    {
        var imported = TfliteImporter.Import(File.ReadAllBytes(path), Path.GetFileName(path));
        Assert.True(imported.Module is not null, $"{path}: {string.Join("; ", imported.Diagnostics)}");
        return imported.Module;
    }

    private PipelineRun Run(string path) => Run(Path.GetFileName(path), Import(path));

    private PipelineRun Run(string name, Module before)
    {
        var library = PipelineLoader.Load(ModelPaths.AotPipeline);
        Assert.Empty(library.Diagnostics);
        var (pipeline, bindErrors) = new PipelineBinder(PassRegistry.Core).Bind(library, "graph-passes", [], []);
        Assert.True(pipeline is not null, string.Join("; ", bindErrors));
        var statistics = new StatisticsInstrumentation();
        var result = new PassManager(new PassManagerOptions(), [statistics]).Run(before, pipeline);
        Assert.True(result.Module is not null, $"{name}: the pipeline failed: {string.Join("; ", result.Diagnostics)}");
        var after = result.Module;

        var integer = before.Main.Inputs.Concat(before.Main.Outputs.Select(o => before.Main.Index.FindValue(o)!))
            .All(v => v.Type.ElementType != ElementType.F32);
        var difference = SemanticEquivalence.Check(before, after, seed: 1, integer ? FloatTolerance.Exact : FloatTolerance.Reference, Trials);
        Assert.True(difference is null, $"{name} ({(integer ? "integer, bit-exact" : "float")}): {difference}");

        var fuseOps = statistics.Totals.Single(t => t.Pass.Name == "fuse-ops").Totals;
        var (nodesBefore, opsBefore) = PipelineRun.Count(before);
        var (nodesAfter, opsAfter) = PipelineRun.Count(after);
        var run = new PipelineRun(
            name, nodesBefore, opsBefore, nodesAfter, opsAfter,
            fuseOps.Single(s => s.Name == "num-partitions").Value,
            fuseOps.Single(s => s.Name == "num-groups").Value,
            fuseOps.Single(s => s.Name == "num-fused-ops").Value,
            fuseOps.Single(s => s.Name == "max-group-size").Value);
        Assert.True(after.Graphs.Length == 1 + run.Groups, $"{name}: {after.Graphs.Length} graphs for {run.Groups} groups");
        var kernels = after.Main.Nodes.Count(n => !ReferenceEquals(n.Op, Ops.Constant));
        Assert.True(run.Partitions == kernels && kernels > 0, $"{name}: fuse-ops reports {run.Partitions} partitions, the main graph calls {kernels} groups and ops");
        var missed = FusionOpportunities.In(after.Main).ToList();
        Assert.True(missed.Count == 0, $"{name}: fuse-ops left fusable pairs: {string.Join("; ", missed)}");
        return run;
    }

    private void Report(IEnumerable<PipelineRun> runs)
    {
        output.WriteLine(PipelineRun.Header);
        foreach (var run in runs)
        {
            output.WriteLine(run.ToString());
        }
    }
}
