using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;
using MicroTvm.Passes.Tests.Rewriting;

namespace MicroTvm.Passes.Tests.FoldConstants;

/// <summary>fold-constants preserves what random graphs compute: exactly when it only folds, within a tolerance when it folds batch norms.</summary>
public sealed class FoldConstantsProperties
{
    /// <summary>Folding w·k into a conv's weights reassociates f32 arithmetic: a few ulps per accumulated term.</summary>
    private static readonly FloatTolerance BatchNormTolerance = new(1e-4, 1e-4);

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void PreservesRandomGraphs() =>
        Check.One(PassProperty.Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), Seeds, (graphCase, seed) =>
            PassProperty.Holds("fold-constants", graphCase.Module, seed, FloatTolerance.Exact, Replay(graphCase, seed))));

    [Fact]
    public void FoldsEverythingWhenTheInputsAreConstants() =>
        Check.One(PassProperty.Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), Seeds, (graphCase, seed) =>
            PassProperty.Holds(
                "fold-constants",
                new Module([ConstantInputs(graphCase.Graph, seed)]),
                seed,
                FloatTolerance.Exact,
                $"ConstantInputs({Replay(graphCase, seed)})",
                after => after.Main.Nodes.All(n => n.Op == Ops.Constant) ? null : "a node whose operands are constants was not folded")));

    [Fact]
    public void FoldsBatchNormsInsertedIntoRandomFloatGraphs() =>
        Check.One(PassProperty.Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(quantized: false), Seeds, (graphCase, seed) =>
            PassProperty.Holds(
                "fold-constants",
                new Module([WithBatchNorms(graphCase.Graph, seed)]),
                seed,
                BatchNormTolerance,
                $"WithBatchNorms({Replay(graphCase, seed)})",
                after => after.Main.Nodes.Any(n => n.Op == Ops.BatchNorm) ? "a batch_norm is left" : null)));

    [Fact]
    public void FoldsBatchNormsIntoFullyConnected() =>
        Check.One(PassProperty.Config, Prop.ForAll(Seeds, seed =>
            PassProperty.Holds(
                "fold-constants",
                new Module([FullyConnectedWithBatchNorm(seed)]),
                seed,
                BatchNormTolerance,
                $"FullyConnectedWithBatchNorm({seed})",
                after => after.Main.Nodes.Any(n => n.Op == Ops.BatchNorm || n.Op == Ops.Mul) ? "the batch_norm was not folded into the fully_connected" : null)));

    private static string Replay(VerifiedGraphCase graphCase, int seed) => $"{graphCase.ToString().Split('\n')[0]}, seed {seed}";

    private static Graph ConstantInputs(Graph graph, int seed)
    {
        var random = new Random(seed);
        var constants = graph.Inputs.Select(input => new Node(
            Ops.Constant, [], [input], ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal).Add("value", new TensorAttribute(RandomTensors.For(input.Type, random)))));
        return new Graph(graph.Name, [], [.. constants, .. graph.Nodes], graph.Outputs);
    }

    /// <summary>A batch_norm with random parameters after about half of the nodes (after convs it folds, elsewhere it decomposes).</summary>
    private static Graph WithBatchNorms(Graph graph, int seed)
    {
        var random = new Random(seed);
        var targets = graph.Nodes.Where(n => n.Op != Ops.Constant && n.Result.Type.Rank > 0 && random.Next(2) == 0).Select(n => n.Result.Name).ToList();
        foreach (var target in targets)
        {
            graph = NodeChain.Splice(graph, target, (chain, input) => BatchNorm(chain, input, random)) ?? graph;
        }

        return graph;
    }

    /// <summary>x [B, K] → fully_connected with random [K, K] weights and maybe a bias → batch_norm.</summary>
    private static Graph FullyConnectedWithBatchNorm(int seed)
    {
        var random = new Random(seed);
        var (batch, units) = (random.Next(1, 4), random.Next(1, 6));
        var type = new TensorType(ElementType.F32, [batch, units]);
        var attributes = ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal);
        var graph = new Graph("main", [new Value("x", type)], [new Node(Ops.Relu, ["x"], [new Value("y", type)], attributes)], ["y"]);
        return NodeChain.Splice(graph, "y", (chain, input) =>
        {
            var weights = chain.Constant(RandomTensors.For(new TensorType(ElementType.F32, [units, units]), random, 1f));
            string[] operands = random.Next(2) == 0
                ? [input, weights]
                : [input, weights, chain.Constant(RandomTensors.For(new TensorType(ElementType.F32, [units]), random, 1f))];
            return BatchNorm(chain, chain.Add(Ops.FullyConnected, operands, type), random);
        })!;
    }

    private static string BatchNorm(NodeChain chain, string input, Random random)
    {
        var type = chain.TypeOf(input);
        var channels = type.Shape[^1];
        string Parameter(float low, float high) => chain.Constant(TensorData.FromSingles(
            new TensorType(ElementType.F32, [channels]),
            [.. Enumerable.Range(0, channels).Select(_ => low + ((float)random.NextDouble() * (high - low)))]));
        return chain.Add(Ops.BatchNorm, [input, Parameter(-2, 2), Parameter(-1, 1), Parameter(-1, 1), Parameter(0.1f, 2)], type);
    }
}
