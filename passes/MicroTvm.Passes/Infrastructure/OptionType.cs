using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Passes;

/// <summary>
/// The type of a pass option, derived from its property's C# type: checks pipeline values
/// against it and converts them to the property's value.
/// </summary>
public sealed class OptionType
{
    private OptionType(OptionKind kind, Type clrType, ImmutableArray<string> enumValues, OptionType? element)
    {
        Kind = kind;
        ClrType = clrType;
        EnumValues = enumValues;
        Element = element;
    }

    public OptionKind Kind { get; }

    public Type ClrType { get; }

    /// <summary>The kebab-case spellings of an enum's members, in declaration order.</summary>
    public ImmutableArray<string> EnumValues { get; }

    /// <summary>The element type of a list.</summary>
    public OptionType? Element { get; }

    /// <summary>How <c>--list-passes</c> and messages name the type: <c>int</c>, <c>bytes</c>, <c>greedy|optimal</c>, <c>list&lt;int&gt;</c>.</summary>
    public string DisplayName => Kind switch
    {
        OptionKind.Integer => "int",
        OptionKind.Float => "float",
        OptionKind.Bool => "bool",
        OptionKind.String => "string",
        OptionKind.ByteSize => "bytes",
        OptionKind.Enum => string.Join('|', EnumValues),
        _ => $"list<{Element!.DisplayName}>",
    };

    /// <summary>The option type of a property type, or null when options cannot have it.</summary>
    public static OptionType? FromClr(Type type)
    {
        if (type == typeof(int) || type == typeof(long))
        {
            return new OptionType(OptionKind.Integer, type, [], null);
        }

        if (type == typeof(double))
        {
            return new OptionType(OptionKind.Float, type, [], null);
        }

        if (type == typeof(bool))
        {
            return new OptionType(OptionKind.Bool, type, [], null);
        }

        if (type == typeof(string))
        {
            return new OptionType(OptionKind.String, type, [], null);
        }

        if (type == typeof(ByteSize))
        {
            return new OptionType(OptionKind.ByteSize, type, [], null);
        }

        if (type.IsEnum)
        {
            return new OptionType(OptionKind.Enum, type, [.. Enum.GetNames(type).Select(KebabCase.From)], null);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
            && FromClr(type.GetGenericArguments()[0]) is { Kind: not OptionKind.List } element)
        {
            return new OptionType(OptionKind.List, type, [], element);
        }

        return null;
    }

    /// <summary>
    /// Checks a value (with no parameter references left) and returns it in canonical form
    /// (an integer given for a byte size becomes a byte size, for a float a float), or null with an error.
    /// </summary>
    public PipelineValue? Check(PipelineValue value, out string? error)
    {
        error = null;
        switch (Kind, value)
        {
            case (OptionKind.Integer, IntegerValue integer):
                if (ClrType == typeof(int) && integer.Value is < int.MinValue or > int.MaxValue)
                {
                    error = $"{integer.Value} does not fit in a 32-bit integer";
                    return null;
                }

                return value;
            case (OptionKind.Float, FloatValue):
            case (OptionKind.Bool, BoolValue):
            case (OptionKind.String, StringValue):
            case (OptionKind.ByteSize, ByteSizeValue):
                return value;
            case (OptionKind.String, IdentifierValue identifier):
                return new StringValue(identifier.Name);
            case (OptionKind.Float, IntegerValue integer):
                return new FloatValue(integer.Value);
            case (OptionKind.ByteSize, IntegerValue integer) when integer.Value >= 0:
                return new ByteSizeValue(new ByteSize(integer.Value));
            case (OptionKind.Enum, IdentifierValue identifier):
                if (EnumValues.Contains(identifier.Name))
                {
                    return value;
                }

                error = $"'{identifier.Name}' is not one of {string.Join(", ", EnumValues)}"
                    + Suggestions.DidYouMean(identifier.Name, EnumValues);
                return null;
            case (OptionKind.List, ListValue list):
                var items = ImmutableArray.CreateBuilder<PipelineValue>(list.Items.Length);
                foreach (var item in list.Items)
                {
                    if (Element!.Check(item, out error) is not { } checkedItem)
                    {
                        return null;
                    }

                    items.Add(checkedItem);
                }

                return new ListValue(items.MoveToImmutable());
            default:
                error = $"expected {Article(DisplayName)}, got {Article(value.KindName)} '{value}'";
                return null;
        }
    }

    /// <summary>The property value of a checked, canonical pipeline value.</summary>
    public object ToClr(PipelineValue value) => (Kind, value) switch
    {
        (OptionKind.Integer, IntegerValue integer) => ClrType == typeof(int) ? (object)(int)integer.Value : integer.Value,
        (OptionKind.Float, FloatValue number) => number.Value,
        (OptionKind.Bool, BoolValue boolean) => boolean.Value,
        (OptionKind.String, StringValue text) => text.Value,
        (OptionKind.ByteSize, ByteSizeValue size) => size.Size,
        (OptionKind.Enum, IdentifierValue identifier) => Enum.GetValues(ClrType).GetValue(EnumValues.IndexOf(identifier.Name))!,
        (OptionKind.List, ListValue list) => ToImmutableArray(list),
        _ => throw new ArgumentException($"'{value}' is not a checked {DisplayName}", nameof(value)),
    };

    /// <summary>The pipeline spelling of a property value (a default).</summary>
    public PipelineValue FromClr(object value) => Kind switch
    {
        OptionKind.Integer => new IntegerValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        OptionKind.Float => new FloatValue((double)value),
        OptionKind.Bool => new BoolValue((bool)value),
        OptionKind.String => new StringValue((string)value),
        OptionKind.ByteSize => new ByteSizeValue((ByteSize)value),
        OptionKind.Enum => new IdentifierValue(KebabCase.From(Enum.GetName(ClrType, value)!)),
        _ => new ListValue([.. ((System.Collections.IEnumerable)value).Cast<object>().Select(Element!.FromClr)]),
    };

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(noun[0]) ? "an " + noun : "a " + noun;

    private object ToImmutableArray(ListValue list)
    {
        var items = Array.CreateInstance(Element!.ClrType, list.Items.Length);
        for (var i = 0; i < list.Items.Length; i++)
        {
            items.SetValue(Element.ToClr(list.Items[i]), i);
        }

        var create = typeof(ImmutableArray).GetMethods()
            .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
            .MakeGenericMethod(Element.ClrType);
        return create.Invoke(null, [items])!;
    }
}
