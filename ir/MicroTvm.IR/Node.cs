namespace MicroTvm.IR;

/// <summary>
/// One operation: an op from the registry, its operand value names (in order; an empty name is an
/// absent optional operand), its typed attributes and its results. Immutable: passes build new
/// nodes with the <c>With…</c> methods. Equality ignores <see cref="Location"/>.
/// </summary>
public sealed class Node : IEquatable<Node>
{
    public Node(
        OpDefinition op,
        ImmutableArray<string> operands,
        ImmutableArray<Value> results,
        ImmutableSortedDictionary<string, Attribute>? attributes = null,
        SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        Op = op;
        Operands = operands.IsDefault ? [] : operands;
        Results = results.IsDefault ? [] : results;
        Attributes = attributes ?? ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
        Location = location;
    }

    public OpDefinition Op { get; }

    public ImmutableArray<string> Operands { get; }

    public ImmutableArray<Value> Results { get; }

    public ImmutableSortedDictionary<string, Attribute> Attributes { get; }

    public SourceLocation? Location { get; }

    /// <summary>The single result of a one-result node.</summary>
    public Value Result => Results.Length == 1
        ? Results[0]
        : throw new InvalidOperationException($"'{Op.Name}' has {Results.Length} results, not one");

    public bool HasOperand(int index) => index < Operands.Length && Operands[index].Length > 0;

    /// <summary>The attribute as set, or the op's declared default, or null.</summary>
    public Attribute? GetAttribute(string name) =>
        Attributes.TryGetValue(name, out var value) ? value : Op.FindAttribute(name)?.Default;

    public long GetInt(string name) => GetRequired<IntAttribute>(name).Value;

    public double GetFloat(string name) => GetRequired<FloatAttribute>(name).Value;

    public bool GetBool(string name) => GetRequired<BoolAttribute>(name).Value;

    public string GetString(string name) => GetRequired<StringAttribute>(name).Value;

    public ImmutableArray<long> GetInts(string name) => GetRequired<IntListAttribute>(name).Values;

    public ImmutableArray<double> GetFloats(string name) => GetRequired<FloatListAttribute>(name).Values;

    public TensorData GetTensor(string name) => GetRequired<TensorAttribute>(name).Value;

    public Node WithOperands(ImmutableArray<string> operands) => new(Op, operands, Results, Attributes, Location);

    public Node WithResults(ImmutableArray<Value> results) => new(Op, Operands, results, Attributes, Location);

    public Node WithAttributes(ImmutableSortedDictionary<string, Attribute> attributes) =>
        new(Op, Operands, Results, attributes, Location);

    public Node WithAttribute(string name, Attribute value) => WithAttributes(Attributes.SetItem(name, value));

    public Node WithLocation(SourceLocation? location) => new(Op, Operands, Results, Attributes, location);

    public bool Equals(Node? other) =>
        other is not null
        && ReferenceEquals(Op, other.Op)
        && ImmutableArrayEquality.SequenceEqual(Operands, other.Operands)
        && ImmutableArrayEquality.SequenceEqual(Results, other.Results)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(pair => other.Attributes.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value));

    public override bool Equals(object? obj) => Equals(obj as Node);

    public override int GetHashCode() =>
        HashCode.Combine(Op.Name, ImmutableArrayEquality.Hash(Operands), ImmutableArrayEquality.Hash(Results));

    public override string ToString() => $"{string.Join(", ", Results.Select(r => "%" + r.Name))} = {Op.Name}(...)";

    private T GetRequired<T>(string name)
        where T : Attribute =>
        GetAttribute(name) switch
        {
            T value => value,
            null => throw new InvalidOperationException($"'{Op.Name}' has no attribute '{name}' and no default for it"),
            var other => throw new InvalidOperationException(
                $"attribute '{name}' of '{Op.Name}' is {other.Kind}, not {typeof(T).Name}"),
        };
}
