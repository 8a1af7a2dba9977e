namespace MicroTvm.Passes.Pipelines;

/// <summary><c>pipeline name(parameters) { steps }</c>. Equality ignores locations.</summary>
public sealed record PipelineDeclaration(
    string Name,
    ImmutableArray<PipelineParameter> Parameters,
    ImmutableArray<PipelineStep> Steps,
    SourceLocation? Location = null)
{
    public bool Equals(PipelineDeclaration? other) =>
        other is not null
        && Name == other.Name
        && Parameters.SequenceEqual(other.Parameters)
        && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Name, Parameters.Length, Steps.Length);
}
