namespace MicroTvm.Passes.Pipelines;

/// <summary>A bare name: the value of an enum option.</summary>
public sealed record IdentifierValue(string Name) : PipelineValue
{
    public override string KindName => "name";

    public override string ToString() => Name;
}
