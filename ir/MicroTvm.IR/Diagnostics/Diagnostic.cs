namespace MicroTvm.IR;

/// <summary>
/// A message for the user with a stable id (<c>MTVM1001</c>). Printed as
/// <c>file:line:col: error: message [MTVM1001]</c>.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Id, string Message, SourceLocation? Location = null)
{
    public static Diagnostic Error(string id, string message, SourceLocation? location = null) =>
        new(DiagnosticSeverity.Error, id, message, location);

    public static Diagnostic Warning(string id, string message, SourceLocation? location = null) =>
        new(DiagnosticSeverity.Warning, id, message, location);

    public static Diagnostic Note(string id, string message, SourceLocation? location = null) =>
        new(DiagnosticSeverity.Note, id, message, location);

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };
        var prefix = Location is null ? string.Empty : $"{Location}: ";
        return $"{prefix}{severity}: {Message} [{Id}]";
    }
}
