namespace MicroTvm.IR;

/// <summary>Fluent declaration of an <see cref="OpDefinition"/>, used only by the op catalog.</summary>
internal sealed class OpBuilder(string name, PatternKind pattern, string summary)
{
    private readonly ImmutableArray<OperandSpec>.Builder _operands = ImmutableArray.CreateBuilder<OperandSpec>();
    private readonly ImmutableArray<AttributeSpec>.Builder _attributes = ImmutableArray.CreateBuilder<AttributeSpec>();

    public OpBuilder Operand(string operand) => AddOperand(operand, OperandArity.Required);

    public OpBuilder Optional(string operand) => AddOperand(operand, OperandArity.Optional);

    public OpBuilder Variadic(string operand) => AddOperand(operand, OperandArity.Variadic);

    public OpBuilder Int(string attribute, long? defaultValue, string description) =>
        AddAttribute(attribute, AttributeKind.Int, defaultValue is { } v ? new IntAttribute(v) : null, description);

    public OpBuilder Float(string attribute, double? defaultValue, string description) =>
        AddAttribute(attribute, AttributeKind.Float, defaultValue is { } v ? new FloatAttribute(v) : null, description);

    public OpBuilder Bool(string attribute, bool? defaultValue, string description) =>
        AddAttribute(attribute, AttributeKind.Bool, defaultValue is { } v ? new BoolAttribute(v) : null, description);

    public OpBuilder Ints(string attribute, long[]? defaultValue, string description) =>
        AddAttribute(attribute, AttributeKind.IntList, defaultValue is { } v ? new IntListAttribute([.. v]) : null, description);

    /// <summary>A required free-form string (no default, any spelling).</summary>
    public OpBuilder String(string attribute, string description) =>
        AddAttribute(attribute, AttributeKind.String, null, description);

    public OpBuilder Tensor(string attribute, string description) =>
        AddAttribute(attribute, AttributeKind.Tensor, null, description);

    public OpBuilder Enum(string attribute, string defaultValue, string[] allowed, string description)
    {
        _attributes.Add(new AttributeSpec(attribute, AttributeKind.String, new StringAttribute(defaultValue), [.. allowed], description));
        return this;
    }

    /// <summary>The attributes every windowed spatial op shares (conv, pooling).</summary>
    public OpBuilder Window() =>
        Ints("strides", [], "stride per spatial dimension; empty means 1 everywhere")
            .Ints("dilations", [], "dilation per spatial dimension; empty means 1 everywhere")
            .Ints("pads", [], "explicit padding: begins of every spatial dimension, then ends; empty means none");

    public OpBuilder FusedActivation() =>
        Enum("activation", Activations.None, Activations.All, "activation applied to the result (in the output's quantized domain)");

    public OpDefinition Build(TypeInference inferTypes) =>
        new(name, summary, pattern, _operands.ToImmutable(), _attributes.ToImmutable(), inferTypes);

    private OpBuilder AddOperand(string operand, OperandArity arity)
    {
        _operands.Add(new OperandSpec(operand, arity));
        return this;
    }

    private OpBuilder AddAttribute(string attribute, AttributeKind kind, Attribute? defaultValue, string description)
    {
        _attributes.Add(new AttributeSpec(attribute, kind, defaultValue, [], description));
        return this;
    }
}
