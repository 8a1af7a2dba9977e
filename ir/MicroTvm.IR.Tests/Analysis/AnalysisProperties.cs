using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR;

namespace MicroTvm.IR.Tests.Analysis;

public sealed class AnalysisProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void DominatorsAgreeWithTheDefinition() =>
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary(), dag =>
        {
            var graph = dag.ToGraph();
            var tree = DominatorTree.Dominators(graph);
            var (successors, roots) = ForwardEdges(dag);
            return AgreesWithPaths(tree, dag.Count, successors, roots);
        }));

    [Fact]
    public void PostDominatorsAgreeWithTheDefinition() =>
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary(), dag =>
        {
            var graph = dag.ToGraph();
            var tree = DominatorTree.PostDominators(graph);
            var (successors, roots) = ForwardEdges(dag);
            var predecessors = Enumerable.Range(0, dag.Count).Select(n => Enumerable.Range(0, dag.Count).Where(p => successors[p].Contains(n)).ToList()).ToArray();
            var sinkFed = Enumerable.Range(0, dag.Count).Where(n => dag.Outputs.Contains(n) || successors[n].Count == 0).ToList();
            return AgreesWithPaths(tree, dag.Count, predecessors, sinkFed);
        }));

    [Fact]
    public void LivenessIntervalsContainEveryUse() =>
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (dag, seed) =>
        {
            var graph = dag.ToGraph();
            var shuffled = graph.Nodes.OrderBy(_ => new Random(seed).Next()).ToList();
            var schedule = TopologicalSort.Sort(shuffled).Order;
            var liveness = Liveness.Analyze(graph, schedule);
            for (var step = 0; step < schedule.Length; step++)
            {
                if (schedule[step].Operands.Any(o => !liveness.IntervalOf(o).IsLiveAt(step))
                    || liveness.IntervalOf(schedule[step].Result.Name).Definition != step
                    || liveness.LiveBytesAt(step) != liveness.Intervals.Where(i => i.IsLiveAt(step)).Sum(i => i.Value.Type.ByteSize))
                {
                    return false;
                }
            }

            return graph.Outputs.All(o => liveness.IntervalOf(o).LastUse == schedule.Length - 1)
                && liveness.IntervalOf("in").Definition == 0;
        }));

    [Fact]
    public void TopologicalSortOrdersEveryShuffleOfADag() =>
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (dag, seed) =>
        {
            var graph = dag.ToGraph();
            var random = new Random(seed);
            var order = TopologicalSort.Sort(graph.Nodes.OrderBy(_ => random.Next()).ToList()).Order;
            var position = order.Select((node, i) => (node.Result.Name, i)).ToDictionary(p => p.Name, p => p.i);
            return order.Length == graph.Nodes.Length
                && order.All(node => node.Operands.All(o => o == "in" || position[o] < position[node.Result.Name]));
        }));

    /// <summary>Node successors in the DAG, and the nodes the virtual entry feeds (readers of the graph input).</summary>
    private static (List<int>[] Successors, List<int> Roots) ForwardEdges(RandomDag dag)
    {
        var successors = Enumerable.Range(0, dag.Count).Select(n => dag.Edges.Where(e => e.From == n).Select(e => e.To).Distinct().ToList()).ToArray();
        var roots = Enumerable.Range(0, dag.Count).Where(n => dag.AlsoReadInput.Contains(n) || dag.Edges.All(e => e.To != n)).ToList();
        return (successors, roots);
    }

    /// <summary>a dominates b iff b cannot be reached from the virtual root once a is removed (or a is b).</summary>
    private static bool AgreesWithPaths(DominatorTree tree, int count, IReadOnlyList<List<int>> successors, List<int> roots)
    {
        for (var a = 0; a < count; a++)
        {
            var reached = Reachable(successors, roots, without: a);
            for (var b = 0; b < count; b++)
            {
                if (tree.Dominates(a, b) != (a == b || !reached[b]))
                {
                    return false;
                }
            }
        }

        return Enumerable.Range(0, count).All(b => tree.Dominates(DominatorTree.Root, b));
    }

    private static bool[] Reachable(IReadOnlyList<List<int>> successors, List<int> roots, int without)
    {
        var reached = new bool[successors.Count];
        var work = new Stack<int>(roots.Where(r => r != without));
        while (work.TryPop(out var n))
        {
            if (reached[n])
            {
                continue;
            }

            reached[n] = true;
            foreach (var next in successors[n].Where(s => s != without))
            {
                work.Push(next);
            }
        }

        return reached;
    }
}
