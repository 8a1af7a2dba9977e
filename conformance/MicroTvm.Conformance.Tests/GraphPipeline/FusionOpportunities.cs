using MicroTvm.IR;

namespace MicroTvm.Conformance.Tests.GraphPipeline;

/// <summary>
/// An oracle for fuse-ops that does not share its code: a plain op whose one consumer is a plain
/// op it may fuse with under TVM's rules (conv-like into an elementwise consumer over an
/// elementwise edge, elementwise/broadcast into an injective, reduction or lesser consumer,
/// injective into injective). Such a pair is always fusable (the consumer post-dominates the
/// producer), so none may remain after fuse-ops.
/// </summary>
internal static class FusionOpportunities
{
    public static IEnumerable<string> In(Graph graph)
    {
        var index = graph.Index;
        foreach (var producer in graph.Nodes.Where(IsPlainOp))
        {
            var uses = producer.Results.SelectMany(r => index.Uses(r.Name)).ToList();
            if (uses.Count == 0 || uses.Any(u => u.IsGraphOutput) || uses.Select(u => u.NodeIndex).Distinct().Count() != 1)
            {
                continue;
            }

            var consumer = graph.Nodes[uses[0].NodeIndex];
            if (!IsPlainOp(consumer))
            {
                continue;
            }

            var edge = consumer.Op.Pattern;
            if (edge == PatternKind.Broadcast && producer.Results.All(r => r.Type.Shape.SequenceEqual(consumer.Results[0].Type.Shape)))
            {
                edge = PatternKind.Elementwise;
            }

            var fusable = producer.Op.Pattern switch
            {
                PatternKind.OutElementwiseFusable => edge == PatternKind.Elementwise,
                <= PatternKind.Broadcast => edge <= PatternKind.Injective || edge == PatternKind.CommutativeReduce,
                PatternKind.Injective => edge <= PatternKind.Injective,
                _ => false,
            };
            if (fusable)
            {
                yield return $"{producer} -> {consumer}";
            }
        }
    }

    private static bool IsPlainOp(Node node) => !ReferenceEquals(node.Op, Ops.Constant) && !ReferenceEquals(node.Op, Ops.Call);
}
