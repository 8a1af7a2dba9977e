namespace MicroTvm.IR;

/// <summary>
/// A named dataflow graph: inputs, nodes in topological order, and outputs (value names).
/// Immutable; <see cref="Index"/> (producers, users, value types) is computed once on demand.
/// Equality is structural and ignores locations.
/// </summary>
public sealed class Graph : IEquatable<Graph>
{
    private GraphIndex? _index;

    public Graph(
        string name,
        ImmutableArray<Value> inputs,
        ImmutableArray<Node> nodes,
        ImmutableArray<string> outputs,
        ImmutableSortedDictionary<string, Attribute>? attributes = null)
    {
        Name = !string.IsNullOrEmpty(name) ? name : throw new ArgumentException("a graph needs a name", nameof(name));
        Inputs = inputs.IsDefault ? [] : inputs;
        Nodes = nodes.IsDefault ? [] : nodes;
        Outputs = outputs.IsDefault ? [] : outputs;
        Attributes = attributes ?? ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
    }

    public string Name { get; }

    public ImmutableArray<Value> Inputs { get; }

    public ImmutableArray<Node> Nodes { get; }

    public ImmutableArray<string> Outputs { get; }

    public ImmutableSortedDictionary<string, Attribute> Attributes { get; }

    /// <summary>Producers, users and types of every value. Safe to share: the graph never changes.</summary>
    public GraphIndex Index => _index ??= new GraphIndex(this);

    public Graph WithNodes(ImmutableArray<Node> nodes) => new(Name, Inputs, nodes, Outputs, Attributes);

    public Graph WithInputs(ImmutableArray<Value> inputs) => new(Name, inputs, Nodes, Outputs, Attributes);

    public Graph WithOutputs(ImmutableArray<string> outputs) => new(Name, Inputs, Nodes, outputs, Attributes);

    public Graph WithName(string name) => new(name, Inputs, Nodes, Outputs, Attributes);

    public Graph WithAttributes(ImmutableSortedDictionary<string, Attribute> attributes) =>
        new(Name, Inputs, Nodes, Outputs, attributes);

    public bool Equals(Graph? other) =>
        other is not null
        && Name == other.Name
        && ImmutableArrayEquality.SequenceEqual(Inputs, other.Inputs)
        && ImmutableArrayEquality.SequenceEqual(Nodes, other.Nodes)
        && ImmutableArrayEquality.SequenceEqual(Outputs, other.Outputs)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(pair => other.Attributes.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value));

    public override bool Equals(object? obj) => Equals(obj as Graph);

    public override int GetHashCode() => HashCode.Combine(Name, Nodes.Length, Inputs.Length, Outputs.Length);
}
