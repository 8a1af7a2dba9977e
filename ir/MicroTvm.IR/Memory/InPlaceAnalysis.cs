using MicroTvm.IR.Kernels;

namespace MicroTvm.IR.Memory;

/// <summary>
/// Decides from the kernel IR itself where an output may be written over an input. With the
/// output at offset o and the input at o + d, the write of output byte w clobbers input byte
/// w − d; that is harmless unless the input byte is read again later. <see cref="AccessTrace"/>
/// gives each input element's last read and each output element's first write, so the unsafe
/// distances are exactly { w − r : byte w first written before byte r's last read }, and every d
/// above their maximum is safe. An elementwise kernel (each element read, then written at the
/// same index) gets 0; a 1×1 convolution from C to 2C channels gets about the input's size.
/// </summary>
public static class InPlaceAnalysis
{
    /// <summary>Accesses traced per kernel before giving up (a bigger kernel simply gets no overlap).</summary>
    public const long DefaultBudget = 20_000_000;

    /// <summary>
    /// The least d ≥ 0 such that <paramref name="input"/> may start d bytes or more after
    /// <paramref name="output"/> in the same memory for every d' ≥ d, or null when the trace cannot tell.
    /// </summary>
    public static long? MinimumGap(KernelFunction kernel, string input, string output, long budget = DefaultBudget)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.FindParameter(input) is not { Role: BufferRole.Input } inputBuffer
            || kernel.FindParameter(output) is not { Role: BufferRole.Output } outputBuffer)
        {
            return null;
        }

        // The plan serves every target the code is built for: the gap must hold with and without DSP.
        var asksForDsp = KernelTraversal.Expressions(kernel.Body).Any(e => e is Call { Intrinsic: Intrinsic.TargetHasDsp });
        var worst = 0L;
        foreach (var targetHasDsp in asksForDsp ? [false, true] : (ReadOnlySpan<bool>)[false])
        {
            if (AccessTrace.Run(kernel, inputBuffer, outputBuffer, budget, targetHasDsp) is not { } trace)
            {
                return null;
            }

            worst = Math.Max(worst, Gap(trace, inputBuffer, outputBuffer));
        }

        return worst;
    }

    private static long Gap(AccessTrace trace, KernelBuffer inputBuffer, KernelBuffer outputBuffer)
    {
        // For a write at time t, the lowest input element still to be read after t bounds the gap.
        var readOrder = Enumerable.Range(0, trace.LastRead.Length).Where(r => trace.LastRead[r] >= 0).OrderBy(r => trace.LastRead[r]).ToArray();
        var times = readOrder.Select(r => trace.LastRead[r]).ToArray();
        var lowestFrom = new long[readOrder.Length + 1];
        lowestFrom[readOrder.Length] = long.MaxValue;
        for (var i = readOrder.Length - 1; i >= 0; i--)
        {
            lowestFrom[i] = Math.Min(lowestFrom[i + 1], readOrder[i]);
        }

        var inputSize = inputBuffer.ElementType.ByteSize();
        var outputSize = outputBuffer.ElementType.ByteSize();
        var gap = 0L;
        for (var w = 0; w < trace.FirstWrite.Length; w++)
        {
            var written = trace.FirstWrite[w];
            if (written < 0)
            {
                continue;
            }

            var later = UpperBound(times, written);
            if (lowestFrom[later] == long.MaxValue)
            {
                continue;
            }

            var lastWrittenByte = ((long)w * outputSize) + outputSize - 1;
            gap = Math.Max(gap, lastWrittenByte - (lowestFrom[later] * inputSize) + 1);
        }

        return gap;
    }

    /// <summary>
    /// Every pair of a <c>kernel_call</c> result that the plan places and an operand that the plan
    /// places and that dies at that call, with the gap every kernel input bound to the operand allows.
    /// </summary>
    public static ImmutableArray<InPlacePair> Pairs(Module module, IReadOnlyList<PlannableBuffer> buffers, long budget = DefaultBudget)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(buffers);
        var planned = buffers.Where(b => b.Workspace is null).ToDictionary(b => b.Value, StringComparer.Ordinal);
        var pairs = ImmutableArray.CreateBuilder<InPlacePair>();
        var main = module.Main;
        for (var step = 0; step < main.Nodes.Length; step++)
        {
            var node = main.Nodes[step];
            if (!ReferenceEquals(node.Op, Ops.KernelCall) || PlannableBuffers.KernelOf(module, node) is not { } kernel)
            {
                continue;
            }

            foreach (var operand in node.Operands.Distinct(StringComparer.Ordinal))
            {
                if (!planned.TryGetValue(operand, out var input) || input.LastStep != step)
                {
                    continue;
                }

                foreach (var result in node.Results.Where(r => planned.ContainsKey(r.Name)))
                {
                    if (Gap(module, node, kernel, operand, result.Name, budget) is { } gap)
                    {
                        pairs.Add(new InPlacePair(result.Name, operand, gap));
                    }
                }
            }
        }

        return pairs.ToImmutable();
    }

    /// <summary>The gap for <paramref name="result"/> over <paramref name="operand"/> of one call: the largest over the kernel inputs bound to the operand.</summary>
    public static long? Gap(Module module, Node call, KernelFunction kernel, string operand, string result, long budget = DefaultBudget)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(kernel);
        var arguments = kernel.Parameters.Where(p => p.Role is BufferRole.Input or BufferRole.Constant).ToList();
        var outputs = kernel.Parameters.Where(p => p.Role == BufferRole.Output).ToList();
        var resultIndex = call.Results.Select(r => r.Name).ToList().IndexOf(result);
        if (resultIndex < 0 || resultIndex >= outputs.Count)
        {
            return null;
        }

        long? gap = null;
        for (var i = 0; i < Math.Min(arguments.Count, call.Operands.Length); i++)
        {
            if (call.Operands[i] != operand)
            {
                continue;
            }

            if (MinimumGap(kernel, arguments[i].Name, outputs[resultIndex].Name, budget) is not { } one)
            {
                return null;
            }

            gap = Math.Max(gap ?? 0, one);
        }

        return gap;
    }

    private static int UpperBound(long[] sorted, long value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
