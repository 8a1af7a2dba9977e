using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;
using MicroTvm.Passes.Tests.Rewriting;

namespace MicroTvm.Passes.Tests.Cse;

/// <summary>cse preserves what random graphs compute bit for bit, and merges the duplicates added to them.</summary>
public sealed class CseProperties
{
    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void PreservesRandomGraphs() =>
        Check.One(PassProperty.Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), Seeds, (graphCase, seed) =>
            PassProperty.Holds("cse", graphCase.Module, seed, FloatTolerance.Exact, $"{graphCase.ToString().Split('\n')[0]}, seed {seed}")));

    [Fact]
    public void MergesDuplicatesAddedToRandomGraphs() =>
        Check.One(PassProperty.Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), Seeds, (graphCase, seed) =>
        {
            var original = graphCase.Graph;
            var graph = WithDuplicates(original, seed, out var kept);
            return PassProperty.Holds(
                "cse",
                new Module([graph]),
                seed,
                FloatTolerance.Exact,
                $"WithDuplicates({graphCase.ToString().Split('\n')[0]}, seed {seed})",
                after => after.Main.Nodes.Length <= original.Nodes.Length + kept ? null : "a duplicate is left");
        }));

    /// <summary>
    /// A copy after about a third of the nodes (constants too); each later use picks the original or
    /// the copy at random, and a copy is sometimes also a graph output. <paramref name="kept"/> counts
    /// copies that must stay because both they and their original are outputs.
    /// </summary>
    private static Graph WithDuplicates(Graph graph, int seed, out int kept)
    {
        var random = new Random(seed);
        var copies = new Dictionary<string, string>(StringComparer.Ordinal);
        var outputs = graph.Outputs.ToList();
        var nodes = new List<Node>();
        kept = 0;
        foreach (var original in graph.Nodes)
        {
            var node = original.WithOperands([.. original.Operands.Select(o => copies.TryGetValue(o, out var copy) && random.Next(2) == 0 ? copy : o)]);
            nodes.Add(node);
            if (random.Next(3) != 0)
            {
                continue;
            }

            nodes.Add(node.WithResults([.. node.Results.Select(r => r.WithName(r.Name + "_copy"))]));
            foreach (var result in node.Results)
            {
                copies[result.Name] = result.Name + "_copy";
                if (random.Next(4) == 0)
                {
                    outputs.Add(result.Name + "_copy");
                    kept += outputs.Contains(result.Name) ? 1 : 0;
                }
            }
        }

        return graph.WithNodes([.. nodes]).WithOutputs([.. outputs]);
    }
}
