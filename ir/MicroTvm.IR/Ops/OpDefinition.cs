namespace MicroTvm.IR;

/// <summary>
/// Everything the compiler knows about one op, declared once: name, summary, fusion pattern,
/// operands, attributes with types and defaults, and type inference. Nodes point at their
/// definition, so an op name is resolved once, when the node is built.
/// </summary>
public sealed class OpDefinition
{
    internal OpDefinition(
        string name,
        string summary,
        PatternKind pattern,
        ImmutableArray<OperandSpec> operands,
        ImmutableArray<AttributeSpec> attributes,
        TypeInference inferTypes)
    {
        Name = name;
        Summary = summary;
        Pattern = pattern;
        Operands = operands;
        Attributes = attributes;
        InferTypes = inferTypes;
    }

    /// <summary>The op's name in the text format, e.g. <c>depthwise_conv</c>.</summary>
    public string Name { get; }

    public string Summary { get; }

    public PatternKind Pattern { get; }

    public ImmutableArray<OperandSpec> Operands { get; }

    public ImmutableArray<AttributeSpec> Attributes { get; }

    public TypeInference InferTypes { get; }

    /// <summary>One past the last required operand: optional operands before it must be written as empty names.</summary>
    public int MinOperands
    {
        get
        {
            for (var i = Operands.Length - 1; i >= 0; i--)
            {
                if (Operands[i].Arity == OperandArity.Required)
                {
                    return i + 1;
                }
            }

            return 0;
        }
    }

    /// <summary>Null when the last operand is variadic.</summary>
    public int? MaxOperands =>
        Operands.Length > 0 && Operands[^1].Arity == OperandArity.Variadic ? null : Operands.Length;

    public AttributeSpec? FindAttribute(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }

    public override string ToString() => Name;
}
