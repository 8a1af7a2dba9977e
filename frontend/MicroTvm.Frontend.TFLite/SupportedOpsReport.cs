namespace MicroTvm.Frontend.TFLite;

/// <summary>
/// Which operators of a model import (for <c>mtvm-opt --supported-ops</c>): one entry per
/// operator of the main subgraph, plus the diagnostics of problems that are not an operator's
/// (a corrupt file, a bad model input).
/// </summary>
public sealed record SupportedOpsReport(ImmutableArray<OperatorSupport> Operators, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool AllSupported => Operators.All(o => o.Supported) && !Diagnostics.Any(d => d.IsError);

    public ImmutableArray<OperatorSupport> Unsupported => [.. Operators.Where(o => !o.Supported)];
}
