namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>Shorthands for building node attribute maps.</summary>
internal static class Attrs
{
    public static ImmutableSortedDictionary<string, IR.Attribute> Of(params (string Name, IR.Attribute? Value)[] attributes)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, IR.Attribute>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                builder[name] = value;
            }
        }

        return builder.ToImmutable();
    }

    public static IR.Attribute Int(long value) => new IntAttribute(value);

    public static IR.Attribute Float(double value) => new FloatAttribute(value);

    public static IR.Attribute Bool(bool value) => new BoolAttribute(value);

    public static IR.Attribute Ints(IEnumerable<long> values) => new IntListAttribute([.. values]);

    public static IR.Attribute Ints(IEnumerable<int> values) => new IntListAttribute([.. values.Select(v => (long)v)]);

    /// <summary>The fused activation, left out when it is none (the op's default).</summary>
    public static IR.Attribute? Activation(string activation) =>
        activation == Activations.None ? null : new StringAttribute(activation);
}
