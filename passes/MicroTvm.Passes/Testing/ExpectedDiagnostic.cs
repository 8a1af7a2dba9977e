namespace MicroTvm.Passes.Testing;

/// <summary><c>// expected-error@+1 {{text}}</c>: a diagnostic of that severity on that line whose message contains the text.</summary>
public sealed record ExpectedDiagnostic(DiagnosticSeverity Severity, int Line, string Text, int DirectiveLine)
{
    public bool Matches(Diagnostic diagnostic, string fileName) =>
        diagnostic.Severity == Severity
        && diagnostic.Location is { } location
        && location.File == fileName
        && location.Line == Line
        && diagnostic.Message.Contains(Text, StringComparison.Ordinal);

    public override string ToString() => $"expected {Severity.ToString().ToLowerInvariant()} on line {Line}: {{{{{Text}}}}}";
}
