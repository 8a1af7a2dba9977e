namespace MicroTvm.Passes;

/// <summary>A pass class whose declaration is unusable (a bug in the pass, found when its assembly is scanned).</summary>
public sealed class PassDeclarationException(string message) : Exception(message);
