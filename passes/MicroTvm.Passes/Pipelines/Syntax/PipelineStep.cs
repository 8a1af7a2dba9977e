namespace MicroTvm.Passes.Pipelines;

/// <summary>One step of a pipeline as written: a pass or pipeline invocation, or a nested pipeline.</summary>
public abstract record PipelineStep(SourceLocation? Location);
