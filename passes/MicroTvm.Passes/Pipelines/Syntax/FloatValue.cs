using System.Globalization;

namespace MicroTvm.Passes.Pipelines;

public sealed record FloatValue(double Value) : PipelineValue
{
    public override string KindName => "float";

    /// <summary>Round-trip digits, always with a '.' or an exponent so that it reads back as a float.</summary>
    public override string ToString()
    {
        var text = Value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
