namespace MicroTvm.IR;

/// <summary>A typed, immutable attribute value of a node or module. Equality is structural.</summary>
public abstract class Attribute : IEquatable<Attribute>
{
    private protected Attribute()
    {
    }

    public abstract AttributeKind Kind { get; }

    public abstract bool Equals(Attribute? other);

    public override bool Equals(object? obj) => Equals(obj as Attribute);

    public abstract override int GetHashCode();
}
