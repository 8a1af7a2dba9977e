namespace MicroTvm.IR;

/// <summary>
/// One attribute an op accepts. Required when <see cref="Default"/> is null. For string
/// enumerations, <see cref="AllowedValues"/> lists every legal spelling.
/// </summary>
public sealed record AttributeSpec(
    string Name,
    AttributeKind Kind,
    Attribute? Default,
    ImmutableArray<string> AllowedValues,
    string Description)
{
    public bool IsRequired => Default is null;
}
