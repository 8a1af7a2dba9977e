namespace MicroTvm.Passes.Pipelines;

/// <summary>A step of a bound pipeline: pipeline references expanded, parameters substituted, every option explicit.</summary>
public abstract record ResolvedStep;
