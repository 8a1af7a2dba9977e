using MicroTvm.IR.Kernels;

namespace MicroTvm.IR.Memory;

/// <summary>
/// The buffers of a lowered module's main graph that live in workspace pools: every
/// <c>kernel_call</c> result that is not a graph output and every workspace parameter of every
/// call, with its size, alignment and lifetime over the main graph's node order; and, when the
/// plan holds the model's I/O (<see cref="MemoryPlan.IoInPoolAttribute"/>), the graph's inputs
/// (live from the first step to their last use) and outputs (from their definition to one step
/// past the last: they outlive the run, so no kernel may write over them in place). Otherwise the application supplies inputs and outputs. <c>plan-memory</c> places them;
/// the verifier checks a plan against them.
/// </summary>
public static class PlannableBuffers
{
    /// <summary>The buffers of the module's own plan: with the model's I/O when that plan holds it.</summary>
    public static ImmutableArray<PlannableBuffer> Of(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Of(module, module.MemoryPlan?.HoldsIo == true);
    }

    /// <summary>
    /// The buffers in step order (the graph's inputs when <paramref name="includeIo"/>, then per call
    /// its results, then its workspaces). The module must verify.
    /// </summary>
    public static ImmutableArray<PlannableBuffer> Of(Module module, bool includeIo)
    {
        ArgumentNullException.ThrowIfNull(module);
        var main = module.Main;
        var liveness = Liveness.Analyze(main);
        var outputs = main.Outputs.ToHashSet(StringComparer.Ordinal);
        var alignments = Alignments(module);
        var buffers = ImmutableArray.CreateBuilder<PlannableBuffer>();
        if (includeIo)
        {
            foreach (var input in main.Inputs)
            {
                buffers.Add(new PlannableBuffer(input.Name, null, input.Type.ByteSize, alignments[input.Name], 0, liveness.IntervalOf(input.Name).LastUse));
            }
        }

        for (var step = 0; step < main.Nodes.Length; step++)
        {
            var node = main.Nodes[step];
            if (!ReferenceEquals(node.Op, Ops.KernelCall) || KernelOf(module, node) is not { } kernel)
            {
                continue;
            }

            foreach (var result in node.Results.Where(r => includeIo || !outputs.Contains(r.Name)))
            {
                // A model output outlives the run: one step past the last, so that no call, not even the last, counts as its end.
                var interval = liveness.IntervalOf(result.Name);
                var lastStep = outputs.Contains(result.Name) ? main.Nodes.Length : interval.LastUse;
                buffers.Add(new PlannableBuffer(result.Name, null, result.Type.ByteSize, alignments[result.Name], interval.Definition, lastStep));
            }

            foreach (var scratch in kernel.Parameters.Where(p => p.Role == BufferRole.Workspace))
            {
                buffers.Add(new PlannableBuffer(node.Results[0].Name, scratch.Name, scratch.ByteSize, scratch.Alignment, step, step));
            }
        }

        return buffers.ToImmutable();
    }

    /// <summary>
    /// The lower bound of any placement of <paramref name="buffers"/>: the largest sum of bytes
    /// live at one step, and the first step where it is reached.
    /// </summary>
    public static (int Step, long Bytes) LowerBound(IReadOnlyList<PlannableBuffer> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        var steps = buffers.Select(b => b.LastStep).DefaultIfEmpty(-1).Max() + 1;
        var delta = new long[steps + 1];
        foreach (var buffer in buffers)
        {
            delta[buffer.FirstStep] += buffer.Bytes;
            delta[buffer.LastStep + 1] -= buffer.Bytes;
        }

        var best = (Step: 0, Bytes: 0L);
        var live = 0L;
        for (var step = 0; step < steps; step++)
        {
            live += delta[step];
            if (live > best.Bytes)
            {
                best = (step, live);
            }
        }

        return best;
    }

    /// <summary>
    /// The lower bound counting the model's inputs and outputs as well (live from the first step
    /// to their last use, and to the end): what one arena holding everything would need at least.
    /// </summary>
    public static long LowerBoundWithIo(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var main = module.Main;
        var liveness = Liveness.Analyze(main);
        var buffers = Of(module, includeIo: false);
        var workspaceBytes = new long[Math.Max(1, main.Nodes.Length)];
        foreach (var buffer in buffers.Where(b => b.Workspace is not null))
        {
            workspaceBytes[buffer.FirstStep] += buffer.Bytes;
        }

        var best = 0L;
        for (var step = 0; step < main.Nodes.Length; step++)
        {
            best = Math.Max(best, liveness.LiveBytesAt(step) + workspaceBytes[step]);
        }

        return best;
    }

    /// <summary>The kernel a <c>kernel_call</c> runs, or null when the attribute or the kernel is missing.</summary>
    public static KernelFunction? KernelOf(Module module, Node node) =>
        node.GetAttribute("kernel") is StringAttribute { Value: var name } ? module.FindKernel(name) : null;

    /// <summary>
    /// Per value of the main graph, the alignment its buffer needs: the largest any kernel
    /// parameter bound to it declares, at least its element size.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Alignments(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var main = module.Main;
        var alignments = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in main.Inputs.Concat(main.Nodes.SelectMany(n => n.Results)))
        {
            alignments[value.Name] = value.Type.ElementType.ByteSize();
        }

        foreach (var node in main.Nodes.Where(n => ReferenceEquals(n.Op, Ops.KernelCall)))
        {
            if (KernelOf(module, node) is not { } kernel)
            {
                continue;
            }

            var arguments = kernel.Parameters.Where(p => p.Role is BufferRole.Input or BufferRole.Constant).ToList();
            var outputs = kernel.Parameters.Where(p => p.Role == BufferRole.Output).ToList();
            for (var i = 0; i < Math.Min(arguments.Count, node.Operands.Length); i++)
            {
                Raise(alignments, node.Operands[i], arguments[i].Alignment);
            }

            for (var i = 0; i < Math.Min(outputs.Count, node.Results.Length); i++)
            {
                Raise(alignments, node.Results[i].Name, outputs[i].Alignment);
            }
        }

        return alignments;
    }

    private static void Raise(Dictionary<string, int> alignments, string value, int alignment)
    {
        if (alignments.TryGetValue(value, out var current) && alignment > current)
        {
            alignments[value] = alignment;
        }
    }
}
