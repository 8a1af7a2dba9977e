namespace MicroTvm.IR;

/// <summary>A string attribute; also used for enumerations such as <c>activation = "relu6"</c>.</summary>
public sealed class StringAttribute(string value) : Attribute
{
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override AttributeKind Kind => AttributeKind.String;

    public override bool Equals(Attribute? other) => other is StringAttribute s && s.Value == Value;

    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    public override string ToString() => Value;
}
