namespace MicroTvm.Passes.Pipelines;

/// <summary>
/// <c>name { option = value, … }</c>: a pass with options, or another pipeline with arguments
/// for its parameters (which one is decided when the pipeline is bound). Equality ignores locations.
/// </summary>
public sealed record PassInvocation(string Name, ImmutableArray<OptionAssignment> Options, SourceLocation? Location = null)
    : PipelineStep(Location)
{
    public bool Equals(PassInvocation? other) =>
        other is not null && Name == other.Name && Options.SequenceEqual(other.Options);

    public override int GetHashCode() => HashCode.Combine(Name, Options.Length);
}
