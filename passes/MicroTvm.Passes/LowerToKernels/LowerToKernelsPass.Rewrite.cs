using MicroTvm.Passes.Lowering;

namespace MicroTvm.Passes;

/// <summary>Rewriting a caller: each call or op becomes a kernel_call bound to the lowered kernel's parameters.</summary>
public sealed partial class LowerToKernelsPass
{
    /// <summary>The caller with every call and op replaced, or null after reporting the nodes that cannot be lowered.</summary>
    private static Graph? RewriteGraph(Module module, Graph graph, KernelTable kernels, PassContext context)
    {
        var names = new HashSet<string>(graph.Index.Values.Keys, StringComparer.Ordinal);
        var nodes = ImmutableArray.CreateBuilder<Node>();
        var ok = true;
        foreach (var node in graph.Nodes)
        {
            if (ReferenceEquals(node.Op, Ops.Constant) || ReferenceEquals(node.Op, Ops.KernelCall))
            {
                nodes.Add(node);
                continue;
            }

            var (group, arguments) = ReferenceEquals(node.Op, Ops.Call) && module.FindGraph(node.GetString("callee")) is { } callee && FuseOpsPass.IsPrimitive(callee)
                ? (callee, node.Operands)
                : SingleOp(graph, node, kernels);
            var result = kernels.Lower(group);
            if (result.Kernel is not { } kernel)
            {
                var failed = result.FailedNode ?? node;
                context.Error(
                    PassDiagnosticIds.LoweringUnsupported,
                    $"lower-to-kernels: graph '{group.Name}': cannot lower {result.Failure}",
                    failed.Location ?? node.Location);
                ok = false;
                continue;
            }

            nodes.Add(Bind(node, kernel, arguments, graph, names, nodes));
        }

        return ok ? RemoveUnreadConstants(graph.WithNodes(nodes.ToImmutable())) : null;
    }

    private static (Graph Group, ImmutableArray<string> Arguments) SingleOp(Graph graph, Node node, KernelTable kernels)
    {
        var group = SingleOpGraph.Of(graph, node, kernels.FreshName(node.Op.Name));
        return (group, [.. group.Inputs.Select(input => input.Name)]);
    }

    /// <summary>The kernel_call for <paramref name="node"/>; new constant nodes it needs are appended to <paramref name="nodes"/> first.</summary>
    private static Node Bind(Node node, LoweredKernel kernel, ImmutableArray<string> arguments, Graph graph, HashSet<string> names, ImmutableArray<Node>.Builder nodes)
    {
        var operands = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < kernel.Bindings.Length; i++)
        {
            var parameter = kernel.Function.Parameters[i];
            switch (kernel.Bindings[i])
            {
                case KernelBinding.Input input:
                    operands.Add(arguments[input.Index]);
                    break;
                case KernelBinding.Constant constant when graph.Index.Producer(constant.Node.Result.Name) is { } own && own.Equals(constant.Node):
                    operands.Add(constant.Node.Result.Name);
                    break;
                case KernelBinding.Constant constant:
                    operands.Add(AddConstant(constant.Node.GetTensor("value"), $"{kernel.Function.Name}_{parameter.Name}", names, nodes));
                    break;
                case KernelBinding.Computed computed:
                    operands.Add(AddConstant(computed.Data, $"{kernel.Function.Name}_{parameter.Name}", names, nodes));
                    break;
            }
        }

        var attributes = ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal)
            .Add("kernel", new StringAttribute(kernel.Function.Name));
        if (kernel.Macs > 0)
        {
            attributes = attributes.Add("macs", new IntAttribute(kernel.Macs));
        }

        if (kernel.Schedule is { } schedule)
        {
            attributes = attributes.Add("schedule", new StringAttribute(schedule));
        }

        return new Node(Ops.KernelCall, operands.ToImmutable(), node.Results, attributes, node.Location);
    }

    private static string AddConstant(TensorData data, string hint, HashSet<string> names, ImmutableArray<Node>.Builder nodes)
    {
        var name = hint;
        for (var i = 1; !names.Add(name); i++)
        {
            name = $"{hint}_{i}";
        }

        var attributes = ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal).Add("value", new TensorAttribute(data));
        nodes.Add(new Node(Ops.Constant, [], [new Value(name, data.Type)], attributes));
        return name;
    }

    private static Graph RemoveUnreadConstants(Graph graph)
    {
        var read = graph.Nodes.SelectMany(n => n.Operands).Concat(graph.Outputs).ToHashSet(StringComparer.Ordinal);
        return graph.WithNodes([.. graph.Nodes.Where(n => !ReferenceEquals(n.Op, Ops.Constant) || read.Contains(n.Result.Name))]);
    }
}
