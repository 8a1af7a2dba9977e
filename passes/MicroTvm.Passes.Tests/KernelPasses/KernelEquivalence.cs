using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>
/// Runs a kernel before and after a rewrite on the same buffers and compares every output and
/// workspace byte. A kernel the evaluator finds undefined before the rewrite may do anything
/// after it; one that runs before must verify after, run, and write the very same bytes.
/// </summary>
internal static class KernelEquivalence
{
    /// <summary>Null when equivalent (or the original is undefined on these buffers); else what differs.</summary>
    public static string? Check(KernelFunction before, KernelFunction after, IReadOnlyDictionary<string, byte[]> buffers)
    {
        var expected = Copy(buffers);
        try
        {
            KernelEvaluator.Run(before, expected);
        }
        catch (KernelEvaluationException)
        {
            // Undefined: the rewrite may make anything of it, even a kernel the verifier's
            // interval analysis cannot bound (it throws on some overflowing constant indices).
            return null;
        }

        if (KernelVerifier.Verify(after) is { IsEmpty: false } problems)
        {
            return $"the rewritten kernel does not verify: {string.Join("; ", problems)}\n{Describe(before, after)}";
        }

        var actual = Copy(buffers);
        try
        {
            KernelEvaluator.Run(after, actual);
        }
        catch (KernelEvaluationException exception)
        {
            return $"the rewritten kernel is undefined where the original is not: {exception.Message}\n{Describe(before, after)}";
        }

        foreach (var parameter in before.Parameters.Where(p => p.IsWritable))
        {
            if (!expected[parameter.Name].AsSpan().SequenceEqual(actual[parameter.Name]))
            {
                return $"buffer '{parameter.Name}' differs: expected {Convert.ToHexString(expected[parameter.Name])}, got {Convert.ToHexString(actual[parameter.Name])}\n{Describe(before, after)}";
            }
        }

        return null;
    }

    /// <summary>Whether the kernel runs on the case's buffers without undefined behaviour (else the comparison says nothing).</summary>
    public static bool IsDefined(KernelCase kernelCase)
    {
        try
        {
            KernelEvaluator.Run(kernelCase.Function, kernelCase.CopyBuffers());
            return true;
        }
        catch (KernelEvaluationException)
        {
            return false;
        }
    }

    /// <summary>The same on the random case's own buffers (workspaces start zeroed in both runs).</summary>
    public static string? Check(KernelCase kernelCase, KernelFunction after) => Check(kernelCase.Function, after, kernelCase.Buffers);

    /// <summary>
    /// Whether the verifier rejects the rewritten kernel (its interval analysis can lose a
    /// correlation the input's indices had). The passes keep such kernels unchanged
    /// (EachKernel), and the properties set them aside.
    /// </summary>
    public static bool VerifierFails(KernelFunction kernel) => !KernelVerifier.Verify(kernel).IsEmpty;

    private static Dictionary<string, byte[]> Copy(IReadOnlyDictionary<string, byte[]> buffers) =>
        buffers.ToDictionary(p => p.Key, p => (byte[])p.Value.Clone(), StringComparer.Ordinal);

    private static string Describe(KernelFunction before, KernelFunction after) => $"--- before ---\n{before}\n--- after ---\n{after}";
}
