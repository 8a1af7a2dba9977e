using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;
using MicroTvm.Passes.Lowering;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// The lowering library against the reference interpreter on random verified graphs after
/// fuse-ops: every group and every op left outside groups is lowered to one kernel, which must
/// verify and compute what the interpreter computes on the group graph (integers exactly).
/// </summary>
public sealed class LoweringProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    [Fact]
    public void QuantizedKernelsAreBitExact() =>
        Check.One(Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(quantized: true), graphCase =>
        {
            var problem = Problems(graphCase.Module, FloatTolerance.Exact).FirstOrDefault();
            return (problem is null).Label(problem ?? string.Empty);
        }));

    [Fact]
    public void FloatKernelsAgreeWithinTolerance() =>
        Check.One(Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(quantized: false), graphCase =>
        {
            var problem = Problems(graphCase.Module, Tolerance).FirstOrDefault();
            return (problem is null).Label(problem ?? string.Empty);
        }));

    [Fact]
    public void MostRandomQuantizedGroupsLower()
    {
        var (lowered, total) = (0, 0);
        foreach (var graph in Gen.Sample(VerifiedGraphGenerators.Graph(quantized: true), 60))
        {
            foreach (var group in Groups(new Module([graph])))
            {
                total++;
                lowered += GroupLowerer.Lower(group, "k").Kernel is null ? 0 : 1;
            }
        }

        Assert.True(lowered * 10 >= total * 7, $"only {lowered} of {total} random quantized groups lowered");
    }

    /// <summary>f32 kernels accumulate in f32 where the interpreter sums in double, and use the f32 libm for exp/tanh.</summary>
    internal static FloatTolerance Tolerance { get; } = new(1e-4, 1e-4);

    /// <summary>Every group of the fused module (primitive graphs and one-op graphs around the ops left in main).</summary>
    internal static IEnumerable<Graph> Groups(Module module)
    {
        var fused = new FuseOpsPass().Run(module, new PassContext());
        foreach (var graph in fused.Graphs.Where(FuseOpsPass.IsPrimitive))
        {
            yield return graph;
        }

        var n = 0;
        foreach (var node in fused.Main.Nodes.Where(n => !ReferenceEquals(n.Op, Ops.Constant) && !ReferenceEquals(n.Op, Ops.Call)))
        {
            yield return SingleOpGraph.Of(fused.Main, node, $"op_{n++}");
        }
    }

    private static IEnumerable<string> Problems(Module module, FloatTolerance tolerance)
    {
        foreach (var group in Groups(module))
        {
            for (var seed = 0; seed < 2; seed++)
            {
                if (KernelDifferential.Check(group, seed, tolerance, out _) is { } problem)
                {
                    yield return problem;
                    yield break;
                }
            }
        }
    }
}
