namespace MicroTvm.Passes.Pipelines;

/// <summary><c>$name</c>: the value of a parameter of the enclosing pipeline.</summary>
public sealed record ParameterReference(string Name) : PipelineValue
{
    public override string KindName => "parameter reference";

    public override string ToString() => "$" + Name;
}
