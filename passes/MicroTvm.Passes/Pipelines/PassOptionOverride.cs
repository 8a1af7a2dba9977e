namespace MicroTvm.Passes.Pipelines;

/// <summary><c>--pass-option pass.option=value</c>: sets an option on every invocation of a pass.</summary>
public sealed record PassOptionOverride(string Pass, string Option, PipelineValue Value);
