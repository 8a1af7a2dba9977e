namespace MicroTvm.Passes;

/// <summary>
/// Recomputes every node's result types from its operand types with the op catalog's type
/// inference, walking each graph in node order (nodes are topologically ordered, so operand
/// types are final when a node is reached). Parts of a type an op leaves free — the
/// quantization of a conv's output, the element type of a cast — are kept from the declared
/// result. Every node that fails inference is reported; it keeps its declared types so that the
/// walk can go on and report the rest.
/// </summary>
[Pass(
    "infer-types",
    "recompute every node's result types from its operands",
    Description = "Propagates shapes (and element types the ops determine) from the graph inputs through every node, "
        + "keeping the quantization and element types the ops leave to the declaration. Run it after any pass that "
        + "changes input shapes or rewrites nodes without computing their types.")]
public sealed class InferTypesPass : Pass
{
    [PassStatistic("num-updated", "nodes whose result types changed")]
    public PassStatistic NumUpdated { get; } = new();

    public override Module Run(Module module, PassContext context) =>
        module.WithGraphs([.. module.Graphs.Select(graph => InferGraph(graph, context))]);

    private Graph InferGraph(Graph graph, PassContext context)
    {
        var types = new Dictionary<string, TensorType>(StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
        {
            types.TryAdd(input.Name, input.Type);
        }

        var nodes = ImmutableArray.CreateBuilder<Node>(graph.Nodes.Length);
        var changed = false;
        foreach (var node in graph.Nodes)
        {
            var updated = InferNode(graph, node, types, context);
            changed |= !ReferenceEquals(updated, node);
            nodes.Add(updated);
            foreach (var result in updated.Results)
            {
                types.TryAdd(result.Name, result.Type);
            }
        }

        return changed ? graph.WithNodes(nodes.MoveToImmutable()) : graph;
    }

    private Node InferNode(Graph graph, Node node, Dictionary<string, TensorType> types, PassContext context)
    {
        var inferred = TypeInferenceRunner.InferResultTypes(node, name => types.GetValueOrDefault(name), out var errors);
        var place = $"graph '{graph.Name}': {node}";
        foreach (var error in errors)
        {
            context.Error(PassDiagnosticIds.TypeInference, $"{place}: {error}", node.Location);
        }

        if (inferred.IsDefault)
        {
            return node;
        }

        if (inferred.Length != node.Results.Length)
        {
            context.Error(PassDiagnosticIds.TypeInference, $"{place}: inference gives {inferred.Length} results for {node.Results.Length} declared", node.Location);
            return node;
        }

        var results = ImmutableArray.CreateBuilder<Value>(node.Results.Length);
        var changed = false;
        for (var i = 0; i < inferred.Length; i++)
        {
            var declared = node.Results[i];
            changed |= !declared.Type.Equals(inferred[i]);
            results.Add(declared.Type.Equals(inferred[i]) ? declared : declared.WithType(inferred[i]));
        }

        if (!changed)
        {
            return node;
        }

        NumUpdated.Increment();
        return node.WithResults(results.MoveToImmutable());
    }
}
