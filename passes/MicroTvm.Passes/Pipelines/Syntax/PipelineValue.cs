namespace MicroTvm.Passes.Pipelines;

/// <summary>An option or parameter value as written in a pipeline; <see cref="ToString"/> is its canonical spelling.</summary>
public abstract record PipelineValue
{
    /// <summary>The kind of value, for messages: "integer", "list", …</summary>
    public abstract string KindName { get; }

    public abstract override string ToString();
}
