namespace MicroTvm.Passes.Pipelines;

/// <summary><c>each anchor { steps }</c>: steps run on every unit the anchor names (every graph, …). Equality ignores locations.</summary>
public sealed record NestedPipeline(string Anchor, ImmutableArray<PipelineStep> Steps, SourceLocation? Location = null)
    : PipelineStep(Location)
{
    public bool Equals(NestedPipeline? other) =>
        other is not null && Anchor == other.Anchor && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Anchor, Steps.Length);
}
