namespace MicroTvm.IR.Text;

/// <summary>The parsed module, or null when any diagnostic is an error; every diagnostic found.</summary>
public sealed record ParseResult(Module? Module, ImmutableArray<Diagnostic> Diagnostics);
