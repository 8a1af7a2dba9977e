namespace MicroTvm.IR;

public sealed class IntAttribute(long value) : Attribute
{
    public long Value { get; } = value;

    public override AttributeKind Kind => AttributeKind.Int;

    public override bool Equals(Attribute? other) => other is IntAttribute i && i.Value == Value;

    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
