namespace MicroTvm.Passes;

/// <summary>The final module, or null when a pass failed; and every diagnostic of the run.</summary>
public sealed record PassManagerResult(Module? Module, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Succeeded => Module is not null;
}
