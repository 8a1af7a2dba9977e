using MicroTvm.IR;

namespace MicroTvm.Conformance.Tests.GraphPipeline;

/// <summary>What the graph pipeline did to one model: node counts before and after, the partitions (future kernels) and the groups fuse-ops formed.</summary>
internal sealed record PipelineRun(string Model, int NodesBefore, int OpsBefore, int NodesAfter, int OpsAfter, long Partitions, long Groups, long FusedOps, long MaxGroupSize)
{
    public const string Header = "model                                    nodes before (ops)   nodes after (ops)   partitions  groups  fused ops  largest";

    /// <summary>Nodes of every graph; ops are the nodes that are not constants.</summary>
    public static (int Nodes, int Ops) Count(Module module) =>
        (module.Graphs.Sum(g => g.Nodes.Length), module.Graphs.Sum(g => g.Nodes.Count(n => !ReferenceEquals(n.Op, Ops.Constant))));

    public override string ToString() =>
        $"{Model,-40} {NodesBefore,12} ({OpsBefore,4}) {NodesAfter,11} ({OpsAfter,4}) {Partitions,12} {Groups,7} {FusedOps,10} {MaxGroupSize,8}";
}
