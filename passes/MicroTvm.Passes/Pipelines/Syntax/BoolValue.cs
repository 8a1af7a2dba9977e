namespace MicroTvm.Passes.Pipelines;

public sealed record BoolValue(bool Value) : PipelineValue
{
    public override string KindName => "bool";

    public override string ToString() => Value ? "true" : "false";
}
