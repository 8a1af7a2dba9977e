namespace MicroTvm.Passes;

/// <summary>
/// What makes two nodes compute the same values: op, operand names, every attribute with the op's
/// defaults filled in, and result types. Result names do not count.
/// </summary>
internal sealed class NodeKey : IEquatable<NodeKey>
{
    private readonly OpDefinition _op;
    private readonly ImmutableArray<string> _operands;
    private readonly ImmutableArray<KeyValuePair<string, IR.Attribute?>> _attributes;
    private readonly ImmutableArray<TensorType> _resultTypes;
    private readonly int _hash;

    public NodeKey(Node node)
    {
        _op = node.Op;
        _operands = node.Operands;
        _attributes = [.. node.Op.Attributes.Select(a => a.Name).Concat(node.Attributes.Keys).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).Select(name => KeyValuePair.Create(name, node.GetAttribute(name)))];
        _resultTypes = [.. node.Results.Select(r => r.Type)];
        var hash = new HashCode();
        hash.Add(_op.Name);
        foreach (var operand in _operands)
        {
            hash.Add(operand);
        }

        foreach (var (name, value) in _attributes)
        {
            hash.Add(name);
            hash.Add(value);
        }

        foreach (var type in _resultTypes)
        {
            hash.Add(type);
        }

        _hash = hash.ToHashCode();
    }

    public bool Equals(NodeKey? other) =>
        other is not null
        && _hash == other._hash
        && ReferenceEquals(_op, other._op)
        && _operands.SequenceEqual(other._operands, StringComparer.Ordinal)
        && _attributes.Length == other._attributes.Length
        && _attributes.Zip(other._attributes, (a, b) => a.Key == b.Key && Equals(a.Value, b.Value)).All(same => same)
        && _resultTypes.SequenceEqual(other._resultTypes);

    public override bool Equals(object? obj) => Equals(obj as NodeKey);

    public override int GetHashCode() => _hash;
}
