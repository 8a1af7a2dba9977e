using System.Globalization;
using System.Text;

namespace MicroTvm.IR.Text;

/// <summary>Spells attribute dictionaries and values, including dense tensors.</summary>
internal static class AttributePrinter
{
    /// <summary>Tensors with at most this many elements print as a list, larger ones as hex bytes.</summary>
    public const int MaxListElements = 16;

    /// <summary><c>{a = 1, b = "x"}</c> in key order.</summary>
    public static string Dictionary(ImmutableSortedDictionary<string, Attribute> attributes)
    {
        var entries = new List<string>(attributes.Count);
        foreach (var (key, value) in attributes)
        {
            entries.Add($"{TextLiterals.AttributeKey(key)} = {Value(value)}");
        }

        return "{" + string.Join(", ", entries) + "}";
    }

    public static string Value(Attribute attribute) => attribute switch
    {
        IntAttribute i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatAttribute f => TextLiterals.Double(f.Value),
        BoolAttribute b => b.Value ? "true" : "false",
        StringAttribute s => TextLiterals.Quote(s.Value),
        IntListAttribute l => "[" + string.Join(", ", l.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]",
        FloatListAttribute l => "[" + string.Join(", ", l.Values.Select(TextLiterals.Double)) + "]",
        TensorAttribute t => Dense(t.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute.Kind, "unknown attribute kind"),
    };

    private static string Dense(TensorData data)
    {
        var type = TypePrinter.Print(data.Type);
        return data.Type.ElementCount <= MaxListElements && HasListSpelling(data)
            ? $"dense<{type}, [{string.Join(", ", Elements(data))}]>"
            : $"dense<{type}, \"0x{Convert.ToHexStringLower(data.Bytes.Span)}\">";
    }

    /// <summary>Bool bytes other than 0 and 1 have no list spelling; they keep their bytes in hex.</summary>
    private static bool HasListSpelling(TensorData data) =>
        data.Type.ElementType != ElementType.Bool || !data.Bytes.Span.ContainsAnyExcept((byte)0, (byte)1);

    private static IEnumerable<string> Elements(TensorData data)
    {
        for (long i = 0; i < data.Type.ElementCount; i++)
        {
            yield return data.Type.ElementType switch
            {
                ElementType.F32 => TextLiterals.Single(data.GetSingle(i)),
                ElementType.Bool => data.GetInt64(i) != 0 ? "true" : "false",
                _ => data.GetInt64(i).ToString(CultureInfo.InvariantCulture),
            };
        }
    }
}
