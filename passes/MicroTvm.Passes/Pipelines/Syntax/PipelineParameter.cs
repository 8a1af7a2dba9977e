namespace MicroTvm.Passes.Pipelines;

/// <summary>A parameter of a pipeline; without a default, every invocation must supply it. Equality ignores the location.</summary>
public sealed record PipelineParameter(string Name, PipelineValue? Default, SourceLocation? Location = null)
{
    public bool Equals(PipelineParameter? other) => other is not null && Name == other.Name && Equals(Default, other.Default);

    public override int GetHashCode() => HashCode.Combine(Name, Default);
}
