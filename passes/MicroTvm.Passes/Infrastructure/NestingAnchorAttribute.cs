namespace MicroTvm.Passes;

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NestingAnchorAttribute(string name, string summary) : System.Attribute
{
    public string Name { get; } = name;

    public string Summary { get; } = summary;
}
