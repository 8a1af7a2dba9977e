namespace MicroTvm.IR;

/// <summary>What a model importer returns: the module (null when an error was reported) and every diagnostic.</summary>
public sealed record ImportResult(Module? Module, ImmutableArray<Diagnostic> Diagnostics);
