using MicroTvm.IR.Kernels;

namespace MicroTvm.IR.Verification;

/// <summary>
/// The module-level rules of <c>kernel_call</c>: the kernel exists; the operands match its input
/// and constant parameters and the results its output parameters, in order, in number, element
/// type and element count (buffers are flat, so shapes are the graph's business).
/// </summary>
internal static class KernelCallVerifier
{
    public static void Verify(Module module, DiagnosticBag diagnostics)
    {
        foreach (var graph in module.Graphs)
        {
            foreach (var node in graph.Nodes.Where(node => ReferenceEquals(node.Op, Ops.KernelCall)))
            {
                if (node.GetAttribute("kernel") is not StringAttribute { Value: var name })
                {
                    continue; // the graph verifier reports the missing attribute
                }

                var place = $"graph '{graph.Name}', {(node.Results.Length > 0 ? $"%{node.Results[0].Name} = " : string.Empty)}kernel_call @{name}";
                if (module.FindKernel(name) is not { } kernel)
                {
                    diagnostics.Error(VerifierDiagnosticIds.UnknownKernel, $"{place}: the module has no kernel '{name}'", node.Location);
                    continue;
                }

                if (node.Results.Length == 0)
                {
                    diagnostics.Error(VerifierDiagnosticIds.KernelCallWithoutResults, $"{place}: a kernel call must have at least one result (a kernel's effect is its outputs)", node.Location);
                    continue;
                }

                var arguments = kernel.Parameters.Where(p => p.Role is BufferRole.Input or BufferRole.Constant).ToList();
                var outputs = kernel.Parameters.Where(p => p.Role == BufferRole.Output).ToList();
                if (arguments.Count != node.Operands.Length || outputs.Count != node.Results.Length)
                {
                    diagnostics.Error(
                        VerifierDiagnosticIds.KernelCallArity,
                        $"{place}: passes {node.Operands.Length} operand(s) and {node.Results.Length} result(s) but the kernel takes {arguments.Count} input/constant and {outputs.Count} output buffer(s)",
                        node.Location);
                    continue;
                }

                for (var i = 0; i < arguments.Count; i++)
                {
                    Check(graph.Index.FindValue(node.Operands[i]), arguments[i], place, node, diagnostics);
                }

                for (var i = 0; i < outputs.Count; i++)
                {
                    Check(node.Results[i], outputs[i], place, node, diagnostics);
                }
            }
        }
    }

    private static void Check(Value? value, KernelBuffer buffer, string place, Node node, DiagnosticBag diagnostics)
    {
        if (value is not null && (value.Type.ElementType != buffer.ElementType || value.Type.ElementCount != buffer.Count))
        {
            diagnostics.Error(
                VerifierDiagnosticIds.KernelCallBufferMismatch,
                $"{place}: '%{value.Name}' is {TypeSpelling.Of(value.Type)} but buffer '{buffer.Name}' holds {buffer.Count} {buffer.ElementType.Mnemonic()}",
                node.Location);
        }
    }
}
