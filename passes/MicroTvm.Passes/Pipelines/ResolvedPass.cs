namespace MicroTvm.Passes.Pipelines;

/// <summary>A registered pass with a checked value for every one of its options, in declaration order.</summary>
public sealed record ResolvedPass(PassDescriptor Pass, ImmutableArray<OptionAssignment> Options, SourceLocation? Location) : ResolvedStep
{
    public ImmutableDictionary<string, PipelineValue> OptionValues =>
        Options.ToImmutableDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);

    public bool Equals(ResolvedPass? other) =>
        other is not null && ReferenceEquals(Pass, other.Pass) && Options.SequenceEqual(other.Options);

    public override int GetHashCode() => HashCode.Combine(Pass.Name, Options.Length);

    /// <summary>The invocation as pipeline text: <c>name { option = value, … }</c>.</summary>
    public override string ToString() => PipelinePrinter.PrintStep(new PassInvocation(Pass.Name, Options));
}
