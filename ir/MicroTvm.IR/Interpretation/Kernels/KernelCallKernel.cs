using MicroTvm.IR.Kernels;

namespace MicroTvm.IR.Interpretation;

/// <summary>
/// <c>kernel_call</c>: runs the named kernel with the <see cref="KernelEvaluator"/> (C's exact
/// semantics), the operands' bytes bound to its input and constant buffers in order and fresh
/// zeroed arrays to its outputs and workspaces; the outputs, in order, are the results.
/// </summary>
internal static class KernelCallKernel
{
    public static ImmutableArray<HostTensor> KernelCall(KernelContext context)
    {
        var name = context.Node.GetString("kernel");
        var kernel = context.FindKernel?.Invoke(name) ?? throw new InterpreterFailure($"the module has no kernel '{name}'");
        var buffers = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var (operand, outputs) = (0, new List<byte[]>());
        foreach (var parameter in kernel.Parameters)
        {
            if (parameter.Role is BufferRole.Input or BufferRole.Constant)
            {
                var bytes = context.Operand(operand++).ToData().Bytes.ToArray();
                buffers[parameter.Name] = bytes.Length == parameter.ByteSize
                    ? bytes
                    : throw new InterpreterFailure($"operand {operand - 1} has {bytes.Length} bytes but buffer '{parameter.Name}' needs {parameter.ByteSize}");
                continue;
            }

            var array = new byte[parameter.ByteSize];
            buffers[parameter.Name] = array;
            if (parameter.Role == BufferRole.Output)
            {
                outputs.Add(array);
            }
        }

        if (operand != context.OperandCount || outputs.Count != context.ResultTypes.Length)
        {
            throw new InterpreterFailure($"kernel '{name}' takes {operand} operand(s) and {outputs.Count} result(s); the call has {context.OperandCount} and {context.ResultTypes.Length}");
        }

        try
        {
            KernelEvaluator.Run(kernel, buffers);
        }
        catch (KernelEvaluationException exception)
        {
            throw new InterpreterFailure($"kernel '{name}': {exception.Message}");
        }
        catch (ArgumentException exception)
        {
            throw new InterpreterFailure($"kernel '{name}' cannot run: {exception.Message}");
        }

        return [.. outputs.Select((bytes, i) => HostTensor.FromData(new TensorData(context.ResultTypes[i], bytes), context.ResultTypes[i]))];
    }
}
