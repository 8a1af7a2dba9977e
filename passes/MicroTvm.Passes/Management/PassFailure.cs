namespace MicroTvm.Passes;

/// <summary>Why a pass run failed: the exception it threw, or the errors it (or the verifier after it) reported.</summary>
public sealed record PassFailure(Exception? Exception, ImmutableArray<Diagnostic> Diagnostics);
