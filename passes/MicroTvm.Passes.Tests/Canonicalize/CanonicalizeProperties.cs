using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;
using MicroTvm.Passes.Tests.Rewriting;

namespace MicroTvm.Passes.Tests.Canonicalize;

/// <summary>canonicalize preserves what random graphs compute bit for bit, and removes the round trips spliced into them.</summary>
public sealed class CanonicalizeProperties
{
    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static readonly OpDefinition[] RoundTripOps = [Ops.Transpose, Ops.Squeeze, Ops.ExpandDims, Ops.Quantize, Ops.Dequantize, Ops.Requantize, Ops.Div];

    [Fact]
    public void PreservesRandomGraphs() =>
        Check.One(PassProperty.Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), Seeds, (graphCase, seed) =>
            PassProperty.Holds("canonicalize", graphCase.Module, seed, FloatTolerance.Exact, $"{graphCase.ToString().Split('\n')[0]}, seed {seed}")));

    [Fact]
    public void RemovesRoundTripsSplicedIntoRandomGraphs() =>
        Check.One(PassProperty.Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), Seeds, (graphCase, seed) =>
            PassProperty.Holds(
                "canonicalize",
                new Module([WithRoundTrips(graphCase.Graph, seed)]),
                seed,
                FloatTolerance.Exact,
                $"WithRoundTrips({graphCase.ToString().Split('\n')[0]}, seed {seed})",
                after => after.Main.Nodes.FirstOrDefault(n => RoundTripOps.Contains(n.Op) && !MustStay(after.Main, n)) is { } left ? $"'{left}' is left" : null)));

    /// <summary>A graph output computed from a graph input keeps its node: the output cannot take the input's name.</summary>
    private static bool MustStay(Graph graph, Node node) =>
        graph.Index.IsGraphOutput(node.Result.Name) && graph.Inputs.Any(i => i.Name == node.Operands[0]);

    /// <summary>After about half of the nodes: transposes, reshape-like ops, identities or (re)quantizations that compose to nothing.</summary>
    private static Graph WithRoundTrips(Graph graph, int seed)
    {
        var random = new Random(seed);
        var targets = graph.Nodes.Where(n => n.Op != Ops.Constant && random.Next(2) == 0).Select(n => n.Result.Name).ToList();
        foreach (var target in targets)
        {
            graph = NodeChain.Splice(graph, target, (chain, input) => random.Next(4) switch
            {
                0 => Transposes(chain, input, random),
                1 => Reshapes(chain, input, random),
                2 => chain.TypeOf(input).IsQuantized ? Requantizations(chain, input) : Identities(chain, input),
                _ => Transposes(chain, Reshapes(chain, input, random), random),
            }) ?? graph;
        }

        return graph;
    }

    private static string Transposes(NodeChain chain, string input, Random random)
    {
        var rank = chain.TypeOf(input).Rank;
        if (rank < 2)
        {
            return input;
        }

        var composite = Enumerable.Range(0, rank).ToArray();
        var current = input;
        for (var k = random.Next(1, 3); k > 0; k--)
        {
            var perm = Enumerable.Range(0, rank).OrderBy(_ => random.Next()).ToArray();
            current = chain.Add(Ops.Transpose, [current], chain.TypeOf(current), ("perm", new IntListAttribute([.. perm.Select(p => (long)p)])));
            composite = [.. perm.Select(p => composite[p])];
        }

        var inverse = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            inverse[composite[i]] = i;
        }

        return chain.Add(Ops.Transpose, [current], chain.TypeOf(current), ("perm", new IntListAttribute([.. inverse])));
    }

    private static string Reshapes(NodeChain chain, string input, Random random)
    {
        var type = chain.TypeOf(input);
        var flat = chain.Add(Ops.Reshape, [input], type, ("shape", new IntListAttribute([type.ElementCount])));
        var expanded = chain.Add(Ops.ExpandDims, [flat], type, ("axis", new IntAttribute(random.Next(2))));
        var squeezed = random.Next(2) == 0 ? chain.Add(Ops.Squeeze, [expanded], type) : expanded;
        return chain.Add(Ops.Reshape, [squeezed], type, ("shape", new IntListAttribute([.. type.Shape.Select(d => (long)d)])));
    }

    private static string Requantizations(NodeChain chain, string input)
    {
        var type = chain.TypeOf(input);
        var real = chain.Add(Ops.Dequantize, [input], new TensorType(ElementType.F32, type.Shape));
        return chain.Add(Ops.Requantize, [chain.Add(Ops.Quantize, [real], type)], type);
    }

    private static string Identities(NodeChain chain, string input)
    {
        var type = chain.TypeOf(input);
        var channels = type.Rank == 0 ? 1 : type.Shape[^1];
        var negativeZero = chain.Constant(TensorData.FromSingles(new TensorType(ElementType.F32, []), [-0f]));
        var zero = chain.Constant(TensorData.FromSingles(new TensorType(ElementType.F32, []), [0f]));
        var one = chain.Constant(TensorData.FromSingles(new TensorType(ElementType.F32, type.Rank == 0 ? [] : [channels]), [.. Enumerable.Repeat(1f, channels)]));
        var sum = chain.Add(Ops.Add, [input, negativeZero], type);
        var product = chain.Add(Ops.Mul, [one, sum], type);
        var difference = chain.Add(Ops.Sub, [product, zero], type);
        return chain.Add(Ops.Div, [difference, one], type);
    }
}
