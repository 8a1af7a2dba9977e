namespace MicroTvm.IR.Kernels;

/// <summary>
/// Executes a kernel on host memory with the semantics a C backend must reproduce bit for bit:
/// i32/i64 arithmetic that would overflow, and every other construct C leaves undefined, throws
/// a <see cref="KernelEvaluationException"/> instead of producing a value; casts wrap as two's
/// complement; the intrinsics compute exactly what runtime/crt/include/mtvm/fixed_point.h does;
/// f32 operations round to f32. Used to test lowering against the graph interpreter without a
/// C compiler, and the C backend against this evaluator.
/// </summary>
public static class KernelEvaluator
{
    /// <summary>
    /// Runs <paramref name="function"/> (which must verify) on <paramref name="buffers"/>: one
    /// little-endian byte array per parameter, by name, exactly the parameter's byte size.
    /// Output and workspace arrays are updated in place.
    /// </summary>
    public static void Run(KernelFunction function, IReadOnlyDictionary<string, byte[]> buffers) => Run(function, buffers, targetHasDsp: false);

    /// <summary>
    /// <see cref="Run(KernelFunction, IReadOnlyDictionary{string, byte[]})"/> for a target with or
    /// without the DSP extension (what <c>target_has_dsp()</c> returns; the other overload: without).
    /// </summary>
    public static void Run(KernelFunction function, IReadOnlyDictionary<string, byte[]> buffers, bool targetHasDsp)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(buffers);
        var diagnostics = KernelVerifier.Verify(function);
        if (!diagnostics.IsEmpty)
        {
            throw new ArgumentException($"kernel '{function.Name}' does not verify:\n{string.Join("\n", diagnostics)}", nameof(function));
        }

        foreach (var parameter in function.Parameters)
        {
            if (!buffers.TryGetValue(parameter.Name, out var bytes) || bytes.Length != parameter.ByteSize)
            {
                throw new ArgumentException($"buffer '{parameter.Name}' needs an array of {parameter.ByteSize} bytes", nameof(buffers));
            }
        }

        new KernelExecution(function, buffers, targetHasDsp).Run();
    }
}
