namespace MicroTvm.Passes;

/// <summary>Declares a <see cref="Pass"/>: its kebab-case pipeline name, one-line summary and description.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PassAttribute(string name, string summary) : System.Attribute
{
    public string Name { get; } = name;

    public string Summary { get; } = summary;

    public string Description { get; init; } = string.Empty;
}
