namespace MicroTvm.Passes.Pipelines;

/// <summary>The syntax of a <c>.pass</c> file, or null when it has syntax errors (all of which are reported).</summary>
public sealed record PipelineParseResult(PipelineFile? File, ImmutableArray<Diagnostic> Diagnostics);
