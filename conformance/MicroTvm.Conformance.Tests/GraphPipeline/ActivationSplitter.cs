using System.Collections.Immutable;
using MicroTvm.IR;

namespace MicroTvm.Conformance.Tests.GraphPipeline;

/// <summary>
/// Rewrites a model the way an importer that does not fuse activations would see it: every
/// conv-like or binary op with a fused relu or relu6 becomes the op without it, followed by a
/// separate relu/relu6 node of the same type. The same arithmetic (the activation clamps in the
/// output's domain either way), but now fuse-ops has conv + activation pairs to group.
/// </summary>
internal static class ActivationSplitter
{
    public static Module Split(Module module, out int split)
    {
        var count = 0;
        var graphs = module.Graphs.Select(graph =>
        {
            var nodes = new List<Node>();
            foreach (var node in graph.Nodes)
            {
                if (node.Results.Length != 1
                    || node.Attributes.GetValueOrDefault("activation") is not StringAttribute { Value: var activation }
                    || ActivationOp(activation) is not { } op)
                {
                    nodes.Add(node);
                    continue;
                }

                var result = node.Result;
                var before = result.WithName(result.Name + "/before_activation");
                nodes.Add(node.WithAttributes(node.Attributes.Remove("activation")).WithResults([before]));
                nodes.Add(new Node(op, [before.Name], [result]));
                count++;
            }

            return graph.WithNodes([.. nodes]);
        }).ToImmutableArray();
        split = count;
        return module.WithGraphs(graphs);
    }

    private static OpDefinition? ActivationOp(string activation) => activation switch
    {
        Activations.Relu => Ops.Relu,
        Activations.Relu6 => Ops.Relu6,
        _ => null,
    };
}
