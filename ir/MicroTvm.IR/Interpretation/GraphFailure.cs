namespace MicroTvm.IR.Interpretation;

/// <summary>Stops the evaluation of a graph at its first failing node; caught by <see cref="Interpreter"/>, never escapes it.</summary>
internal sealed class GraphFailure(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
