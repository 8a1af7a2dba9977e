using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;
using MicroTvm.Passes.Lowering;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// Lowers a graph, checks the kernel verifies, runs it with the KernelEvaluator on random inputs
/// and compares with the reference interpreter on the same graph: integer outputs byte for byte,
/// f32 outputs within the given tolerance (exact where the kernel does the interpreter's f32
/// operations, see each lowering's note).
/// </summary>
internal static class KernelDifferential
{
    /// <summary>Null when the kernel agrees (or the interpreter refuses the inputs); else what differs, with the graph and kernel as text.</summary>
    /// <param name="targetHasDsp">What <c>target_has_dsp()</c> answers in the evaluator.</param>
    /// <param name="dspWeights">lower-to-kernels' <c>dsp-weights</c>.</param>
    public static string? Check(Graph graph, int seed, FloatTolerance tolerance, out bool lowered, bool targetHasDsp = false, DspWeightLayout dspWeights = default)
    {
        var result = GroupLowerer.Lower(graph, "kernel", dspWeights);
        lowered = result.Kernel is not null;
        if (result.Kernel is not { } kernel)
        {
            return null;
        }

        var problems = KernelVerifier.Verify(kernel.Function);
        if (!problems.IsEmpty)
        {
            return $"the kernel does not verify: {string.Join("; ", problems)}\n{Describe(graph, kernel)}";
        }

        var inputs = RandomTensors.ForInputs(graph, seed);
        var expected = Interpreter.Run(new Module([graph]), inputs);
        if (!expected.Succeeded)
        {
            return null;
        }

        var buffers = Buffers(graph, kernel, inputs);
        try
        {
            KernelEvaluator.Run(kernel.Function, buffers, targetHasDsp);
        }
        catch (KernelEvaluationException exception)
        {
            return $"the kernel fails: {exception.Message}\n{Describe(graph, kernel)}";
        }

        var actual = ImmutableDictionary.CreateBuilder<string, TensorData>(StringComparer.Ordinal);
        for (var i = 0; i < kernel.Bindings.Length; i++)
        {
            if (kernel.Bindings[i] is KernelBinding.Output output)
            {
                var name = graph.Outputs[output.Index];
                actual[name] = new TensorData(graph.Index.FindValue(name)!.Type, buffers[kernel.Function.Parameters[i].Name]);
            }
        }

        var difference = OutputComparison.Describe(expected.Outputs, actual.ToImmutable(), tolerance);
        return difference is null ? null : $"seed {seed}: {difference}\n{Describe(graph, kernel)}";
    }

    public static Dictionary<string, byte[]> Buffers(Graph graph, LoweredKernel kernel, IReadOnlyDictionary<string, TensorData> inputs)
    {
        var buffers = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < kernel.Bindings.Length; i++)
        {
            var parameter = kernel.Function.Parameters[i];
            buffers[parameter.Name] = kernel.Bindings[i] switch
            {
                KernelBinding.Input input => inputs[graph.Inputs[input.Index].Name].Bytes.ToArray(),
                KernelBinding.Constant constant => constant.Node.GetTensor("value").Bytes.ToArray(),
                KernelBinding.Computed computed => computed.Data.Bytes.ToArray(),
                _ => new byte[parameter.ByteSize],
            };
        }

        return buffers;
    }

    private static string Describe(Graph graph, LoweredKernel kernel) =>
        $"--- graph ---\n{ModulePrinter.Print(new Module([graph]))}\n--- kernel ---\n{kernel.Function}";
}
