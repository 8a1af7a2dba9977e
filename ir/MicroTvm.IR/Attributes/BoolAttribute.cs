namespace MicroTvm.IR;

public sealed class BoolAttribute(bool value) : Attribute
{
    public bool Value { get; } = value;

    public override AttributeKind Kind => AttributeKind.Bool;

    public override bool Equals(Attribute? other) => other is BoolAttribute b && b.Value == Value;

    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    public override string ToString() => Value ? "true" : "false";
}
