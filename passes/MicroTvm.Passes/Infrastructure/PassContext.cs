namespace MicroTvm.Passes;

/// <summary>What a pass may touch besides its input: the diagnostics of its run.</summary>
public sealed class PassContext
{
    public DiagnosticBag Diagnostics { get; } = new();

    public void Error(string id, string message, SourceLocation? location) => Diagnostics.Error(id, message, location);
}
