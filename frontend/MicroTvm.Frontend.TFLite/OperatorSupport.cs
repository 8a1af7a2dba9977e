namespace MicroTvm.Frontend.TFLite;

/// <summary>One line of the supported-ops report: an operator of the model and whether it imports, and if not why.</summary>
public sealed record OperatorSupport(int Index, string OpName, bool Supported, string? Reason)
{
    public override string ToString() =>
        Supported ? $"{Index}: {OpName}: supported" : $"{Index}: {OpName}: unsupported: {Reason}";
}
