namespace MicroTvm.Passes.Tests.Rewriting;

/// <summary>
/// Test-side graph surgery: <see cref="Splice"/> puts a chain of new nodes between a node and the
/// users of its result (the node's result is renamed, the chain's last value takes the old name).
/// Node types come from type inference, so a chain is well typed by construction.
/// </summary>
internal sealed class NodeChain
{
    private readonly Dictionary<string, TensorType> _types;
    private readonly HashSet<string> _names;
    private int _next;

    private NodeChain(Graph graph)
    {
        _types = new Dictionary<string, TensorType>(graph.Index.Values.ToDictionary(p => p.Key, p => p.Value.Type), StringComparer.Ordinal);
        _names = [.. _types.Keys];
    }

    public List<Node> Nodes { get; } = [];

    public TensorType TypeOf(string value) => _types[value];

    /// <summary>Adds a node; its result type is inferred, with <paramref name="declared"/> fixing what the op leaves free.</summary>
    public string Add(OpDefinition op, string[] operands, TensorType declared, params (string Name, IR.Attribute Value)[] attributes)
    {
        var name = Fresh("m");
        var attributeMap = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));
        var node = new Node(op, [.. operands], [new Value(name, declared)], attributeMap);
        var types = TypeInferenceRunner.InferResultTypes(node, v => _types.GetValueOrDefault(v), out var errors);
        if (types.IsDefault)
        {
            throw new InvalidOperationException($"chain node {op.Name} does not type: {string.Join("; ", errors)}");
        }

        Nodes.Add(node.WithResults([new Value(name, types[0])]));
        _types[name] = types[0];
        return name;
    }

    public string Constant(TensorData data) => Add(Ops.Constant, [], data.Type, ("value", new TensorAttribute(data)));

    /// <summary>
    /// The graph with <paramref name="build"/>'s chain spliced after the producer of <paramref name="value"/>;
    /// null when the chain is empty or does not end in the value's type.
    /// </summary>
    public static Graph? Splice(Graph graph, string value, Func<NodeChain, string, string> build)
    {
        var index = graph.Index.ProducerIndex(value);
        var producer = graph.Nodes[index];
        var chain = new NodeChain(graph);
        var input = chain.Fresh(value + "_pre");
        var type = graph.Index.FindValue(value)!.Type;
        chain._types[input] = type;
        var last = build(chain, input);
        if (last == input || chain.Nodes.Count == 0 || chain.Nodes[^1].Result.Name != last || !chain.Nodes[^1].Result.Type.Equals(type))
        {
            return null;
        }

        chain.Nodes[^1] = chain.Nodes[^1].WithResults([new Value(value, type)]);
        var renamed = producer.WithResults([.. producer.Results.Select(r => r.Name == value ? new Value(input, r.Type) : r)]);
        return graph.WithNodes([.. graph.Nodes[..index], renamed, .. chain.Nodes, .. graph.Nodes[(index + 1)..]]);
    }

    private string Fresh(string stem)
    {
        var name = stem;
        while (!_names.Add(name))
        {
            name = $"{stem}{_next++}";
        }

        return name;
    }
}
