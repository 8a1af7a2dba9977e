namespace MicroTvm.IR.Interpretation;

/// <summary>The outputs of a run keyed by output value name, or the diagnostics that stopped it.</summary>
public sealed class InterpreterResult
{
    private InterpreterResult(ImmutableDictionary<string, TensorData> outputs, ImmutableArray<Diagnostic> diagnostics)
    {
        Outputs = outputs;
        Diagnostics = diagnostics;
    }

    public ImmutableDictionary<string, TensorData> Outputs { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public bool Succeeded => !Diagnostics.Any(d => d.IsError);

    public static InterpreterResult Success(ImmutableDictionary<string, TensorData> outputs) =>
        new(outputs, []);

    public static InterpreterResult Failure(ImmutableArray<Diagnostic> diagnostics) =>
        new(ImmutableDictionary<string, TensorData>.Empty, diagnostics);
}
