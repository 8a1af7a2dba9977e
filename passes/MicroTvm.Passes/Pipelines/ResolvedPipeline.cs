namespace MicroTvm.Passes.Pipelines;

/// <summary>A pipeline ready to run. Prints as a parameterless declaration that binds back to an equal pipeline.</summary>
public sealed record ResolvedPipeline(string Name, ImmutableArray<ResolvedStep> Steps)
{
    public bool Equals(ResolvedPipeline? other) => other is not null && Name == other.Name && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Name, Steps.Length);

    public PipelineDeclaration ToSyntax() => new(Name, [], ToSyntax(Steps));

    public override string ToString() => PipelinePrinter.Print(ToSyntax());

    internal static ImmutableArray<PipelineStep> ToSyntax(ImmutableArray<ResolvedStep> steps) =>
    [
        .. steps.Select(step => step switch
        {
            ResolvedPass pass => (PipelineStep)new PassInvocation(pass.Pass.Name, pass.Options),
            ResolvedNest nest => new NestedPipeline(nest.Anchor.Name, ToSyntax(nest.Steps)),
            _ => throw new InvalidOperationException($"unexpected step {step}"),
        }),
    ];
}
