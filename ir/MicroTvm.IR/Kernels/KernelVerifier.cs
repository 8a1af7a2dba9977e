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
        return new KernelVerification(function).Run();
    }
}
