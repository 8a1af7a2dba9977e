using MicroTvm.IR;
using MicroTvm.IR.Tests.Support;

namespace MicroTvm.IR.Tests.Analysis;

public sealed class DominatorTreeTests
{
    private const int Root = DominatorTree.Root;

    ///   0
    ///  / \
    /// 1   2
    ///  \ /
    ///   3
    private static readonly Graph Diamond = DataflowGraphs.FromEdges(4, [(0, 1), (0, 2), (1, 3), (2, 3)], [3]);

    [Fact]
    public void DiamondDominators()
    {
        var tree = DominatorTree.Dominators(Diamond);
        Assert.Equal([Root, 0, 0, 0], Idoms(tree, 4));
        Assert.True(tree.Dominates(0, 3));
        Assert.False(tree.Dominates(1, 3));
        Assert.True(tree.Dominates(3, 3));
        Assert.True(tree.Dominates(Root, 2));
    }

    [Fact]
    public void DiamondPostDominators()
    {
        var tree = DominatorTree.PostDominators(Diamond);
        Assert.True(tree.IsPostDominatorTree);
        Assert.Equal([3, 3, 3, Root], Idoms(tree, 4));
        Assert.True(tree.Dominates(3, 0));
        Assert.False(tree.Dominates(1, 0));
    }

    [Fact]
    public void ChainDominatorsAndPostDominators()
    {
        var chain = DataflowGraphs.FromEdges(3, [(0, 1), (1, 2)], [2]);
        Assert.Equal([Root, 0, 1], Idoms(DominatorTree.Dominators(chain), 3));
        Assert.Equal([1, 2, Root], Idoms(DominatorTree.PostDominators(chain), 3));
        Assert.True(DominatorTree.Dominators(chain).Dominates(0, 2));
        Assert.True(DominatorTree.PostDominators(chain).Dominates(2, 0));
    }

    [Fact]
    public void NodeObjectsMapToTheirImmediateDominators()
    {
        var chain = DataflowGraphs.FromEdges(3, [(0, 1), (1, 2)], [2]);
        var tree = DominatorTree.Dominators(chain);
        Assert.Same(chain.Nodes[1], tree.ImmediateDominator(chain.Nodes[2]));
        Assert.Null(tree.ImmediateDominator(chain.Nodes[0]));
        Assert.True(tree.Dominates(chain.Nodes[0], chain.Nodes[2]));
    }

    [Fact]
    public void TwoGraphOutputsArePostDominatedOnlyByTheSink()
    {
        var fork = DataflowGraphs.FromEdges(3, [(0, 1), (0, 2)], [1, 2]);
        Assert.Equal([Root, Root, Root], Idoms(DominatorTree.PostDominators(fork), 3));
    }

    [Fact]
    public void AnOutputThatIsAlsoUsedStillReachesTheSink()
    {
        var chain = DataflowGraphs.FromEdges(3, [(0, 1), (1, 2)], [0, 2]);
        Assert.Equal([Root, 2, Root], Idoms(DominatorTree.PostDominators(chain), 3));
    }

    [Fact]
    public void AGraphInputReadBelowBypassesTheNodesAbove()
    {
        var graph = DataflowGraphs.FromEdges(3, [(0, 1), (1, 2)], [2], alsoReadInput: [2]);
        Assert.Equal([Root, 0, Root], Idoms(DominatorTree.Dominators(graph), 3));
    }

    [Fact]
    public void NodesOnAnUnreachableCycleDominateOnlyThemselves()
    {
        var cycle = new Graph(
            "main",
            [],
            [new Node(Ops.Add, ["b"], [new Value("a", Support.Types.F32(1))]), new Node(Ops.Add, ["a"], [new Value("b", Support.Types.F32(1))])],
            ["a"]);
        var tree = DominatorTree.Dominators(cycle);
        Assert.True(tree.Dominates(0, 0));
        Assert.False(tree.Dominates(0, 1));
        Assert.False(tree.Dominates(Root, 1));
    }

    [Fact]
    public void RejectsANodeOfAnotherGraph()
    {
        var tree = DominatorTree.Dominators(Diamond);
        Assert.Throws<ArgumentException>(() => tree.ImmediateDominator(DataflowGraphs.FromEdges(1, [], [0]).Nodes[0]));
    }

    private static int[] Idoms(DominatorTree tree, int count) => [.. Enumerable.Range(0, count).Select(tree.ImmediateDominator)];
}
