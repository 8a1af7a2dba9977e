using MicroTvm.IR;
using static MicroTvm.IR.Tests.Support.NodeFactory;
using static MicroTvm.IR.Tests.Support.Types;

namespace MicroTvm.IR.Tests.Analysis;

public sealed class TopologicalSortTests
{
    private static readonly Node A = Relu("a", "in");
    private static readonly Node B = Relu("b", "a");
    private static readonly Node C = Relu("c", "b");
    private static readonly Node D = Relu("d", "in");

    [Fact]
    public void KeepsAnOrderThatIsAlreadyTopological()
    {
        var result = TopologicalSort.Sort([A, D, B, C]);
        Assert.True(result.IsAcyclic);
        Assert.Equal([A, D, B, C], result.Order.ToArray());
    }

    [Fact]
    public void ReversesAReversedChain() => Assert.Equal([A, B, C], TopologicalSort.Sort([C, B, A]).Order.ToArray());

    [Fact]
    public void MovesNodesOnlyAsFarAsTheirDependenciesForce() =>
        Assert.Equal([A, B, C, D], TopologicalSort.Sort([A, C, B, D]).Order.ToArray());

    [Fact]
    public void ReportsTheNodesOnACycleInDataflowOrder()
    {
        var x = Relu("x", "z");
        var y = Relu("y", "x");
        var z = Relu("z", "y");
        var result = TopologicalSort.Sort([D, y, x, z, A]);
        Assert.False(result.IsAcyclic);
        Assert.Empty(result.Order);
        Assert.Equal(3, result.Cycle.Length);
        Assert.Equal(new[] { x, y, z }.ToHashSet(), result.Cycle.ToHashSet());
        for (var i = 0; i < result.Cycle.Length; i++)
        {
            var next = result.Cycle[(i + 1) % result.Cycle.Length];
            Assert.Contains(result.Cycle[i].Result.Name, next.Operands);
        }
    }

    [Fact]
    public void ANodeReadingItsOwnResultIsACycleOfOne()
    {
        var self = Relu("s", "s");
        Assert.Equal([self], TopologicalSort.Sort([A, self]).Cycle.ToArray());
    }

    [Fact]
    public void IgnoresOperandsNoNodeProduces() => Assert.Equal([D], TopologicalSort.Sort([D]).Order.ToArray());

    private static Node Relu(string result, string operand) => Node(Ops.Relu, [operand], new Value(result, F32(1)));
}
