namespace MicroTvm.IR;

public sealed class IntListAttribute(ImmutableArray<long> values) : Attribute
{
    public ImmutableArray<long> Values { get; } = values.IsDefault ? [] : values;

    public override AttributeKind Kind => AttributeKind.IntList;

    public override bool Equals(Attribute? other) =>
        other is IntListAttribute l && ImmutableArrayEquality.SequenceEqual(l.Values, Values);

    public override int GetHashCode() => HashCode.Combine(Kind, ImmutableArrayEquality.Hash(Values));

    public override string ToString() => $"[{string.Join(", ", Values)}]";
}
