namespace MicroTvm.IR.Verification;

/// <summary>
/// Checks every structural and typing invariant of a module and reports all violations, each
/// with a stable id, the node's location when it has one, and a message naming the graph, the
/// node's first result and its op so that it stands on its own. An empty result means valid.
/// </summary>
public static class ModuleVerifier
{
    public static ImmutableArray<Diagnostic> Verify(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var diagnostics = new DiagnosticBag();
        if (module.Graphs.Length == 0)
        {
            diagnostics.Error(VerifierDiagnosticIds.NoGraphs, "the module has no graph");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var graph in module.Graphs)
        {
            if (!names.Add(graph.Name))
            {
                diagnostics.Error(VerifierDiagnosticIds.DuplicateGraphName, $"graph name '{graph.Name}' is used by more than one graph");
            }

            GraphVerifier.Verify(graph, diagnostics);
        }

        CallVerifier.Verify(module, diagnostics);
        KernelsVerifier.Verify(module, diagnostics);
        KernelCallVerifier.Verify(module, diagnostics);
        if (!diagnostics.HasErrors)
        {
            // The plan is checked against the executor's buffers, which need a valid graph to compute.
            MemoryPlanVerifier.Verify(module, diagnostics);
        }

        return diagnostics.ToImmutable();
    }
}
