using System.Globalization;

namespace MicroTvm.Passes.Pipelines;

public sealed record IntegerValue(long Value) : PipelineValue
{
    public override string KindName => "integer";

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
