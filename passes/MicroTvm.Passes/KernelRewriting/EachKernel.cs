using System.Runtime.ExceptionServices;
using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.KernelRewriting;

/// <summary>
/// Runs a kernel rewrite over every kernel of a module. A kernel that does not verify on entry
/// is left for the pass manager's verifier to report; a rewritten kernel that no longer verifies
/// (the verifier's interval analysis can lose a correlation the input's indices had) is replaced
/// by its input and counted, so the module stays valid. Kernels are rewritten in parallel: a
/// rewrite sees one kernel and only adds to statistics, so the result does not depend on the order.
/// </summary>
public static class EachKernel
{
    public static Module Rewrite(Module module, Func<KernelFunction, KernelFunction> rewrite, PassStatistic reverted)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(rewrite);
        ArgumentNullException.ThrowIfNull(reverted);
        var kernels = module.Kernels;
        var results = new KernelFunction[kernels.Length];
        try
        {
            Parallel.For(0, kernels.Length, i => results[i] = RewriteOne(kernels[i], rewrite, reverted));
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
        {
            // The pass manager reports a crashing pass (and writes its reproducer) from the rewrite's own exception.
            ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
        }

        return results.Where((result, i) => !ReferenceEquals(result, kernels[i])).Any()
            ? module.WithKernels([.. results])
            : module;
    }

    private static KernelFunction RewriteOne(KernelFunction kernel, Func<KernelFunction, KernelFunction> rewrite, PassStatistic reverted)
    {
        if (!Verifies(kernel))
        {
            return kernel;
        }

        var result = rewrite(kernel);
        if (!ReferenceEquals(result, kernel) && !Verifies(result))
        {
            reverted.Increment();
            return kernel;
        }

        return result;
    }

    private static bool Verifies(KernelFunction kernel) => KernelVerifier.Verify(kernel).IsEmpty;
}
