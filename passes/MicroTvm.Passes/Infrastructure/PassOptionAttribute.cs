namespace MicroTvm.Passes;

/// <summary>
/// Declares a settable property of a pass as an option. The property's initial value is the
/// default; its type gives the option's type (integer, float, bool, string, <see cref="ByteSize"/>,
/// an enum, or an <see cref="ImmutableArray{T}"/> of those).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PassOptionAttribute(string name, string description) : System.Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>A required option has no default: every invocation must set it.</summary>
    public bool Required { get; init; }
}
