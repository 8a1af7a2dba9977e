namespace MicroTvm.Frontend.Onnx;

/// <summary>Short spellings for the attribute dictionaries of emitted IR nodes.</summary>
internal static class Attrs
{
    public static ImmutableSortedDictionary<string, Attribute> None { get; } =
        ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, Attribute> Of(params ReadOnlySpan<(string Name, Attribute Value)> items)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, Attribute>(StringComparer.Ordinal);
        foreach (var (name, value) in items)
        {
            builder[name] = value;
        }

        return builder.ToImmutable();
    }

    public static Attribute Int(long value) => new IntAttribute(value);

    public static Attribute Float(double value) => new FloatAttribute(value);

    public static Attribute Bool(bool value) => new BoolAttribute(value);

    public static Attribute String(string value) => new StringAttribute(value);

    public static Attribute Ints(IEnumerable<long> values) => new IntListAttribute([.. values]);

    public static Attribute Ints(IEnumerable<int> values) => new IntListAttribute([.. values.Select(v => (long)v)]);
}
