namespace MicroTvm.Passes.Pipelines;

public sealed record ResolvedNest(AnchorDescriptor Anchor, ImmutableArray<ResolvedStep> Steps) : ResolvedStep
{
    public bool Equals(ResolvedNest? other) => other is not null && Anchor == other.Anchor && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Anchor.Name, Steps.Length);
}
