using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR;
using MicroTvm.IR.Tests.Support;

namespace MicroTvm.IR.Tests.Analysis;

/// <summary>A random DAG over nodes 0..Count-1 (edges only go forward), as a graph of <see cref="DataflowGraphs"/>.</summary>
public sealed record RandomDag(int Count, (int From, int To)[] Edges, int[] Outputs, int[] AlsoReadInput)
{
    public Graph ToGraph() => DataflowGraphs.FromEdges(Count, Edges, Outputs, AlsoReadInput);

    public static Arbitrary<RandomDag> Arbitrary() => Arb.From(Generator());

    public override string ToString() =>
        $"{Count} nodes, edges [{string.Join(", ", Edges)}], outputs [{string.Join(", ", Outputs)}], also reading the input [{string.Join(", ", AlsoReadInput)}]";

    private static Gen<RandomDag> Generator() =>
        from count in Gen.Choose(1, 12)
        from edgeFlags in Gen.ArrayOf(Gen.Choose(0, 2), count * count)
        from outputFlags in Gen.ArrayOf(Gen.Choose(0, 3), count)
        from inputFlags in Gen.ArrayOf(Gen.Choose(0, 4), count)
        select new RandomDag(
            count,
            [.. from a in Enumerable.Range(0, count) from b in Enumerable.Range(a + 1, count - a - 1) where edgeFlags[(a * count) + b] == 0 select (a, b)],
            [.. Enumerable.Range(0, count).Where(n => outputFlags[n] == 0)],
            [.. Enumerable.Range(0, count).Where(n => inputFlags[n] == 0)]);
}
