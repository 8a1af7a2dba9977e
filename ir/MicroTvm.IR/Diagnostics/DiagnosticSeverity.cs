namespace MicroTvm.IR;

public enum DiagnosticSeverity
{
    Note,
    Warning,
    Error,
}
