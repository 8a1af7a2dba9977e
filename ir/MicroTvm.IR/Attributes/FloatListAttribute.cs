namespace MicroTvm.IR;

public sealed class FloatListAttribute(ImmutableArray<double> values) : Attribute
{
    public ImmutableArray<double> Values { get; } = values.IsDefault ? [] : values;

    public override AttributeKind Kind => AttributeKind.FloatList;

    public override bool Equals(Attribute? other)
    {
        if (other is not FloatListAttribute l || l.Values.Length != Values.Length)
        {
            return false;
        }

        for (var i = 0; i < Values.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(l.Values[i]) != BitConverter.DoubleToInt64Bits(Values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => HashCode.Combine(Kind, Values.Length);
}
