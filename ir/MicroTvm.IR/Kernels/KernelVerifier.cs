namespace MicroTvm.IR.Kernels;

/// <summary>
/// Checks a kernel before any backend sees it: names resolve (buffers are parameters, variables
/// are declared before use and never redeclared while in scope), types follow the rules of
/// docs/kernel-ir.md, only output and workspace buffers are stored to, loop variables are never
/// assigned, and every load and store index is proven inside its buffer by interval analysis
/// over the constant loop ranges. A verified kernel has no out-of-bounds access on any input.
/// </summary>
public static class KernelVerifier
{
    public static ImmutableArray<Diagnostic> Verify(KernelFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        function.Verdict ??= new(Verify(function, _ => null));
        return function.Verdict.Value;
    }

    /// <summary>
    /// As <see cref="Verify(KernelFunction)"/>, with each diagnostic located by
    /// <paramref name="locate"/> at the statement it concerns (null: the kernel as a whole);
    /// the parser passes where it read each statement.
    /// </summary>
    public static ImmutableArray<Diagnostic> Verify(KernelFunction function, Func<Stmt?, SourceLocation?> locate)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(locate);
        return new KernelVerification(function, locate).Run();
    }
}
