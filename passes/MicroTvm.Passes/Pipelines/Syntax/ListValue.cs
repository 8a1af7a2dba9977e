namespace MicroTvm.Passes.Pipelines;

public sealed record ListValue(ImmutableArray<PipelineValue> Items) : PipelineValue
{
    public override string KindName => "list";

    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(17, (hash, item) => HashCode.Combine(hash, item));

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
