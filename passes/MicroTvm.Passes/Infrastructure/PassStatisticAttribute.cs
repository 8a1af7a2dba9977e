namespace MicroTvm.Passes;

/// <summary>Declares a <see cref="PassStatistic"/> property of a pass as a counter reported by <c>--statistics</c>.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PassStatisticAttribute(string name, string description) : System.Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}
