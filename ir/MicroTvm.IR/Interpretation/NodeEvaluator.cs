namespace MicroTvm.IR.Interpretation;

/// <summary>Chooses how a node is evaluated: its op's kernel, its quantized kernel, or float emulation of a quantized node.</summary>
internal static class NodeEvaluator
{
    public static ImmutableArray<HostTensor> Evaluate(KernelContext context)
    {
        if (!KernelTable.TryGet(context.Node.Op, out var entry))
        {
            throw new InterpreterFailure("the interpreter has no kernel for this op");
        }

        if (entry.Domain == KernelDomain.Storage || !IsQuantized(context))
        {
            return entry.Kernel(context);
        }

        return entry.Quantized is { } quantized ? quantized(context) : Emulation.Run(context, entry.Kernel);
    }

    public static bool IsQuantized(KernelContext context) =>
        context.Operands.Any(o => o is { Type.IsQuantized: true }) || context.ResultTypes.Any(t => t.IsQuantized);
}
