namespace MicroTvm.Driver.Output;

/// <summary>An external program (compiler, archiver, installer) is missing or failed; the message says what to do.</summary>
public sealed class ToolException(string message) : Exception(message);
