using MicroTvm.IR.Kernels;

namespace MicroTvm.IR.Verification;

/// <summary>
/// The module-level check of kernels: every kernel passes <see cref="KernelVerifier"/>, and no
/// kernel shares its name with a graph or another kernel (a call names either by its name).
/// </summary>
internal static class KernelsVerifier
{
    public static void Verify(Module module, DiagnosticBag diagnostics)
    {
        var graphNames = module.Graphs.Select(graph => graph.Name).ToHashSet(StringComparer.Ordinal);
        var kernelNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kernel in module.Kernels)
        {
            if (graphNames.Contains(kernel.Name))
            {
                diagnostics.Error(VerifierDiagnosticIds.DuplicateKernelName, $"kernel name '{kernel.Name}' is also the name of a graph");
            }
            else if (!kernelNames.Add(kernel.Name))
            {
                diagnostics.Error(VerifierDiagnosticIds.DuplicateKernelName, $"kernel name '{kernel.Name}' is used by more than one kernel");
            }

            diagnostics.AddRange(KernelVerifier.Verify(kernel));
        }
    }
}
