namespace MicroTvm.Driver;

/// <summary>
/// What <c>--supported-ops</c> prints: one line per op of the model (supported, or not and why)
/// and the problems that belong to no single op.
/// </summary>
public sealed record SupportReport(ImmutableArray<string> Lines, bool AllSupported, ImmutableArray<Diagnostic> Diagnostics);
