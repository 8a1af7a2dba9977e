using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.KernelRewriting;

/// <summary>
/// Runs a kernel rewrite over every kernel of a module. A kernel that does not verify on entry
/// is left for the pass manager's verifier to report; a rewritten kernel that no longer verifies
/// (the verifier's interval analysis can lose a correlation the input's indices had) is replaced
/// by its input and counted, so the module stays valid.
/// </summary>
public static class EachKernel
{
    public static Module Rewrite(Module module, Func<KernelFunction, KernelFunction> rewrite, PassStatistic reverted)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(rewrite);
        ArgumentNullException.ThrowIfNull(reverted);
        var kernels = ImmutableArray.CreateBuilder<KernelFunction>(module.Kernels.Length);
        var changed = false;
        foreach (var kernel in module.Kernels)
        {
            var result = kernel;
            if (Verifies(kernel))
            {
                result = rewrite(kernel);
                if (!ReferenceEquals(result, kernel) && !Verifies(result))
                {
                    reverted.Increment();
                    result = kernel;
                }
            }

            changed |= !ReferenceEquals(result, kernel);
            kernels.Add(result);
        }

        return changed ? module.WithKernels(kernels.MoveToImmutable()) : module;
    }

    private static bool Verifies(KernelFunction kernel) => KernelVerifier.Verify(kernel).IsEmpty;
}
