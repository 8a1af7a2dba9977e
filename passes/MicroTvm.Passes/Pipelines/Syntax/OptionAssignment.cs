namespace MicroTvm.Passes.Pipelines;

/// <summary><c>name = value</c> in a pass invocation, or an argument of a pipeline invocation. Equality ignores the location.</summary>
public sealed record OptionAssignment(string Name, PipelineValue Value, SourceLocation? Location = null)
{
    public bool Equals(OptionAssignment? other) => other is not null && Name == other.Name && Value.Equals(other.Value);

    public override int GetHashCode() => HashCode.Combine(Name, Value);

    public override string ToString() => $"{Name} = {Value}";
}
