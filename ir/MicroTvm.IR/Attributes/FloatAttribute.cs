namespace MicroTvm.IR;

/// <summary>A float attribute; equality is bitwise so NaN and -0.0 survive round trips.</summary>
public sealed class FloatAttribute(double value) : Attribute
{
    public double Value { get; } = value;

    public override AttributeKind Kind => AttributeKind.Float;

    public override bool Equals(Attribute? other) =>
        other is FloatAttribute f && BitConverter.DoubleToInt64Bits(f.Value) == BitConverter.DoubleToInt64Bits(Value);

    public override int GetHashCode() => HashCode.Combine(Kind, BitConverter.DoubleToInt64Bits(Value));

    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
