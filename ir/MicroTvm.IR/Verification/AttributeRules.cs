namespace MicroTvm.IR.Verification;

/// <summary>Attributes against the op's attribute specs: known names, right kinds, required ones present, enum spellings allowed.</summary>
internal static class AttributeRules
{
    public static IEnumerable<Problem> Check(Node node)
    {
        var op = node.Op;
        foreach (var (name, value) in node.Attributes)
        {
            if (op.FindAttribute(name) is not { } spec)
            {
                var known = op.Attributes.Length == 0 ? "none" : string.Join(", ", op.Attributes.Select(a => a.Name));
                yield return new Problem(VerifierDiagnosticIds.UnknownAttribute, $"unknown attribute '{name}' (accepted: {known})");
            }
            else if (value.Kind != spec.Kind)
            {
                yield return new Problem(VerifierDiagnosticIds.AttributeKind, $"attribute '{name}' must be {Spelling(spec.Kind)} but is {Spelling(value.Kind)}");
            }
            else if (value is StringAttribute text && spec.AllowedValues.Length > 0 && !spec.AllowedValues.Contains(text.Value))
            {
                yield return new Problem(
                    VerifierDiagnosticIds.AttributeValueNotAllowed,
                    $"attribute '{name}' is \"{text.Value}\" but must be one of {string.Join(", ", spec.AllowedValues.Select(v => $"\"{v}\""))}");
            }
        }

        foreach (var spec in op.Attributes)
        {
            if (spec.IsRequired && !node.Attributes.ContainsKey(spec.Name))
            {
                yield return new Problem(VerifierDiagnosticIds.MissingAttribute, $"missing required attribute '{spec.Name}' ({Spelling(spec.Kind)})");
            }
        }
    }

    private static string Spelling(AttributeKind kind) => kind switch
    {
        AttributeKind.Int => "an int",
        AttributeKind.Float => "a float",
        AttributeKind.Bool => "a bool",
        AttributeKind.String => "a string",
        AttributeKind.IntList => "an int list",
        AttributeKind.FloatList => "a float list",
        AttributeKind.Tensor => "a tensor",
        _ => kind.ToString(),
    };
}
