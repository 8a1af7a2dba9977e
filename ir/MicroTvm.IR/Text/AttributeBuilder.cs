using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>
/// Builds attribute dictionaries. The syntax decides a value's kind, except that an op's
/// <see cref="AttributeSpec"/> decides the kind of an empty list and rejects values of another
/// kind. Attributes the op does not declare are kept (the verifier judges them).
/// </summary>
internal sealed class AttributeBuilder(LiteralReader literals, DenseBuilder dense)
{
    /// <summary>The dictionary, or null when a diagnostic was reported.</summary>
    public ImmutableSortedDictionary<string, Attribute>? Build(MirParser.AttributeDictionaryContext? context, OpDefinition? op)
    {
        var attributes = ImmutableSortedDictionary.CreateBuilder<string, Attribute>(StringComparer.Ordinal);
        if (context is null)
        {
            return attributes.ToImmutable();
        }

        var ok = true;
        foreach (var entry in context.attributeEntry())
        {
            var keyToken = entry.attributeKey().Start;
            string key;
            if (keyToken.Type == MirLexer.STRING)
            {
                if (!literals.TryString(keyToken, 0, out key))
                {
                    ok = false;
                    continue;
                }
            }
            else
            {
                key = keyToken.Text;
            }

            var spec = op?.FindAttribute(key);
            var value = Value(entry.attributeValue(), key, spec, op);
            if (attributes.ContainsKey(key))
            {
                literals.Error(TextDiagnosticIds.DuplicateAttribute, $"duplicate attribute '{key}'", keyToken);
                ok = false;
            }
            else if (value is null)
            {
                ok = false;
            }
            else
            {
                attributes.Add(key, value);
            }
        }

        return ok ? attributes.ToImmutable() : null;
    }

    private Attribute? Value(MirParser.AttributeValueContext context, string key, AttributeSpec? spec, OpDefinition? op)
    {
        var token = context.Start;
        Attribute? value;
        switch (context)
        {
            case MirParser.IntValueContext:
                value = literals.TryInt64(token, out var i) ? new IntAttribute(i) : null;
                break;
            case MirParser.FloatValueContext:
                value = literals.TryDouble(token, out var f) ? new FloatAttribute(f) : null;
                break;
            case MirParser.BoolValueContext:
                value = new BoolAttribute(token.Type == MirLexer.TRUE);
                break;
            case MirParser.StringValueContext:
                value = literals.TryString(token, 0, out var s) ? new StringAttribute(s) : null;
                break;
            case MirParser.ListValueContext list:
                return List(list, key, spec, op);
            case MirParser.DenseValueContext denseValue:
                value = dense.Build(denseValue) is { } data ? new TensorAttribute(data) : null;
                break;
            default:
                throw new InvalidOperationException($"unexpected attribute syntax {context.GetType().Name}");
        }

        if (value is not null && spec is not null && value.Kind != spec.Kind)
        {
            KindMismatch(token, key, spec, op, value.Kind);
            return null;
        }

        return value;
    }

    private Attribute? List(MirParser.ListValueContext context, string key, AttributeSpec? spec, OpDefinition? op)
    {
        var elements = context.scalarLiteral();
        var ints = elements.Count(e => e.Start.Type == MirLexer.INT);
        var floats = elements.Count(e => e.floatLiteral() is not null);
        var kind = spec?.Kind is AttributeKind.IntList or AttributeKind.FloatList ? spec.Kind
            : ints == elements.Length ? AttributeKind.IntList
            : floats == elements.Length ? AttributeKind.FloatList
            : (AttributeKind?)null;
        if (spec is not null && spec.Kind is not (AttributeKind.IntList or AttributeKind.FloatList))
        {
            KindMismatch(context.Start, key, spec, op, kind);
            return null;
        }

        if (kind is null)
        {
            literals.Error(TextDiagnosticIds.InvalidList, $"{Subject(key, op)}: a list holds either integers or floats", context.Start);
            return null;
        }

        if (kind == AttributeKind.IntList ? ints != elements.Length : floats != elements.Length)
        {
            var wrong = elements.First(e => kind == AttributeKind.IntList ? e.Start.Type != MirLexer.INT : e.floatLiteral() is null);
            literals.Error(
                TextDiagnosticIds.AttributeKindMismatch,
                $"{Subject(key, op)} must be {Describe(kind.Value)}; '{wrong.Start.Text}' is not {(kind == AttributeKind.IntList ? "an integer" : "a float")}",
                wrong.Start);
            return null;
        }

        var ok = true;
        if (kind == AttributeKind.IntList)
        {
            var values = ImmutableArray.CreateBuilder<long>(elements.Length);
            foreach (var element in elements)
            {
                ok &= literals.TryInt64(element.Start, out var value);
                values.Add(value);
            }

            return ok ? new IntListAttribute(values.MoveToImmutable()) : null;
        }

        var doubles = ImmutableArray.CreateBuilder<double>(elements.Length);
        foreach (var element in elements)
        {
            ok &= literals.TryDouble(element.Start, out var value);
            doubles.Add(value);
        }

        return ok ? new FloatListAttribute(doubles.MoveToImmutable()) : null;
    }

    private void KindMismatch(Antlr4.Runtime.IToken token, string key, AttributeSpec spec, OpDefinition? op, AttributeKind? given)
    {
        var got = given is { } kind ? Describe(kind) : "a list";
        var hint = spec.Kind == AttributeKind.Float && given == AttributeKind.Int ? $" (write {token.Text}.0)" : string.Empty;
        literals.Error(
            TextDiagnosticIds.AttributeKindMismatch,
            $"{Subject(key, op)} must be {Describe(spec.Kind)}, not {got}{hint}",
            token);
    }

    private static string Subject(string key, OpDefinition? op) =>
        op is null ? $"attribute '{key}'" : $"attribute '{key}' of '{op.Name}'";

    private static string Describe(AttributeKind kind) => kind switch
    {
        AttributeKind.Int => "an integer",
        AttributeKind.Float => "a float",
        AttributeKind.Bool => "a bool",
        AttributeKind.String => "a string",
        AttributeKind.IntList => "a list of integers",
        AttributeKind.FloatList => "a list of floats",
        AttributeKind.Tensor => "a dense tensor",
        _ => kind.ToString(),
    };
}
