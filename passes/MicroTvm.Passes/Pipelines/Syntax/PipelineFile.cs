namespace MicroTvm.Passes.Pipelines;

/// <summary>The syntax of one <c>.pass</c> file. Equality ignores the file name and locations.</summary>
public sealed record PipelineFile(string FileName, ImmutableArray<IncludeDirective> Includes, ImmutableArray<PipelineDeclaration> Pipelines)
{
    public bool Equals(PipelineFile? other) =>
        other is not null && Includes.SequenceEqual(other.Includes) && Pipelines.SequenceEqual(other.Pipelines);

    public override int GetHashCode() => HashCode.Combine(Includes.Length, Pipelines.Length);
}
