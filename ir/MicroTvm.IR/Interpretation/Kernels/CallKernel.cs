namespace MicroTvm.IR.Interpretation;

/// <summary><c>call</c>: runs the callee graph on the operands; its outputs are the results.</summary>
internal static class CallKernel
{
    public static ImmutableArray<HostTensor> Call(KernelContext context)
    {
        var runGraph = context.RunGraph ?? throw new InterpreterFailure("call needs the module of its graph");
        var arguments = ImmutableArray.CreateBuilder<HostTensor>(context.OperandCount);
        for (var i = 0; i < context.OperandCount; i++)
        {
            arguments.Add(context.Operand(i));
        }

        var results = runGraph(context.Node.GetString("callee"), arguments.MoveToImmutable());
        if (results.Length != context.ResultTypes.Length)
        {
            throw new InterpreterFailure($"the callee returns {results.Length} value(s) but the call declares {context.ResultTypes.Length}");
        }

        for (var i = 0; i < results.Length; i++)
        {
            if (!results[i].Type.Equals(context.ResultTypes[i]))
            {
                throw new InterpreterFailure($"result {i} of the callee is {results[i].Type} but the call declares {context.ResultTypes[i]}");
            }
        }

        return results;
    }
}
