namespace MicroTvm.IR;

/// <summary>Constant tensor contents, the <c>value</c> of a <c>constant</c> node.</summary>
public sealed class TensorAttribute(TensorData value) : Attribute
{
    public TensorData Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override AttributeKind Kind => AttributeKind.Tensor;

    public override bool Equals(Attribute? other) => other is TensorAttribute t && t.Value.Equals(Value);

    public override int GetHashCode() => HashCode.Combine(Kind, Value);
}
