namespace MicroTvm.Passes.Pipelines;

public sealed record ByteSizeValue(ByteSize Size) : PipelineValue
{
    public override string KindName => "byte size";

    public override string ToString() => Size.ToString();
}
